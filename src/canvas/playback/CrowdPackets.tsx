/**
 * "Send 20": many requests flying together, each along its own trace, a little apart in time and
 * space, so the spread over a Service's endpoints shows where they come to rest. One animation
 * loop moves every dot by writing transforms; React only renders the dots once per batch.
 */
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { useAppStore } from '../../store/appStore.ts';
import { selectSpeed } from '../../store/selectors.ts';
import type { TraceStep } from '../../store/viewTypes.ts';
import { planPacketPath, samplePacketPath, type PacketTimeline } from '../packetPath.ts';
import type { Scene } from './scene.ts';
import { usePrefersReducedMotion } from './usePrefersReducedMotion.ts';
import { toWaypoints } from './waypoints.ts';

/** Time between two packets leaving, in ms at 1x. */
const STAGGER = 70;

interface CrowdPacketsProps {
  readonly scene: Scene;
  /** Changes with every batch: the crowd flies again. */
  readonly serial: number;
  /** The request hops of each packet's trace. */
  readonly steps: readonly (readonly TraceStep[])[];
}

/** What a dot shows (visible: null before its first frame); landed: at rest at its end. */
interface Drawn {
  x: number;
  y: number;
  colour: string;
  visible: boolean | null;
  landed: boolean;
}

/** A small fixed offset per packet (a sunflower spiral), so a crowd at rest stays countable. */
export function crowdOffset(index: number): { x: number; y: number } {
  const radius = 3.4 * Math.sqrt(index + 1);
  const angle = index * 2.39996;
  return { x: Math.cos(angle) * radius, y: Math.sin(angle) * radius };
}

export function CrowdPackets({ scene, serial, steps }: CrowdPacketsProps) {
  const speed = useAppStore(selectSpeed);
  const reduceMotion = usePrefersReducedMotion();
  const timelines = useMemo(
    () =>
      steps.map((list) =>
        planPacketPath(toWaypoints(list, scene, { crowd: true }), {
          travelScale: reduceMotion ? 0 : 1,
        }),
      ),
    [steps, scene, reduceMotion],
  );
  const containerRef = useRef<HTMLDivElement>(null);
  const elapsedRef = useRef(0);
  const speedRef = useRef(speed);
  const timelinesRef = useRef<readonly PacketTimeline[]>(timelines);
  const frameRef = useRef(0);
  const runRef = useRef<() => void>(() => {});
  /** What each dot shows now, so a frame writes only what changed. */
  const drawnRef = useRef<Drawn[]>([]);

  useLayoutEffect(() => {
    speedRef.current = speed;
  }, [speed]);

  useLayoutEffect(() => {
    // Only what changed is written, and a landed packet is not looked at again until the
    // routes change: a crowd at rest costs nothing per frame.
    const draw = (): boolean => {
      const container = containerRef.current;
      if (!container) return false;
      const dots = container.children;
      const list = timelinesRef.current;
      const drawn = drawnRef.current;
      let flying = false;
      for (let i = 0; i < list.length; i++) {
        const was = (drawn[i] ??= { x: NaN, y: NaN, colour: '', visible: null, landed: false });
        if (was.landed) continue;
        const dot = dots[i] as HTMLElement | undefined;
        if (!dot) continue;
        const local = elapsedRef.current - i * STAGGER;
        if (local < list[i].duration) flying = true;
        const frame = local < 0 ? null : samplePacketPath(list[i], local);
        if (!frame) {
          if (was.visible !== false) dot.style.visibility = 'hidden';
          was.visible = false;
          continue;
        }
        const offset = crowdOffset(i);
        const x = frame.point.x + offset.x;
        const y = frame.point.y + offset.y;
        if (!was.visible) dot.style.visibility = 'visible';
        if (was.x !== x || was.y !== y) dot.style.transform = `translate(${x}px, ${y}px)`;
        if (was.colour !== frame.colour) dot.style.setProperty('--packet', frame.colour);
        was.x = x;
        was.y = y;
        was.colour = frame.colour;
        was.visible = true;
        was.landed = local >= list[i].duration;
      }
      const state = String(flying);
      if (container.dataset.flying !== state) container.dataset.flying = state;
      return flying;
    };
    let last: number | null = null;
    const tick = (now: number) => {
      const dt = last === null ? 0 : Math.min(100, now - last);
      last = now;
      elapsedRef.current += dt * speedRef.current;
      if (draw()) frameRef.current = requestAnimationFrame(tick);
      else {
        frameRef.current = 0;
        last = null;
      }
    };
    runRef.current = () => {
      draw();
      if (!frameRef.current) frameRef.current = requestAnimationFrame(tick);
    };
    return () => {
      cancelAnimationFrame(frameRef.current);
      frameRef.current = 0;
    };
  }, []);

  // A new batch flies from the start.
  useEffect(() => {
    elapsedRef.current = 0;
    drawnRef.current = [];
    runRef.current();
  }, [serial]);

  // Moved elements: the crowd keeps its place in time on the new routes.
  useLayoutEffect(() => {
    timelinesRef.current = timelines;
    drawnRef.current = drawnRef.current.map((drawn) => ({ ...drawn, landed: false }));
    runRef.current();
  }, [timelines]);

  return (
    <div
      ref={containerRef}
      className="pp-crowd"
      aria-hidden="true"
      data-testid="crowd"
      data-count={steps.length}
    >
      {steps.map((_list, i) => (
        <span key={`${serial}-${i}`} className="pp-crowd-dot" style={{ visibility: 'hidden' }} />
      ))}
    </div>
  );
}
