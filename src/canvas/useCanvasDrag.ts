/**
 * Dragging on the canvas: cards and frames move locally while dragged (React Flow's own state)
 * and are written to the document once, when the drag ends: one undo step. Dropping a pod on
 * another node reschedules it; dropping it outside every node puts it back. Palette items
 * dragged onto the canvas are added where they land (a pod on the node under it).
 */
import { useReactFlow, type OnNodeDrag, type XYPosition } from '@xyflow/react';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import { podKey } from '../scenario/document/elementKey.ts';
import { placeDraggedElements, type PodMove } from '../scenario/document/edits/moveElements.ts';
import { appStore } from '../store/appStore.ts';
import { addPaletteItem, decodePaletteItem, PALETTE_MIME } from '../store/editorActions.ts';
import type { FlowElements } from './buildFlowElements.ts';
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';
import { FRAME_HEADER, FRAME_PADDING, POD_WIDTH, type Box } from './layoutCluster.ts';

type Positions = Readonly<Record<string, XYPosition>>;

export function useCanvasDrag(built: FlowElements) {
  const { screenToFlowPosition } = useReactFlow<CanvasNode, CanvasEdge>();
  // Positions of elements being dragged; written to the document once, when the drag ends.
  const [dragged, setDragged] = useState<Positions>({});
  const [dropTarget, setDropTarget] = useState<string | null>(null);
  const dragging = useRef(false);

  const frames = useMemo(() => {
    const list: { key: string; name: string; box: Box }[] = [];
    for (const node of built.nodes) {
      if (node.type === 'frame') {
        list.push({
          key: node.id,
          name: node.data.node.name,
          box: built.boxes.get(node.id) as Box,
        });
      }
    }
    return list;
  }, [built]);
  const frameAt = useCallback(
    (point: XYPosition) =>
      frames.findLast(
        ({ box }) =>
          point.x >= box.x &&
          point.x <= box.x + box.width &&
          point.y >= box.y &&
          point.y <= box.y + box.height,
      ) ?? null,
    [frames],
  );

  const absoluteCentre = useCallback(
    (node: CanvasNode, position: XYPosition): XYPosition => {
      const parent = node.parentId ? built.boxes.get(node.parentId) : undefined;
      return {
        x: (parent?.x ?? 0) + position.x + (node.width ?? 0) / 2,
        y: (parent?.y ?? 0) + position.y + Math.min(40, (node.height ?? 0) / 2),
      };
    },
    [built],
  );

  const onNodeDragStart: OnNodeDrag<CanvasNode> = useCallback(() => {
    dragging.current = true;
  }, []);

  const onNodeDrag: OnNodeDrag<CanvasNode> = useCallback(
    (_event, node) => {
      if (node.type !== 'pod' || node.data.pod.system) return;
      const frame = frameAt(absoluteCentre(node, node.position));
      const target = frame && frame.key !== node.parentId ? frame.key : null;
      setDropTarget((current) => (current === target ? current : target));
    },
    [frameAt, absoluteCentre],
  );

  const onNodeDragStop: OnNodeDrag<CanvasNode> = useCallback(
    (_event, _node, draggedNodes) => {
      dragging.current = false;
      const state = appStore.getState();
      const movedFrames = new Set(draggedNodes.filter((n) => n.type === 'frame').map((n) => n.id));
      const positions: Record<string, XYPosition> = {};
      const moves: PodMove[] = [];
      const putBack: string[] = [];
      for (const node of draggedNodes) {
        if (node.type !== 'pod') {
          positions[node.id] = node.position;
          continue;
        }
        if (node.data.pod.system) continue;
        if (node.parentId && movedFrames.has(node.parentId)) {
          positions[node.id] = node.position;
          continue;
        }
        const centre = absoluteCentre(node, node.position);
        const frame = frameAt(centre);
        if (!frame) {
          putBack.push(node.data.pod.name);
        } else if (frame.key === node.parentId) {
          positions[node.id] = clampInFrame(node.position);
        } else {
          const frameNode = built.nodes.find((n) => n.id === frame.key);
          moves.push({
            key: node.id,
            podName: node.data.pod.name,
            nodeName: frame.name,
            podCidr: frameNode?.type === 'frame' ? frameNode.data.node.podCidr : null,
            position: clampInFrame({
              x: centre.x - frame.box.x - (node.width ?? POD_WIDTH) / 2,
              y: centre.y - frame.box.y - Math.min(40, (node.height ?? 0) / 2),
            }),
          });
        }
      }
      state.commitEdit(placeDraggedElements(state.document, positions, moves, putBack));
      setDragged({});
      setDropTarget(null);
    },
    [absoluteCentre, frameAt, built],
  );

  // Palette items dragged onto the canvas.
  const onDragOver = useCallback(
    (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      if (event.dataTransfer.types.includes(`${PALETTE_MIME}+pod`)) {
        const frame = frameAt(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
        setDropTarget((current) =>
          current === (frame?.key ?? null) ? current : (frame?.key ?? null),
        );
      }
    },
    [frameAt, screenToFlowPosition],
  );
  const onDragLeave = useCallback(() => setDropTarget(null), []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const item = decodePaletteItem(event.dataTransfer.getData(PALETTE_MIME));
      if (!item) return;
      event.preventDefault();
      setDropTarget(null);
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      if (item.kind === 'pod' || item.kind === 'deployment') {
        const frame = frameAt(point);
        if (!frame) {
          const keys = addPaletteItem(appStore, item);
          const pod = appStore.getState().document.cluster.pods.find((p) => podKey(p) === keys[0]);
          if (pod) {
            appStore
              .getState()
              .showToast(
                `Pods run on nodes: dropped outside every node, so it was scheduled on ${pod.nodeName}, the node with the fewest pods.`,
              );
          }
          return;
        }
        addPaletteItem(appStore, item, {
          nodeName: frame.name,
          ...(item.kind === 'pod'
            ? {
                position: clampInFrame({
                  x: point.x - frame.box.x - POD_WIDTH / 2,
                  y: point.y - frame.box.y - 20,
                }),
              }
            : {}),
        });
        return;
      }
      const half = item.kind === 'node' ? 0 : 110;
      addPaletteItem(appStore, item, { position: { x: point.x - half, y: point.y - 20 } });
    },
    [frameAt, screenToFlowPosition],
  );

  /** Positions React Flow reports for elements being dragged. */
  const moveDragged = useCallback((moving: Positions) => {
    setDragged((current) => ({ ...current, ...moving }));
  }, []);

  return {
    dragged,
    dropTarget,
    dragging,
    moveDragged,
    onNodeDragStart,
    onNodeDrag,
    onNodeDragStop,
    onDragOver,
    onDragLeave,
    onDrop,
  };
}

/** Keeps a pod's top-left inside its node's body. */
export function clampInFrame(position: XYPosition): XYPosition {
  return { x: Math.max(FRAME_PADDING, position.x), y: Math.max(FRAME_HEADER, position.y) };
}
