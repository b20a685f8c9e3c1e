/**
 * Everything that moves: the packet being explained, the crowd of "send 20", the links between
 * nodes they travel and stand-ins for hidden system pods they visit. Progress lives here, in refs
 * and requestAnimationFrame, never in the store: the store says which trace to play, whether it
 * plays, how fast, and which hop is current; this layer does the motion and reports each hop the
 * packet reaches.
 */
import { ViewportPortal, useReactFlow, type XYPosition } from '@xyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import {
  selectBatch,
  selectModel,
  selectPlaybackControls,
  selectPlaying,
  selectReplayCount,
  selectSelectedStepId,
  selectShowSystem,
  selectSpeed,
  selectSteps,
} from '../store/selectors.ts';
import { toTraceSteps, tunnelLabel } from '../store/traceSteps.ts';
import type { TraceStep } from '../store/viewTypes.ts';
import type { CanvasNode } from './flowTypes.ts';
import { containerRowTops } from './layoutCluster.ts';
import {
  planPacketPath,
  samplePacketPath,
  type PacketFrame,
  type PacketTimeline,
} from './packetPath.ts';
import { CrowdPackets } from './playback/CrowdPackets.tsx';
import { advancePlayhead, carryPlayhead, seekPlayhead, START } from './playback/playhead.ts';
import { buildScene, type Box, type Scene } from './playback/scene.ts';
import { StandIns } from './playback/StandIns.tsx';
import { usePrefersReducedMotion } from './playback/usePrefersReducedMotion.ts';
import { toWaypoints } from './playback/waypoints.ts';
import './playback/packets.css';
import { linkKey, TunnelLinks, type LinkStyle, type TunnelLink } from './TunnelEdge.tsx';

interface PacketLayerProps {
  /** The canvas elements; when they change (a drag, a re-layout) the scene is measured again. */
  readonly layoutKey: readonly CanvasNode[] | unknown;
  /** The card each collapsed pod is drawn as: a packet to the pod flies to its card. */
  readonly cardOf?: ReadonlyMap<string, string>;
  /** Told where the explained packet is drawn (flow coordinates) on every frame; null when hidden. */
  readonly onPacketMove?: (point: XYPosition | null) => void;
}

const NO_CARDS: ReadonlyMap<string, string> = new Map();
const EMPTY_TIMELINE: PacketTimeline = { legs: [], duration: 0 };
/** Before the first model arrives there are no frames to link. */
const NO_LINK: LinkStyle = { label: '', tunnel: false };

export function PacketLayer({ layoutKey, cardOf = NO_CARDS, onPacketMove }: PacketLayerProps) {
  const steps = useAppStore(selectSteps);
  const model = useAppStore(selectModel);
  const batch = useAppStore(selectBatch);
  const showSystem = useAppStore(selectShowSystem);
  const { getNodes, getInternalNode } = useReactFlow<CanvasNode>();
  const [boxes, setBoxes] = useState<ReadonlyMap<string, Box>>(() => new Map());
  const [rows, setRows] = useState<ReadonlyMap<string, ReadonlyMap<string, number>>>(
    () => new Map(),
  );

  // Boxes are read from React Flow after it has laid out the new elements.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const next = new Map<string, Box>();
      const nextRows = new Map<string, ReadonlyMap<string, number>>();
      for (const node of getNodes()) {
        if (node.hidden) continue;
        // Where each container's row sits on a pod card, so a localhost hop moves between them.
        if (node.type === 'pod' && node.data.pod.containers.length > 1) {
          const tops = containerRowTops(node.data.pod);
          nextRows.set(node.id, new Map([...tops].map(([name, top]) => [name, top + 9.5])));
        }
        const internal = getInternalNode(node.id);
        if (!internal) continue;
        const { x, y } = internal.internals.positionAbsolute;
        const width = internal.measured.width ?? node.width ?? 0;
        const height = internal.measured.height ?? node.height ?? 0;
        next.set(node.id, { x, y, width, height });
      }
      for (const [pod, card] of cardOf) {
        const box = next.get(card);
        if (box) next.set(pod, box);
      }
      setBoxes((current) => (sameBoxes(current, next) ? current : next));
      setRows((current) => (sameRows(current, nextRows) ? current : nextRows));
    });
    return () => cancelAnimationFrame(frame);
  }, [layoutKey, cardOf, getNodes, getInternalNode, showSystem, model]);

  const crowdTraces = batch?.status === 'ready' ? batch.traces : null;
  const crowdSteps = useMemo(
    () =>
      (crowdTraces ?? []).map((trace) => toTraceSteps(trace).filter((s) => s.phase === 'request')),
    [crowdTraces],
  );
  const allSteps = useMemo(() => [...steps, ...crowdSteps.flat()], [steps, crowdSteps]);

  const scene = useMemo(
    () =>
      model && boxes.size > 0
        ? buildScene({
            model,
            boxes,
            steps: allSteps,
            containerRows: (key) => rows.get(key) ?? new Map(),
          })
        : null,
    [model, boxes, rows, allSteps],
  );

  const links = useMemo(() => (scene ? linksToDraw(scene, allSteps) : null), [scene, allSteps]);
  const style = model?.settings.nodeLink ?? NO_LINK;

  return (
    <ViewportPortal>
      {scene && links && (
        <TunnelLinks
          scene={scene}
          links={links.links}
          style={style}
          crossed={links.crossed}
          used={links.used}
        />
      )}
      {scene && <StandIns scene={scene} />}
      {scene && batch && <CrowdPackets scene={scene} serial={batch.serial} steps={crowdSteps} />}
      <MainPacket scene={scene} steps={steps} onPacketMove={onPacketMove} />
    </ViewportPortal>
  );
}

