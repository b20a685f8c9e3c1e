/**
 * Every run of the engine the page asks for, and the answers kept for the current document: the
 * main run (the model and the trace on screen), "send 20" (the flow with seeds 1..N), the flow
 * replayed under another CNI or kube-proxy mode, and the NetworkPolicy workbench's analysis (who
 * may reach whom on one port, and the policies' warnings). Each run's outcome is read in one
 * place, settleRun.
 */
import type { StateCreator } from 'zustand';
import type { Protocol } from '../engine/net.ts';
import type { CniMode, CniPlugin, ClusterSpec, ProxyMode } from '../engine/spec.ts';
import type { Probe, Trace } from '../engine/trace.ts';
import type { PolicyWarning } from '../scenario/policyLint.ts';
import type { ModelSummary, ReachabilityResult } from '../worker/protocol.ts';
import type { RunOutcome, SimulationRunner } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';
import { toTraceSteps, type TraceStep } from './traceSteps.ts';

export const BATCH_SIZE = 20;

export type SimulationStatus = 'idle' | 'running' | 'ready' | 'error';

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

export interface ReachabilityQuery {
  /** The destination port as policies see it (the pod's port, after any Service DNAT). */
  readonly port: number;
  readonly protocol: Protocol;
}

export interface PolicyAnalysis {
  readonly status: 'running' | 'ready' | 'error';
  /** The cluster and query the answer is for; an answer for another cluster is stale. */
  readonly cluster: ClusterSpec;
  readonly query: ReachabilityQuery;
  /** The last matrix, kept while a newer one is computed. */
  readonly matrix: ReachabilityResult | null;
  readonly warnings: readonly PolicyWarning[];
  readonly error: string | null;
}

export interface RunsSlice {
  readonly model: ModelSummary | null;
  readonly trace: Trace | null;
  readonly steps: readonly TraceStep[];
  readonly status: SimulationStatus;
  /** The engine's error for the current document, if it failed. */
  readonly error: string | null;
  /** Set once the worker failed and the engine runs in the page. */
  readonly workerFailure: string | null;
  /** The probe the trace answers; replayed when the cluster changes. */
  readonly activeProbe: Probe | null;
  /** Rebuilds the model (and the trace, if a probe was sent) for the current document. */
  readonly simulate: () => Promise<void>;
  readonly sendProbe: (probe: Probe) => Promise<void>;
  readonly reportWorkerFailure: (cause: string) => void;
  /**
   * Set when a run went over its time budget and the worker was restarted (the message says
   * which step); cleared by the next model that builds. Persistence keeps a marker meanwhile.
   */
  readonly stalled: string | null;
  readonly reportStall: (message: string) => void;
  readonly batch: BatchRun | null;
  /** Sends the probe `count` times (seeds 1..count) through the worker in one request. */
  readonly sendBatch: (probe: Probe, count?: number) => Promise<void>;
  readonly clearBatch: () => void;
  readonly comparison: ComparisonRun | null;
  /** Traces the active flow again under other settings, without touching the document. */
  readonly replayWith: (settings: ReplaySettings) => Promise<void>;
  readonly clearComparison: () => void;
  /** Whether the comparison ("Compare with another CNI…") is on screen. */
  readonly comparisonOpen: boolean;
  /** Shows the comparison; with settings, also traces the flow under them (a gallery entry). */
  readonly openComparison: (settings?: ReplaySettings) => void;
  readonly closeComparison: () => void;
  readonly policyAnalysis: PolicyAnalysis | null;
  /** Computes the matrix and the warnings for the current cluster and the workbench's query. */
  readonly analyzePolicies: () => Promise<void>;
}

/**
 * The one place a run's outcome is read. A superseded or cancelled run applies nothing: a newer
 * run owns the state now.
 */
function settleRun<Result>(
  outcome: RunOutcome<Result>,
  apply: { readonly result: (result: Result) => void; readonly error: (message: string) => void },
): void {
  switch (outcome.kind) {
    case 'result':
      apply.result(outcome);
      return;
    case 'error':
      apply.error(outcome.error);
      return;
    case 'superseded':
    case 'cancelled':
      return;
    default:
      outcome satisfies never;
  }
}

/** The outcome of a run the runner cannot do (a test's runner without batches). */
const unavailable = (error: string) => Promise.resolve({ kind: 'error', error } as const);

