/**
 * Playback of the current trace, like a debugger or Packet Tracer's simulation mode: play,
 * pause, step, seek, speed; plus the runs that explain a flow further ("send 20" with seeds
 * 1..N, and the same flow replayed under another CNI or kube-proxy mode).
 *
 * Only the hop the packet has reached lives here (as the selection's step id). Where the dot is
 * between two hops is animation state, kept by the canvas in refs.
 */
import type { StateCreator } from 'zustand';
import type { CniMode, CniPlugin, ProxyMode } from '../engine/spec.ts';
import { refKey, type Probe, type Trace } from '../engine/trace.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import type { BatchItem } from '../worker/protocol.ts';
import type { AppState } from './appState.ts';
import type { SimulationRunner } from './simulationSlice.ts';

/** Playback speeds offered, slowest first. */
export const SPEEDS = [0.25, 0.5, 1, 2, 4] as const;
export const BATCH_SIZE = 20;

export interface BatchRun {
  /** The probe every request repeats; request i uses seed i (1-based). */
  readonly probe: Probe;
  readonly count: number;
  /** The cluster the batch ran on; a batch for another cluster is stale. */
  readonly cluster: ClusterSpec;
  readonly status: 'running' | 'ready' | 'error';
  readonly traces: readonly Trace[];
  /** Messages of probes that could not run (the engine refused them). */
  readonly errors: readonly string[];
  readonly error: string | null;
  /** Bumped on every batch so the canvas flies the packets again. */
  readonly serial: number;
}

export interface ReplaySettings {
  readonly cni: { readonly plugin: CniPlugin; readonly mode: CniMode };
  readonly proxyMode: ProxyMode;
}

export interface ComparisonRun {
  readonly settings: ReplaySettings;
  readonly probe: Probe;
  readonly cluster: ClusterSpec;
  readonly status: 'running' | 'ready' | 'error';
  readonly trace: Trace | null;
  readonly error: string | null;
}

export interface PlaybackSlice {
  readonly playing: boolean;
  /** 0.25 to 4; 1 is the natural pace. */
  readonly speed: number;
  /** Presenter mode: large type, no editing chrome, narrated hops. */
  readonly presenting: boolean;
  readonly batch: BatchRun | null;
  readonly comparison: ComparisonRun | null;
  readonly play: () => void;
  readonly pause: () => void;
  readonly togglePlay: () => void;
  readonly stepForward: () => void;
  readonly stepBack: () => void;
  readonly jumpToStart: () => void;
  readonly jumpToEnd: () => void;
  /** Parks the packet at a hop (an event-list click, the timeline), pausing playback. */
  readonly seekTo: (stepId: string) => void;
  /** The canvas reached a hop while playing: the current hop moves on, playback continues. */
  readonly reachStep: (stepId: string) => void;
  /** The canvas played to the last hop. */
  readonly finishPlayback: () => void;
  readonly setSpeed: (speed: number) => void;
  readonly setPresenting: (presenting: boolean) => void;
  /** Sends the probe `count` times (seeds 1..count) through the worker in one request. */
  readonly sendBatch: (probe: Probe, count?: number) => Promise<void>;
  readonly clearBatch: () => void;
  /** Traces the active flow again under other settings, without touching the document. */
  readonly replayWith: (settings: ReplaySettings) => Promise<void>;
  readonly clearComparison: () => void;
}

function stepIndex(state: AppState): number {
  return state.selectedStepId === null
    ? -1
    : state.steps.findIndex((s) => s.id === state.selectedStepId);
}

const clampSpeed = (speed: number) =>
  Math.min(SPEEDS[SPEEDS.length - 1], Math.max(SPEEDS[0], speed));

/** Probes equal but for the seed: "send 20" and a replay repeat the flow on screen. */
export function sameFlow(a: Probe | null, b: Probe | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify({ ...a, seed: undefined }) === JSON.stringify({ ...b, seed: undefined });
}

