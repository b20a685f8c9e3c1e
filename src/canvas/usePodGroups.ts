/**
 * A canvas that scales: asks podGroups which replicas to draw as one card (from the zoom, what
 * is on screen, what the person opened and what is selected) and folds them (groupCards).
 * Re-renders only when that answer changes, not on every pan or zoom step.
 */
import { useStore, type ReactFlowState } from '@xyflow/react';
import { useCallback, useMemo, useState } from 'react';
import { useOpenedSet } from './useOpenedSet.ts';
import { nodeKey } from '../scenario/document/elementKey.ts';
import type { FlowElements } from './buildFlowElements.ts';
import type { CanvasNode } from './flowTypes.ts';
import { foldPodGroups, type FoldedCanvas } from './groupCards.ts';
import { NodeCache } from './useStableNodes.ts';
import {
  collapsedGroups,
  CROWDED_PODS,
  groupPods,
  groupRects,
  groupsOnScreen,
  type PodGroup,
} from './podGroups.ts';
import { FAR_ZOOM } from './useFarView.ts';

const farSelector = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

export interface PodGroupsView extends FoldedCanvas {
  /** Every workload group on the canvas, folded or not. */
  readonly groups: readonly PodGroup[];
  /** Opens a collapsed card into its pods. */
  readonly open: (groupKey: string) => void;
}

export function usePodGroups(
  built: FlowElements,
  nodes: readonly CanvasNode[],
  selectedKeys: readonly string[],
  /** Opened cards close again when this changes (another scenario was loaded). */
  resetKey: unknown,
): PodGroupsView {
  const groups = useMemo(() => groupPods([...built.pods.values()]), [built]);
  const podCount = built.pods.size;
  const crowded = podCount > CROWDED_PODS;
  const far = useStore(farSelector);

  const rects = useMemo(
    () => (crowded ? groupRects(groups, built.boxes, (name) => nodeKey({ name })) : null),
    [crowded, groups, built],
  );
  // A string, so the canvas re-renders only when the set of groups on screen changes.
  const onScreenText = useStore(
    useCallback(
      (s: ReactFlowState) => {
        if (!rects) return '';
        const [tx, ty, zoom] = s.transform;
        // Half a screen of margin: a group opens just before it scrolls into view.
        const view = {
          x: -tx / zoom - s.width / zoom / 2,
          y: -ty / zoom - s.height / zoom / 2,
          width: (2 * s.width) / zoom,
          height: (2 * s.height) / zoom,
        };
        return groupsOnScreen(rects, view).join('\n');
      },
      [rects],
    ),
  );

  const { opened: openedNow, open } = useOpenedSet(resetKey);

  const collapsed = useMemo(
    () =>
      collapsedGroups({
        groups,
        podCount,
        far,
        opened: openedNow,
        keep: new Set(selectedKeys),
        onScreen: new Set(onScreenText ? onScreenText.split('\n') : []),
      }),
    [groups, podCount, far, openedNow, selectedKeys, onScreenText],
  );

  // Hands back a group card's previous object while what it shows is the same (React Flow
  // compares by identity).
  const [cards] = useState(() => new NodeCache(groupSignature));
  const folded = useMemo(() => {
    const result = foldPodGroups(nodes, built.edges, collapsed, built.pods);
    return { ...result, nodes: cards.stabilize(result.nodes) };
  }, [nodes, built, collapsed, cards]);

  return { ...folded, groups, open };
}

function groupSignature(node: CanvasNode): string | null {
  if (node.type !== 'podGroup') return null;
  return JSON.stringify([node.parentId, node.position, node.height, node.data]);
}
