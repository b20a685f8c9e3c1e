/**
 * The canvas with collapsed groups folded: each group's pods give way to one card in the first
 * pod's place (the frame keeps its size, so opening a card moves nothing), and the links to
 * those pods become one link to the card. Pure: the canvas hands in what podGroups decided.
 */
import { MarkerType } from '@xyflow/react';
import { markerColour } from './canvasEdges.ts';
import type { CanvasEdge, CanvasNode, PodGroupView, PodView } from './flowTypes.ts';
import { cardOfPod, type PodGroup } from './podGroups.ts';
import { nameOfKey } from '../scenario/document/elementKey.ts';

export interface FoldedCanvas {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  /** The card each collapsed pod is drawn as, by pod key. */
  readonly cardOf: ReadonlyMap<string, string>;
}

const NONE: ReadonlyMap<string, string> = new Map();

export function groupView(group: PodGroup, pods: ReadonlyMap<string, PodView>): PodGroupView {
  const policies = new Set<string>();
  for (const key of group.members)
    for (const name of pods.get(key)?.policies ?? []) policies.add(name);
  return {
    key: group.key,
    name: group.owner.name,
    ownerKind: group.owner.kind,
    namespace: group.namespace,
    node: group.node,
    count: group.members.length,
    ready: group.ready,
    policies: [...policies].sort(),
  };
}

/** How a card names what it holds: `12 pods of Deployment web on node-1`. */
export function groupTitle(view: PodGroupView): string {
  const owner = view.ownerKind === 'Deployment' ? `Deployment ${view.name}` : `app ${view.name}`;
  return `${view.count} pods of ${owner} on ${view.node}`;
}

export function foldPodGroups(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  collapsed: readonly PodGroup[],
  pods: ReadonlyMap<string, PodView>,
): FoldedCanvas {
  if (collapsed.length === 0) return { nodes, edges, cardOf: NONE };
  const cardOf = cardOfPod(collapsed);
  const groupByKey = new Map(collapsed.map((g) => [g.key, g]));
  const firstOf = new Map(collapsed.map((g) => [g.members[0], g]));
  const folded: CanvasNode[] = [];
  for (const node of nodes) {
    const group = firstOf.get(node.id);
    if (group) {
      const view = groupView(group, pods);
      folded.push({
        id: group.key,
        type: 'podGroup',
        parentId: node.parentId,
        position: node.position,
        width: node.width,
        height: node.height,
        measured: node.measured,
        draggable: false,
        data: { group: view, highlight: null, emphasis: null },
        ariaLabel: `${groupTitle(view)}, collapsed: open to show them`,
      });
    } else if (!cardOf.has(node.id)) {
      folded.push(node);
    }
  }

  // Links to pods of one card become one link, ready when any of them is.
  const merged = new Map<string, { edge: CanvasEdge; count: number; ready: number }>();
  const out: (CanvasEdge | string)[] = [];
  for (const edge of edges) {
    const card = cardOf.get(edge.target);
    if (!card) {
      out.push(edge);
      continue;
    }
    const id = `${edge.data?.kind}:${edge.source}->${card}`;
    const entry = merged.get(id);
    const ready = edge.data?.ready ? 1 : 0;
    if (entry) {
      entry.count++;
      entry.ready += ready;
    } else {
      merged.set(id, { edge: { ...edge, id, target: card }, count: 1, ready });
      out.push(id);
    }
  }
  const foldedEdges = out.map((item) => {
    if (typeof item !== 'string') return item;
    const { edge, count, ready } = merged.get(item) as {
      edge: CanvasEdge;
      count: number;
      ready: number;
    };
    const kind = edge.data?.kind ?? 'selects';
    const group = groupByKey.get(edge.target);
    const source = nameOfKey(edge.source);
    return {
      ...edge,
      data: { ...edge.data, kind, ready: ready > 0 },
      ariaLabel: `Service ${source} selects ${count} pods of ${group?.owner.name ?? ''} on ${group?.node ?? ''} (${ready} ready)`,
      markerEnd: {
        type: MarkerType.ArrowClosed,
        width: 16,
        height: 16,
        color: markerColour(kind, ready > 0),
      },
    } as CanvasEdge;
  });
  return { nodes: folded, edges: foldedEdges, cardOf };
}