function sameBoxes(a: ReadonlyMap<string, Box>, b: ReadonlyMap<string, Box>): boolean {
  if (a.size !== b.size) return false;
  for (const [key, box] of b) {
    const other = a.get(key);
    if (
      !other ||
      other.x !== box.x ||
      other.y !== box.y ||
      other.width !== box.width ||
      other.height !== box.height
    )
      return false;
  }
  return true;
}

function sameRows(
  a: ReadonlyMap<string, ReadonlyMap<string, number>>,
  b: ReadonlyMap<string, ReadonlyMap<string, number>>,
): boolean {
  if (a.size !== b.size) return false;
  for (const [key, rows] of b) {
    const other = a.get(key);
    if (!other || other.size !== rows.size) return false;
    for (const [name, y] of rows) if (other.get(name) !== y) return false;
  }
  return true;
}

/**
 * Links between neighbouring frames, plus any two nodes a shown trace crosses between, with how
 * each crossing was carried (the tunnel the trace used, or plain routing).
 */
function linksToDraw(
  scene: Scene,
  steps: readonly TraceStep[],
): { links: TunnelLink[]; used: Set<string>; crossed: Map<string, LinkStyle> } {
  const ordered = [...scene.order.entries()].sort((a, b) => a[1] - b[1]).map(([name]) => name);
  const links = new Map<string, TunnelLink>();
  for (let i = 1; i < ordered.length; i++) {
    links.set(linkKey(ordered[i - 1], ordered[i]), { from: ordered[i - 1], to: ordered[i] });
  }
  const used = new Set<string>();
  const crossed = new Map<string, LinkStyle>();
  let previousNode: string | undefined;
  for (const step of steps) {
    const node = step.hop.location.node;
    if (step.index === 0) previousNode = undefined;
    if (node && previousNode && node !== previousNode && scene.frames.has(node)) {
      const key = linkKey(previousNode, node);
      used.add(key);
      if (!links.has(key)) links.set(key, { from: previousNode, to: node });
      // The hop onto the wire carries the outer header when the CNI tunnelled it.
      const outer = step.hop.before.outer;
      // A link both tunnelled and routed over (a NodePort reply to a node address) shows the
      // tunnel.
      if (step.hop.location.place === 'Network' && !crossed.get(key)?.tunnel) {
        crossed.set(
          key,
          outer
            ? { label: tunnelLabel(outer), tunnel: true }
            : { label: 'routed · no encapsulation', tunnel: false },
        );
      }
    }
    if (node) previousNode = node;
  }
  return { links: [...links.values()], used, crossed };
}

interface MainPacketProps {
  readonly scene: Scene | null;
  readonly steps: readonly TraceStep[];
  readonly onPacketMove?: (point: XYPosition | null) => void;
}

