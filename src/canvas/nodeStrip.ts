/**
 * Node frames with nothing left to show: when namespaces are folded into islands, a node whose
 * pods all went into them would stay as an empty frame joined to the others by its links. Such
 * frames fold into one strip card that says how many nodes it holds and opens like an island.
 * A frame holding the selection stays. Pure.
 */
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';
import { byNumberAware, extent, plural } from './islands.ts';

export const NODE_STRIP_KEY = 'NodeStrip';
export const isNodeStripKey = (key: string) => key === NODE_STRIP_KEY;

export interface StripFold {
  readonly nodes: readonly CanvasNode[];
  readonly edges: readonly CanvasEdge[];
  /** The frames folded into the strip, by element key. */
  readonly folded: ReadonlySet<string>;
}

/** `node-1 … node-60`, or the one name. */
export function stripRange(nodes: readonly string[]): string {
  if (nodes.length <= 1) return nodes[0] ?? '';
  return `${nodes[0]} … ${nodes[nodes.length - 1]}`;
}

/**
 * Replaces the frames that hold no element (and are not kept) with one strip card, which comes
 * with the box the frames covered (placeIslands gives it its own place).
 */
export function foldEmptyFrames(
  nodes: readonly CanvasNode[],
  edges: readonly CanvasEdge[],
  keep: ReadonlySet<string>,
): StripFold {
  const holding = new Set<string>();
  for (const node of nodes) if (node.parentId) holding.add(node.parentId);
  const folded = new Set<string>();
  const frames: CanvasNode[] = [];
  const names: string[] = [];
  for (const node of nodes) {
    if (node.type !== 'frame' || holding.has(node.id) || keep.has(node.id)) continue;
    folded.add(node.id);
    frames.push(node);
    names.push(node.data.node.name);
  }
  if (folded.size === 0) return { nodes, edges, folded };
  names.sort(byNumberAware);
  const { x, y, width, height } = extent(frames);
  const strip: CanvasNode = {
    id: NODE_STRIP_KEY,
    type: 'nodeStrip',
    position: { x, y },
    width,
    height,
    draggable: false,
    data: { strip: { key: NODE_STRIP_KEY, nodes: names }, highlight: null },
    ariaLabel: `${plural(names.length, 'node')}, ${stripRange(names)}, their pods in the namespaces: open to show the nodes`,
  };
  return {
    nodes: [...nodes.filter((n) => !folded.has(n.id)), strip],
    edges: edges.filter((e) => !folded.has(e.source) && !folded.has(e.target)),
    folded,
  };
}
