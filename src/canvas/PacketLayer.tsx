/**
 * The moving packet. Progress lives here, in refs and requestAnimationFrame, never in the store:
 * the store says which trace to play (and which hop is selected), this layer does the motion.
 */
import { ViewportPortal, useReactFlow, type InternalNode } from '@xyflow/react';
import { useCallback, useEffect, useRef } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { selectReplayCount, selectSelectedStepId, selectSteps } from '../store/selectors.ts';
import type { TraceStep } from '../store/viewTypes.ts';
import type { CanvasNode } from './flowTypes.ts';
import { PACKET_COLOURS } from './kindStyles.ts';
import { FRAME_FOOTER } from './layoutCluster.ts';
import {
  planPacketPath,
  samplePacketPath,
  type PacketFrame,
  type PacketTimeline,
  type Point,
  type Waypoint,
} from './packetPath.ts';

type Locate = (step: TraceStep) => Point | null;

interface PacketLayerProps {
  /** Changes whenever elements move; the resting packet is redrawn to stay on its element. */
  readonly layoutKey: unknown;
}

export function PacketLayer({ layoutKey }: PacketLayerProps) {
  const steps = useAppStore(selectSteps);
  const replayCount = useAppStore(selectReplayCount);
  const selectedStepId = useAppStore(selectSelectedStepId);
  const { getInternalNode } = useReactFlow<CanvasNode>();
  const packetRef = useRef<HTMLDivElement>(null);
  const captionRef = useRef<HTMLSpanElement>(null);
  const stopRef = useRef<() => void>(() => {});
  // Redraws the packet where it rests (the end of the trace, or a selected hop).
  const restRef = useRef<(() => void) | null>(null);

  const draw = useCallback(
    (frame: PacketFrame | null) => drawPacket(packetRef.current, captionRef.current, frame),
    [],
  );
  const plan = useCallback(
    (list: readonly TraceStep[]): PacketTimeline =>
      planPacketPath(toWaypoints(list, (step) => locateStep(step, getInternalNode))),
    [getInternalNode],
  );

  // Plays the trace from the start when a new one arrives or a replay is asked for.
  useEffect(() => {
    stopRef.current();
    restRef.current = null;
    if (steps.length === 0) {
      draw(null);
      return;
    }
    const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    let frameId = 0;
    let startedAt = -1;
    const tick = (now: number) => {
      if (startedAt < 0) startedAt = now;
      // Planned every frame (it is cheap) so the packet follows elements that move meanwhile.
      const timeline = plan(steps);
      const elapsed = reduceMotion ? timeline.duration : now - startedAt;
      draw(samplePacketPath(timeline, elapsed));
      if (elapsed < timeline.duration) {
        frameId = requestAnimationFrame(tick);
      } else {
        restRef.current = () => draw(samplePacketPath(plan(steps), Infinity));
      }
    };
    frameId = requestAnimationFrame(tick);
    const stop = () => cancelAnimationFrame(frameId);
    stopRef.current = stop;
    return stop;
  }, [steps, replayCount, plan, draw]);

  // Selecting a hop parks the packet there, like a breakpoint.
  useEffect(() => {
    if (!selectedStepId) return;
    const step = steps.find((s) => s.id === selectedStepId);
    if (!step) return;
    stopRef.current();
    const rest = () => draw(samplePacketPath(plan([step]), Infinity));
    restRef.current = rest;
    rest();
  }, [selectedStepId, steps, plan, draw]);

  // After a drag or a re-layout, put the resting packet back on its element.
  useEffect(() => {
    const frameId = requestAnimationFrame(() => restRef.current?.());
    return () => cancelAnimationFrame(frameId);
  }, [layoutKey]);

  return (
    <ViewportPortal>
      <div
        ref={packetRef}
        aria-hidden="true"
        className="pp-packet"
        style={{ display: 'none' }}
        data-testid="packet"
      >
        <span className="pp-packet-dot" />
        <span ref={captionRef} className="pp-packet-caption" />
      </div>
    </ViewportPortal>
  );
}

function drawPacket(
  packet: HTMLDivElement | null,
  caption: HTMLSpanElement | null,
  frame: PacketFrame | null,
) {
  if (!packet) return;
  if (!frame) {
    packet.style.display = 'none';
    return;
  }
  packet.style.display = 'block';
  packet.style.transform = `translate(${frame.point.x}px, ${frame.point.y}px)`;
  packet.style.setProperty('--packet', frame.colour);
  packet.dataset.step = frame.stepId;
  packet.dataset.moving = String(frame.moving);
  if (caption) caption.textContent = frame.caption;
}

function toWaypoints(steps: readonly TraceStep[], locate: Locate): Waypoint[] {
  return steps.flatMap((step): Waypoint[] => {
    const point = locate(step);
    if (!point) return [];
    const { hop } = step;
    const colour =
      hop.verdict === 'Dropped'
        ? PACKET_COLOURS.dropped
        : step.phase === 'lookup'
          ? PACKET_COLOURS.lookup
          : hop.direction === 'reply'
            ? PACKET_COLOURS.reply
            : PACKET_COLOURS.request;
    const quiet = hop.verdict === 'Forwarded';
    // The DNS lookup is the prelude: it plays faster so the request is not kept waiting.
    const pace = step.phase === 'lookup' ? 0.4 : 1;
    return [
      {
        point,
        colour,
        caption: quiet ? hop.location.device : `${hop.location.device} · ${hop.verdict}`,
        dwell: (quiet ? 320 : 750) * pace,
        pace,
        stepId: step.id,
      },
    ];
  });
}

/** The element a hop happens at, else the node it happens on; null when neither is drawn. */
function locateStep(
  step: TraceStep,
  getInternalNode: (id: string) => InternalNode<CanvasNode> | undefined,
): Point | null {
  for (const key of [step.atKey, step.nodeKey]) {
    if (!key) continue;
    const node = getInternalNode(key);
    if (!node || node.hidden) continue;
    const { x, y } = node.internals.positionAbsolute;
    const width = node.measured.width ?? node.width ?? 0;
    const height = node.measured.height ?? node.height ?? 0;
    // On a node the packet runs along the frame's foot, where its devices are listed.
    if (node.type === 'frame') return { x: x + width - 24, y: y + height - FRAME_FOOTER / 2 };
    // The veth is the pod's doorway to the node.
    if (node.type === 'pod' && step.hop.location.place === 'Veth') {
      return { x: x + width / 2, y: y + height };
    }
    return { x: x + width / 2, y: y + height / 2 };
  }
  return null;
}
