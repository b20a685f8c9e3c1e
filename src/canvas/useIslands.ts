/**
 * The canvas at a distance: asks islands which namespaces to draw as one card (from the zoom,
 * what the person opened and what is selected), folds them, shrinks the node frames around
 * what is left (compactFrames), folds the frames left empty into one strip (nodeStrip) and
 * places the islands. Re-renders only when that answer changes, not on every pan or zoom step.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useMemo } from 'react';
import { isKeyOfKind, parseElementKey } from '../scenario/document/elementKey.ts';
import type { FlowElements } from './buildFlowElements.ts';
import { compactFrames } from './compactFrames.ts';
import type { FoldedCanvas } from './groupCards.ts';
import {
  byNumberAware,
  closedIslands,
  foldIslands,
  ISLAND_ZOOM,
  islandViews,
  placeIslands,
} from './islands.ts';
import { foldEmptyFrames, isNodeStripKey, NODE_STRIP_KEY } from './nodeStrip.ts';
import { COLLAPSE_FROM_PODS } from './podGroups.ts';
import type { PodGroupsView } from './usePodGroups.ts';
import { useOpenedSet } from './useOpenedSet.ts';
import { FAR_ZOOM } from './useFarView.ts';

const distantSelector = (s: ReactFlowState) => s.transform[2] < ISLAND_ZOOM;
const farSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;
const portraitSelector = (s: ReactFlowState) => s.height > s.width;

export interface IslandsView extends FoldedCanvas {
  /**
   * Opens a folded card: a group into its pods, an island into its namespace, the strip into
   * its node frames.
   */
  readonly open: (key: string) => void;
  /** Some namespace is drawn as an island. */
  readonly shown: boolean;
}

export function useIslands(
  built: FlowElements,
  folded: PodGroupsView,
  selectedKeys: readonly string[],
  resetKey: unknown,
): IslandsView {
  const distant = useStore(distantSelector);
  const far = useStore(farSelector);
  const portrait = useStore(portraitSelector);
  const podCount = built.pods.size;
  const { opened, open: openIsland } = useOpenedSet(resetKey);

  const { namespaces, populated } = useMemo(() => {
    const withPods = new Set([...built.pods.values()].map((p) => p.namespace));
    const cards = built.nodes.flatMap((n) =>
      n.type === 'namespace' ? [n.data.namespace.name] : [],
    );
    return {
      namespaces: [...new Set([...withPods, ...cards])].sort(byNumberAware),
      populated: withPods.size,
    };
  }, [built]);
  const views = useMemo(
    () =>
      islandViews(
        built.pods.values(),
        folded.groups,
        built.nodes.filter((n) => n.type === 'service').map((n) => n.id),
      ),
    [built, folded.groups],
  );
  // A string, so a new selection in the same namespaces changes nothing.
  const keepText = selectedKeys
    .map((key) => built.pods.get(key)?.namespace ?? parseElementKey(key)?.namespace)
    .filter((ns): ns is string => !!ns)
    .sort()
    .join('\n');
  const closed = useMemo(
    () =>
      closedIslands({
        namespaces,
        populated,
        podCount,
        distant,
        opened,
        keep: new Set(keepText ? keepText.split('\n') : []),
      }),
    [namespaces, populated, podCount, distant, opened, keepText],
  );

  const compact = far && podCount >= COLLAPSE_FROM_PODS;
  const stripOpened = opened.has(NODE_STRIP_KEY);
  // A string, so a new selection of the same frames changes nothing.
  const keptFrames = selectedKeys.filter((key) => isKeyOfKind(key, 'Node')).join('\n');
  const view = useMemo(() => {
    const fold = foldIslands(folded.nodes, folded.edges, closed, views);
    // With namespaces folded, frames left empty fold into one strip (unless it was opened).
    const shrunk = compact ? compactFrames(fold.nodes) : fold.nodes;
    const strip =
      closed.size > 0 && !stripOpened
        ? foldEmptyFrames(shrunk, fold.edges, new Set(keptFrames.split('\n')))
        : { nodes: shrunk, edges: fold.edges };
    const nodes = placeIslands(strip.nodes, portrait);
    if (fold.islandOf.size === 0) return { nodes, edges: strip.edges, cardOf: folded.cardOf };
    // A pod in a folded card inside an island is drawn as the island.
    const cardOf = new Map(fold.islandOf);
    for (const [pod, card] of folded.cardOf) cardOf.set(pod, fold.islandOf.get(card) ?? card);
    return { nodes, edges: strip.edges, cardOf };
  }, [folded, closed, views, compact, stripOpened, keptFrames, portrait]);

  const openGroup = folded.open;
  const open = useMemo(
    () => (key: string) =>
      key.startsWith('Island/') || isNodeStripKey(key) ? openIsland(key) : openGroup(key),
    [openIsland, openGroup],
  );
  return { ...view, open, shown: closed.size > 0 };
}
