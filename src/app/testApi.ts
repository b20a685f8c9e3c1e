/**
 * A small, typed window API for browser tests: they act through the page by roles and names,
 * and read exact results (addresses, the trace) here instead of scraping text.
 */
import type { Trace } from '../engine/trace.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import type { AppStore } from '../store/appStore.ts';
import { selectIsSettled } from '../store/selectors.ts';
import type { PolicyWarning } from '../scenario/policyLint.ts';
import type { ModelSummary, ReachabilityResult } from '../worker/protocol.ts';

export interface PodPathTestApi {
  /** The trace on screen, or null before anything was sent. */
  getTrace(): Trace | null;
  /** The cluster model summary the canvas is drawn from. */
  getModel(): ModelSummary | null;
  /** The scenario document as it would be saved. */
  getDocument(): ScenarioDocument;
  /** The selected trace step (`request-3`), or null. */
  getSelectedStepId(): string | null;
  /** True when a model is shown and no simulation is running. */
  readonly ready: boolean;
  /**
   * Opens a scenario as opening a file does (the form starts from its flow); with play (the
   * default) its flow is sent at once. Wait for `ready` afterwards.
   */
  loadScenario(document: ScenarioDocument, options?: { readonly play?: boolean }): void;
  /** Playback: whether the packet plays, the current step (`request-3`) and the speed. */
  getPlayback(): { playing: boolean; stepId: string | null; speed: number; steps: number };
  /** Sends the flow on screen (else the scenario's) `count` times, seeds 1..count. */
  sendBatch(count: number): Promise<void>;
  /** The traces of the last batch, once they arrived. */
  getBatchTraces(): readonly Trace[] | null;
  /**
   * The policy workbench's matrix (`allowed[from][to]`, pods as `namespace/name`) once it
   * answers the current cluster; null while it is computed or the workbench is closed.
   */
  getReachability(): ReachabilityResult | null;
  /** The policy warnings for the current cluster (empty until the workbench computed them). */
  getPolicyWarnings(): readonly PolicyWarning[];
}

declare global {
  interface Window {
    __podpath?: PodPathTestApi;
  }
}

export function installTestApi(store: AppStore, target: Window = window): PodPathTestApi {
  const api: PodPathTestApi = {
    getTrace: () => store.getState().trace,
    getModel: () => store.getState().model,
    getDocument: () => store.getState().document,
    getSelectedStepId: () => store.getState().selectedStepId,
    get ready() {
      return selectIsSettled(store.getState());
    },
    loadScenario: (document, options = {}) => {
      store.getState().loadScenario(document, {
        source: 'file',
        play: options.play ?? true,
        remember: false,
      });
    },
    getPlayback: () => {
      const s = store.getState();
      return {
        playing: s.playing,
        stepId: s.selectedStepId,
        speed: s.speed,
        steps: s.steps.length,
      };
    },
    sendBatch: async (count) => {
      const s = store.getState();
      const probe = s.activeProbe ?? s.document.flow;
      if (probe) await s.sendBatch(probe, count);
    },
    getBatchTraces: () => {
      const batch = store.getState().batch;
      return batch?.status === 'ready' ? batch.traces : null;
    },
    getReachability: () => {
      const s = store.getState();
      const a = s.policyAnalysis;
      return a?.status === 'ready' && a.cluster === s.document.cluster ? a.matrix : null;
    },
    getPolicyWarnings: () => {
      const s = store.getState();
      const a = s.policyAnalysis;
      return a?.status === 'ready' && a.cluster === s.document.cluster ? a.warnings : [];
    },
  };
  target.__podpath = api;
  return api;
}
