/**
 * An edge drawn between the nearest sides of two cards, recomputed from React Flow's live
 * positions: while a pod is dragged to another node its Service edge follows it and swaps to
 * the side that faces the Service. Only edges touching a moving card redraw.
 */
import {
  BaseEdge,
  getBezierPath,
  Position,
  useInternalNode,
  type EdgeProps,
  type InternalNode,
} from '@xyflow/react';
import { memo } from 'react';
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';

interface Anchor {
  readonly x: number;
  readonly y: number;
  readonly position: Position;
}

function boxOf(node: InternalNode<CanvasNode>) {
  const { x, y } = node.internals.positionAbsolute;
  return {
    x,
    y,
    width: node.measured.width ?? node.width ?? 0,
    height: node.measured.height ?? node.height ?? 0,
  };
}

/** Source leaves from its bottom; a pod is entered from the side facing the source, others from the top. */
function anchors(
  source: InternalNode<CanvasNode>,
  target: InternalNode<CanvasNode>,
): [Anchor, Anchor] {
  const s = boxOf(source);
  const t = boxOf(target);
  const sourceCentre = s.x + s.width / 2;
  if (target.type === 'pod') {
    const left = sourceCentre < t.x + t.width / 2;
    return [
      { x: sourceCentre, y: s.y + s.height, position: Position.Bottom },
      left
        ? { x: t.x, y: t.y + Math.min(28, t.height / 2), position: Position.Left }
        : { x: t.x + t.width, y: t.y + Math.min(28, t.height / 2), position: Position.Right },
    ];
  }
  const below = t.y > s.y + s.height;
  return below
    ? [
        { x: sourceCentre, y: s.y + s.height, position: Position.Bottom },
        { x: t.x + t.width / 2, y: t.y, position: Position.Top },
      ]
    : [
        { x: sourceCentre, y: s.y, position: Position.Top },
        { x: t.x + t.width / 2, y: t.y + t.height, position: Position.Bottom },
      ];
}

function Link({ id, source, target, data, markerEnd }: EdgeProps<CanvasEdge>) {
  const sourceNode = useInternalNode<CanvasNode>(source);
  const targetNode = useInternalNode<CanvasNode>(target);
  if (!sourceNode || !targetNode) return null;
  const [from, to] = anchors(sourceNode, targetNode);
  const [path, labelX, labelY] = getBezierPath({
    sourceX: from.x,
    sourceY: from.y,
    sourcePosition: from.position,
    targetX: to.x,
    targetY: to.y,
    targetPosition: to.position,
  });
  const kind = data?.kind ?? 'selects';
  const ready = data?.ready ?? true;
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      {...(data?.label ? { label: data.label, labelX, labelY, labelShowBg: true } : {})}
      className={`pp-link pp-link-${kind} ${ready ? '' : 'pp-link-not-ready'} ${
        sourceNode.dragging || targetNode.dragging ? 'pp-link-live' : ''
      }`}
    />
  );
}

export const LinkEdge = memo(Link);