/** Batch and replay runs that no longer match the document's cluster or the flow on screen. */
export function dropStaleRuns(
  state: Pick<AppState, 'batch' | 'comparison' | 'document' | 'activeProbe'>,
): Partial<Pick<AppState, 'batch' | 'comparison'>> {
  const patch: { batch?: null; comparison?: null } = {};
  const { batch, comparison, document, activeProbe } = state;
  if (batch && (batch.cluster !== document.cluster || !sameFlow(batch.probe, activeProbe)))
    patch.batch = null;
  if (
    comparison &&
    (comparison.cluster !== document.cluster || !sameFlow(comparison.probe, activeProbe))
  )
    patch.comparison = null;
  return patch;
}

let batchSerial = 0;

export const createPlaybackSlice =
  (runner: SimulationRunner): StateCreator<AppState, [], [], PlaybackSlice> =>
  (set, get) => {
    const moveTo = (index: number) => {
      const { steps } = get();
      if (steps.length === 0) return;
      const clamped = Math.max(0, Math.min(steps.length - 1, index));
      set({ playing: false, selectedStepId: steps[clamped].id });
    };
    return {
      playing: false,
      speed: 1,
      presenting: false,
      batch: null,
      comparison: null,
      play: () => {
        const state = get();
        if (state.steps.length === 0) return;
        // From the end, playing starts over (the canvas restarts on a cleared step).
        const atEnd = stepIndex(state) === state.steps.length - 1;
        set(atEnd ? { playing: true, selectedStepId: null } : { playing: true });
      },
      pause: () => set({ playing: false }),
      togglePlay: () => (get().playing ? get().pause() : get().play()),
      stepForward: () => moveTo(stepIndex(get()) + 1),
      stepBack: () => moveTo(Math.max(0, stepIndex(get()) - 1)),
      jumpToStart: () => moveTo(0),
      jumpToEnd: () => moveTo(get().steps.length - 1),
      seekTo: (stepId) => {
        if (!get().steps.some((s) => s.id === stepId)) return;
        set({ playing: false, selectedStepId: stepId });
      },
      reachStep: (stepId) => set({ selectedStepId: stepId }),
      finishPlayback: () => set({ playing: false }),
      setSpeed: (speed) => set({ speed: clampSpeed(speed) }),
      setPresenting: (presenting) => set({ presenting }),
      sendBatch: async (probe, count = BATCH_SIZE) => {
        const cluster = get().document.cluster;
        const serial = ++batchSerial;
        const probes = Array.from({ length: count }, (_, i) => ({ ...probe, seed: i + 1 }));
        // The flow itself becomes the trace on screen, parked at its start while the crowd flies.
        const main = get()
          .sendProbe(probe)
          .then(() => {
            if (get().activeProbe === probe && get().batch?.serial === serial)
              set({ playing: false, selectedStepId: null });
          });
        set({
          batch: {
            probe,
            count,
            cluster,
            status: 'running',
            traces: [],
            errors: [],
            error: null,
            serial,
          },
        });
        if (!runner.runBatch) {
          set({ batch: { ...get().batch!, status: 'error', error: 'Batches are not available.' } });
          return;
        }
        const [outcome] = await Promise.all([runner.runBatch(cluster, probes, 'batch'), main]);
        if (get().batch?.serial !== serial) return;
        switch (outcome.kind) {
          case 'result': {
            const traces = outcome.traces.flatMap((item: BatchItem) =>
              item.ok ? [item.trace] : [],
            );
            const errors = outcome.traces.flatMap((item: BatchItem) =>
              item.ok ? [] : [item.error],
            );
            set({
              batch: {
                ...get().batch!,
                status: errors.length === count ? 'error' : 'ready',
                traces,
                errors,
                error: errors.length === count ? errors[0] : null,
              },
            });
            return;
          }
          case 'error':
            set({ batch: { ...get().batch!, status: 'error', error: outcome.error } });
            return;
          case 'superseded':
          case 'cancelled':
            return;
          default:
            outcome satisfies never;
        }
      },
      clearBatch: () => set({ batch: null }),
      replayWith: async (settings) => {
        const { document, activeProbe } = get();
        if (!activeProbe) return;
        const cluster = document.cluster;
        const replayed: ClusterSpec = {
          ...cluster,
          settings: { ...cluster.settings, cni: settings.cni, proxyMode: settings.proxyMode },
        };
        const run: ComparisonRun = {
          settings,
          probe: activeProbe,
          cluster,
          status: 'running',
          trace: null,
          error: null,
        };
        set({ comparison: run });
        if (!runner.runBatch) {
          set({ comparison: { ...run, status: 'error', error: 'Replays are not available.' } });
          return;
        }
        const outcome = await runner.runBatch(replayed, [activeProbe], 'compare');
        if (get().comparison !== run) return;
        switch (outcome.kind) {
          case 'result': {
            const item = outcome.traces[0];
            set({
              comparison: item?.ok
                ? { ...run, status: 'ready', trace: item.trace }
                : { ...run, status: 'error', error: item?.error ?? 'No answer.' },
            });
            return;
          }
          case 'error':
            set({ comparison: { ...run, status: 'error', error: outcome.error } });
            return;
          case 'superseded':
          case 'cancelled':
            return;
          default:
            outcome satisfies never;
        }
      },
      clearComparison: () => set({ comparison: null }),
    };
  };

