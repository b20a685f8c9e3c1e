/**
 * A small, typed window API for browser tests: they act through the page by roles and names,
 * and read exact results (addresses, the trace) here instead of scraping text. Only a build made
 * for the browser tests (`vite build --mode e2e`) installs it; the production build has none.
 */
import { canReach } from '../engine/reachabilityMatrix.ts';
import type { Trace } from '../engine/trace.ts';
import { restoreEnvelope, wrapScenario } from '../scenario/envelope.ts';
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
   * Opens a scenario as opening a file does: it passes the same validation (an invalid one is
   * refused with the file's message, returned and shown, and the work on screen stays); the form
   * starts from its flow; with play (the default) its flow is sent at once. Returns null when it
   * opened. Wait for `ready` afterwards.
   */
  loadScenario(document: ScenarioDocument, options?: { readonly play?: boolean }): string | null;
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
  /** One cell of that matrix: whether `from` may connect to `to`; null without a matrix or pod. */
  getMatrixCell(from: string, to: string): boolean | null;
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
      const checked = restoreEnvelope(wrapScenario(document));
      if (!checked.ok) {
        store.getState().showNotice({ tone: 'error', text: checked.message });
        return checked.message;
      }
      store.getState().loadScenario(checked.scenario, {
        source: 'file',
        play: options.play ?? true,
        remember: false,
      });
      return null;
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
    getMatrixCell: (from, to) => {
      const matrix = api.getReachability();
      return matrix && canReach(matrix, from, to);
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
