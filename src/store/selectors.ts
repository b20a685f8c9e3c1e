/**
 * Named selectors, so components subscribe to exactly what they read. Selectors returning new
 * arrays are meant for useShallow.
 */
import type { AppState } from './appState.ts';
import { describeOutcome, type TracePhase, type TraceStep } from './traceSteps.ts';

export const selectDocument = (s: AppState) => s.document;
export const selectTitle = (s: AppState) => s.document.title;
export const selectDescription = (s: AppState) => s.document.description;
export const selectLayout = (s: AppState) => s.document.layout;
export const selectFlow = (s: AppState) => s.document.flow;
export const selectSetPosition = (s: AppState) => s.setPosition;

export const selectModel = (s: AppState) => s.model;
export const selectDiagnostics = (s: AppState) => s.model?.diagnostics;
export const selectClusterSettings = (s: AppState) => s.model?.settings;
export const selectTrace = (s: AppState) => s.trace;
export const selectSteps = (s: AppState) => s.steps;
export const selectHasTrace = (s: AppState) => s.steps.length > 0;
export const selectStatus = (s: AppState) => s.status;
export const selectError = (s: AppState) => s.error;
export const selectWorkerFailure = (s: AppState) => s.workerFailure;
export const selectActiveProbe = (s: AppState) => s.activeProbe;
export const selectSendProbe = (s: AppState) => s.sendProbe;
export const selectIsRunning = (s: AppState) => s.status === 'running';
/** A model for the current document is shown and no run is outstanding. */
export const selectIsSettled = (s: AppState) =>
  s.model !== null && (s.status === 'ready' || s.status === 'error');

export const selectOutcomeVerdict = (s: AppState) => s.trace?.verdict ?? null;
export const selectDeliveredTo = (s: AppState) => s.trace?.deliveredTo ?? null;
export const selectSummary = (s: AppState) => s.trace?.summary ?? null;
export const selectDropReasonText = (s: AppState) =>
  s.trace ? describeOutcome(s.trace).reasonText : null;

export const selectSelectedKey = (s: AppState) => s.selectedKey;
export const selectSelectedStepId = (s: AppState) => s.selectedStepId;
export const selectSelectElement = (s: AppState) => s.selectElement;
export const selectSelectStep = (s: AppState) => s.selectStep;

export const selectShowSystem = (s: AppState) => s.showSystem;
export const selectSetShowSystem = (s: AppState) => s.setShowSystem;
export const selectReplayCount = (s: AppState) => s.replayCount;
export const selectReplay = (s: AppState) => s.replay;

/** Pods a person placed (not CoreDNS or the ingress controller), in document order. Use useShallow. */
export const selectUserPods = (s: AppState) => s.model?.pods.filter((p) => !p.system) ?? [];
/** Services a person placed. Use useShallow. */
export const selectUserServices = (s: AppState) => s.model?.services.filter((v) => !v.system) ?? [];
/** Phases present in the current trace, in order. Use useShallow. */
export const selectTracePhases = (s: AppState): TracePhase[] =>
  (['lookup', 'request', 'reply'] as const).filter((p) => s.steps.some((st) => st.phase === p));
export const selectStepsOfPhase =
  (phase: TracePhase) =>
  (s: AppState): TraceStep[] =>
    s.steps.filter((st) => st.phase === phase);
export const selectSelectedStep = (s: AppState) =>
  s.steps.find((st) => st.id === s.selectedStepId) ?? null;
export const selectRecent = (s: AppState) => s.recent;
export const selectNotice = (s: AppState) => s.notice;
/** Bumped by every scenario load: forms holding state for the old scenario key on it. */
export const selectLoadCount = (s: AppState) => s.loadCount;
/** Embedded: shown and played, never edited. Editing chrome hides itself when true. */
export const selectReadOnly = (s: AppState) => s.readOnly;
