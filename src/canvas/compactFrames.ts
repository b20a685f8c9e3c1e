/**
 * Node frames that fit what they hold at a distance: once a node's pods are folded into cards
 * (or gone into namespace islands), its frame shrinks around what is left, laid out in columns
 * as the automatic layout does, instead of keeping the room of every pod. A frame keeps its
 * place, so the Services above it still line up. Pure.
 */
import type { CanvasNode } from './flowTypes.ts';
import {
  FRAME_FOOTER,
  FRAME_HEADER,
  FRAME_PADDING,
  FRAME_WIDTH,
  POD_GAP,
  POD_WIDTH,
  PODS_PER_COLUMN,
} from './layoutCluster.ts';

/** The height of a frame with nothing in it: its header, an empty row and its footer. */
export const EMPTY_FRAME_HEIGHT = FRAME_HEADER + 40 + FRAME_FOOTER;

export function compactFrames(nodes: readonly CanvasNode[]): CanvasNode[] {
  const children = new Map<string, CanvasNode[]>();
  for (const node of nodes) {
    if (!node.parentId) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node);
    children.set(node.parentId, list);
  }
  const moved = new Map<string, CanvasNode>();
  const frameSize = new Map<string, { width: number; height: number }>();
  for (const frame of nodes) {
    if (frame.type !== 'frame') continue;
    let right = FRAME_WIDTH;
    let bottom = FRAME_HEADER + 40;
    let y = FRAME_HEADER;
    let column = 0;
    let inColumn = 0;
    for (const child of children.get(frame.id) ?? []) {
      const height = child.height ?? 0;
      const x = FRAME_PADDING + column * (POD_WIDTH + POD_GAP);
      moved.set(child.id, { ...child, position: { x, y } });
      right = Math.max(right, x + POD_WIDTH + FRAME_PADDING);
      bottom = Math.max(bottom, y + height + 16);
      y += height + POD_GAP;
      if (++inColumn >= PODS_PER_COLUMN) {
        column++;
        inColumn = 0;
        y = FRAME_HEADER;
      }
    }
    frameSize.set(frame.id, { width: right, height: bottom + FRAME_FOOTER });
  }
  return nodes.map((node) => {
    const size = frameSize.get(node.id);
    if (size) {
      if (size.width === node.width && size.height === node.height) return node;
      return { ...node, ...size, measured: size };
    }
    const child = moved.get(node.id);
    if (!child) return node;
    const same = child.position.x === node.position.x && child.position.y === node.position.y;
    return same ? node : child;
  });
}
