import type { StateCreator } from 'zustand';
import type { Probe, Trace } from '../engine/trace.ts';
import type { ModelSummary } from '../worker/protocol.ts';
import type { SimulationClient } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';
import { dropStaleRuns } from './playbackSlice.ts';
import { toTraceSteps, type TraceStep } from './traceSteps.ts';

export type SimulationStatus = 'idle' | 'running' | 'ready' | 'error';

/** The part of the client the store uses; tests pass a fake. */
export type SimulationRunner = Pick<SimulationClient, 'run' | 'cancel'> &
  Partial<Pick<SimulationClient, 'runBatch'>>;

/** The latest answer from the engine for the current document. */
export interface SimulationSlice {
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
}

export const createSimulationSlice =
  (runner: SimulationRunner): StateCreator<AppState, [], [], SimulationSlice> =>
  (set, get) => ({
    model: null,
    trace: null,
    steps: [],
    status: 'idle',
    error: null,
    workerFailure: null,
    activeProbe: null,
    simulate: async () => {
      const { document, activeProbe } = get();
      set({ status: 'running' });
      const outcome = await runner.run(document.cluster, activeProbe);
      switch (outcome.kind) {
        case 'result':
          set({
            model: outcome.model,
            trace: outcome.trace,
            steps: toTraceSteps(outcome.trace),
            status: 'ready',
            error: null,
            selectedStepId: null,
            // A new trace plays from its first hop; batch and replay runs of another flow go.
            playing: outcome.trace !== null,
            ...dropStaleRuns(get()),
          });
          return;
        case 'error':
          set({ status: 'error', error: outcome.error, trace: null, steps: [], playing: false });
          return;
        case 'superseded':
        case 'cancelled':
          // A newer run owns the status now.
          return;
        default:
          outcome satisfies never;
      }
    },
    sendProbe: (probe) => {
      set({ activeProbe: probe });
      return get().simulate();
    },
    reportWorkerFailure: (cause) => set({ workerFailure: cause }),
  });