/** The packet being explained: played, paused, stepped and sought like a debugger. */
function MainPacket({ scene, steps, onPacketMove }: MainPacketProps) {
  const playing = useAppStore(selectPlaying);
  const speed = useAppStore(selectSpeed);
  const selectedStepId = useAppStore(selectSelectedStepId);
  const replayCount = useAppStore(selectReplayCount);
  const { reachStep, finishPlayback, pause } = useAppStore(useShallow(selectPlaybackControls));
  const reduceMotion = usePrefersReducedMotion();

  const timeline = useMemo(
    () =>
      scene
        ? planPacketPath(toWaypoints(steps, scene), { travelScale: reduceMotion ? 0 : 1 })
        : EMPTY_TIMELINE,
    [scene, steps, reduceMotion],
  );

  const packetRef = useRef<HTMLDivElement>(null);
  const captionRef = useRef<HTMLSpanElement>(null);
  const playheadRef = useRef(START);
  const timelineRef = useRef(timeline);
  const stepsRef = useRef(steps);
  const playingRef = useRef(playing);
  const speedRef = useRef(speed);
  const selectedRef = useRef(selectedStepId);
  // The hop this layer last reported or adopted, so its own reports are not taken for seeks.
  const reachedRef = useRef<string | null>(null);
  const frameRef = useRef(0);
  const lastTimeRef = useRef<number | null>(null);
  const loopRef = useRef<() => void>(() => {});
  const onMoveRef = useRef(onPacketMove);

  useLayoutEffect(() => {
    onMoveRef.current = onPacketMove;
  }, [onPacketMove]);

  useLayoutEffect(() => {
    speedRef.current = speed;
    selectedRef.current = selectedStepId;
  }, [speed, selectedStepId]);

  useLayoutEffect(() => {
    const draw = () => {
      const hidden = !playingRef.current && selectedRef.current === null;
      const frame = hidden ? null : samplePacketPath(timelineRef.current, playheadRef.current.time);
      drawPacket(packetRef.current, captionRef.current, frame);
      onMoveRef.current?.(frame?.point ?? null);
    };
    const tick = (now: number) => {
      const last = lastTimeRef.current ?? now;
      lastTimeRef.current = now;
      // A hidden tab pauses frames; do not leap ahead when it comes back.
      const dt = Math.min(100, now - last);
      const advance = advancePlayhead(
        playheadRef.current,
        timelineRef.current,
        dt,
        speedRef.current,
        playingRef.current,
      );
      playheadRef.current = advance.playhead;
      if (playingRef.current && advance.reached >= 0) {
        const id = stepsRef.current[advance.reached]?.id;
        if (id && id !== reachedRef.current) {
          reachedRef.current = id;
          reachStep(id);
        }
      }
      if (advance.finished && playingRef.current) {
        playingRef.current = false;
        finishPlayback();
      }
      draw();
      if (playingRef.current || advance.playhead.target !== null) {
        frameRef.current = requestAnimationFrame(tick);
      } else {
        frameRef.current = 0;
        lastTimeRef.current = null;
      }
    };
    loopRef.current = () => {
      draw();
      if (frameRef.current) return;
      lastTimeRef.current = null;
      frameRef.current = requestAnimationFrame(tick);
    };
    return () => {
      cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
    };
  }, [reachStep, finishPlayback]);

  // A new trace starts from its first hop; the same trace re-planned (elements moved) keeps its
  // place.
  useLayoutEffect(() => {
    if (stepsRef.current !== steps) {
      playheadRef.current = START;
      reachedRef.current = null;
    } else {
      playheadRef.current = carryPlayhead(playheadRef.current, timelineRef.current, timeline);
    }
    stepsRef.current = steps;
    timelineRef.current = timeline;
    loopRef.current();
  }, [steps, timeline]);

  // Replay from the start.
  useLayoutEffect(() => {
    if (replayCount === 0) return;
    playheadRef.current = START;
    reachedRef.current = null;
    loopRef.current();
  }, [replayCount]);

  useLayoutEffect(() => {
    playingRef.current = playing;
    loopRef.current();
  }, [playing]);

  // The current hop chosen from outside (event list, step buttons, keys, a share link).
  useLayoutEffect(() => {
    if (selectedStepId === reachedRef.current) return;
    if (selectedStepId === null) {
      // Cleared: playback starts over.
      playheadRef.current = START;
      reachedRef.current = null;
      loopRef.current();
      return;
    }
    const index = steps.findIndex((s) => s.id === selectedStepId);
    if (index < 0) return;
    if (playingRef.current) {
      playingRef.current = false;
      pause();
    }
    playheadRef.current = seekPlayhead(
      playheadRef.current,
      timelineRef.current,
      index,
      !reduceMotion,
    );
    reachedRef.current = selectedStepId;
    loopRef.current();
  }, [selectedStepId, steps, pause, reduceMotion]);

  return (
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
  packet.dataset.dropped = String(frame.dropped);
  if (caption) caption.textContent = frame.caption;
}
