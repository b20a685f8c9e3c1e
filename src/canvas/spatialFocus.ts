import type { InternalNode } from '@xyflow/react';
import type { CanvasNode } from './flowTypes.ts';

type Direction = 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight';

const VECTORS: Record<Direction, { x: number; y: number }> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

/**
 * The element to focus next when an arrow key is pressed on `from`: the nearest one whose centre
 * lies in that direction, preferring those straight ahead over those off to the side.
 */
export function nextFocus(
  from: string,
  key: string,
  lookup: (id: string) => InternalNode<CanvasNode> | undefined,
  nodes: readonly CanvasNode[],
): string | null {
  const vector = VECTORS[key as Direction];
  const origin = lookup(from);
  if (!vector || !origin) return null;
  const centre = (n: InternalNode<CanvasNode>) => ({
    x: n.internals.positionAbsolute.x + (n.measured.width ?? n.width ?? 0) / 2,
    y: n.internals.positionAbsolute.y + (n.measured.height ?? n.height ?? 0) / 2,
  });
  const o = centre(origin);
  let best: string | null = null;
  let bestScore = Infinity;
  for (const node of nodes) {
    // A node and the pods inside it are not "next to" each other: Tab goes in and out.
    if (node.id === from || node.id === origin.parentId || node.parentId === from) continue;
    const internal = lookup(node.id);
    if (!internal) continue;
    const c = centre(internal);
    const dx = c.x - o.x;
    const dy = c.y - o.y;
    const ahead = dx * vector.x + dy * vector.y;
    if (ahead <= 1) continue;
    const side = Math.abs(dx * vector.y) + Math.abs(dy * vector.x);
    const score = ahead + side * 2;
    if (score < bestScore) {
      bestScore = score;
      best = node.id;
    }
  }
  return best;
}