export interface SpreadRow {
  /** refKey of the endpoint's pod. */
  readonly key: string;
  readonly label: string;
  readonly node?: string;
  readonly count: number;
  /** The share the proxy gives this endpoint (1/n, or all of it with session affinity). */
  readonly expected: number | null;
}

export interface BatchSummary {
  readonly total: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly rows: readonly SpreadRow[];
  /** How the proxy chose, in its own words (the load-balancing decision's summary). */
  readonly how: string | null;
  /** The Service (or Ingress backend) that spread them. */
  readonly service: string | null;
  /** Why requests were dropped, with counts. */
  readonly drops: readonly { readonly reason: string; readonly count: number }[];
}

/**
 * Where a batch of requests landed, endpoint by endpoint, next to the share the Service's proxy
 * gives each one. The last load-balancing choice of a request is the one that picked its pod.
 */
export function summarizeBatch(traces: readonly Trace[]): BatchSummary {
  const rows = new Map<
    string,
    { label: string; node?: string; count: number; expected: number | null }
  >();
  let how: string | null = null;
  let service: string | null = null;
  for (const trace of traces) {
    const choice = trace.hops
      .flatMap((h) => h.decisions ?? [])
      .filter((d) => d.kind === 'load-balancing' && d.candidates)
      .at(-1);
    if (choice && how === null) {
      how = choice.summary;
      service = choice.ref?.name ?? null;
    }
    for (const c of choice?.candidates ?? []) {
      const key = c.pod ? refKey(c.pod) : c.label;
      if (!rows.has(key))
        rows.set(key, {
          label: c.label.split('/').at(-1) ?? c.label,
          node: c.node,
          count: 0,
          expected: c.probability,
        });
    }
  }
  const drops = new Map<string, number>();
  let delivered = 0;
  for (const trace of traces) {
    if (trace.verdict !== 'Delivered' || !trace.deliveredTo) {
      const reason = trace.reason ?? 'Dropped';
      drops.set(reason, (drops.get(reason) ?? 0) + 1);
      continue;
    }
    delivered++;
    const key = refKey(trace.deliveredTo.pod);
    const row = rows.get(key) ?? {
      label: trace.deliveredTo.pod.name,
      count: 0,
      expected: null,
    };
    rows.set(key, { ...row, count: row.count + 1 });
  }
  return {
    total: traces.length,
    delivered,
    dropped: traces.length - delivered,
    rows: [...rows.entries()].map(([key, row]) => ({ key, ...row })),
    how,
    service,
    drops: [...drops.entries()].map(([reason, count]) => ({ reason, count })),
  };
}