/** Probes equal but for the seed: "send 20" and a replay repeat the flow on screen. */
export function sameFlow(a: Probe | null, b: Probe | null): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return JSON.stringify({ ...a, seed: undefined }) === JSON.stringify({ ...b, seed: undefined });
}

/** Batch and replay runs that no longer match the document's cluster or the flow on screen. */
function dropStaleRuns(
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

export const createRunsSlice =
  (runner: SimulationRunner): StateCreator<AppState, [], [], RunsSlice> =>
  (set, get) => ({
    model: null,
    trace: null,
    steps: [],
    status: 'idle',
    error: null,
    workerFailure: null,
    stalled: null,
    activeProbe: null,
    simulate: async () => {
      const { document, activeProbe } = get();
      set({ status: 'running' });
      settleRun(await runner.run(document.cluster, activeProbe), {
        result: ({ model, trace, probeError }) =>
          set({
            model,
            trace,
            steps: toTraceSteps(trace),
            // A flow that cannot be traced is its own error; the cluster is still shown.
            status: probeError ? 'error' : 'ready',
            error: probeError ?? null,
            stalled: null,
            selectedStepId: null,
            // A new trace plays from its first hop; batch and replay runs of another flow go.
            playing: trace !== null,
            ...dropStaleRuns(get()),
          }),
        error: (error) => set({ status: 'error', error, trace: null, steps: [], playing: false }),
      });
    },
    sendProbe: (probe) => {
      set({ activeProbe: probe });
      return get().simulate();
    },
    reportWorkerFailure: (cause) => set({ workerFailure: cause }),
    reportStall: (message) => set({ stalled: message }),

    batch: null,
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
      const [outcome] = await Promise.all([
        runner.runBatch
          ? runner.runBatch(cluster, probes, 'batch')
          : unavailable('Batches are not available.'),
        main,
      ]);
      if (get().batch?.serial !== serial) return;
      const settleBatch = (patch: Partial<BatchRun>) =>
        set({ batch: { ...get().batch!, ...patch } });
      settleRun(outcome, {
        result: ({ traces: items }) => {
          const traces = items.flatMap((item) => (item.ok ? [item.trace] : []));
          const errors = items.flatMap((item) => (item.ok ? [] : [item.error]));
          const failed = errors.length === count;
          settleBatch({
            status: failed ? 'error' : 'ready',
            traces,
            errors,
            error: failed ? errors[0] : null,
          });
        },
        error: (error) => settleBatch({ status: 'error', error }),
      });
    },
    clearBatch: () => set({ batch: null }),

    comparison: null,
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
      const outcome = await (runner.runBatch
        ? runner.runBatch(replayed, [activeProbe], 'compare')
        : unavailable('Replays are not available.'));
      if (get().comparison !== run) return;
      const failed = (error: string) => set({ comparison: { ...run, status: 'error', error } });
      settleRun(outcome, {
        result: ({ traces: [item] }) =>
          item?.ok
            ? set({ comparison: { ...run, status: 'ready', trace: item.trace } })
            : failed(item?.error ?? 'No answer.'),
        error: failed,
      });
    },
    clearComparison: () => set({ comparison: null }),
    comparisonOpen: false,
    openComparison: (settings) => {
      set({ comparisonOpen: true });
      if (settings) void get().replayWith(settings);
    },
    closeComparison: () => set({ comparisonOpen: false }),

    policyAnalysis: null,
    analyzePolicies: async () => {
      const { document, reachabilityQuery: query, policyAnalysis: previous } = get();
      const cluster = document.cluster;
      const analysis = (patch: Omit<PolicyAnalysis, 'cluster' | 'query'>) =>
        set({ policyAnalysis: { cluster, query, ...patch } });
      analysis({
        status: 'running',
        matrix: previous?.matrix ?? null,
        warnings: previous?.warnings ?? [],
        error: null,
      });
      const outcome = await (runner.reachability
        ? runner.reachability(cluster, query)
        : unavailable('The reachability matrix needs the simulation worker.'));
      settleRun(outcome, {
        result: ({ matrix, warnings }) =>
          analysis({ status: 'ready', matrix, warnings, error: null }),
        error: (error) => analysis({ status: 'error', matrix: null, warnings: [], error }),
      });
    },
  });
