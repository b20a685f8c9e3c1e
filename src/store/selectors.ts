/**
 * Named selectors, so components subscribe to exactly what they read. Selectors returning new
 * arrays are meant for useShallow.
 */
import { matchesLabelSelector } from '../engine/selectors.ts';
import type { AppState } from './appState.ts';
import type { ModelSummary } from './viewTypes.ts';
import { describeOutcome } from './traceSteps.ts';
import { predictionPending } from './lessonSlice.ts';

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
/** The outside address a flow that left the cluster reached. */
export const selectOutside = (s: AppState) => s.trace?.outside ?? null;
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

export const selectSelectedStep = (s: AppState) =>
  s.steps.find((st) => st.id === s.selectedStepId) ?? null;
export const selectRecent = (s: AppState) => s.recent;
export const selectNotice = (s: AppState) => s.notice;
/** Bumped by every scenario load: forms holding state for the old scenario key on it. */
export const selectLoadCount = (s: AppState) => s.loadCount;
/** Embedded: shown and played, never edited. Editing chrome hides itself when true. */
export const selectReadOnly = (s: AppState) => s.readOnly;

// The editor: undo history, selection, theme and side panel.
export const selectCluster = (s: AppState) => s.document.cluster;
export const selectSetDocument = (s: AppState) => s.setDocument;
export const selectEditDocument = (s: AppState) => s.editDocument;
export const selectCanUndo = (s: AppState) => s.history.past.length > 0;
export const selectCanRedo = (s: AppState) => s.history.future.length > 0;
export const selectUndo = (s: AppState) => s.undo;
export const selectRedo = (s: AppState) => s.redo;
export const selectSetSelection = (s: AppState) => s.setSelection;
/** Every selected element, the inspected one last. Use useShallow. */
export const selectSelectedKeys = (s: AppState): readonly string[] =>
  s.selectedKey === null
    ? []
    : s.selectedKeys.includes(s.selectedKey)
      ? s.selectedKeys
      : [s.selectedKey];
export const selectTheme = (s: AppState) => s.theme;
export const selectSetTheme = (s: AppState) => s.setTheme;
export const selectPanelTab = (s: AppState) => s.panelTab;
export const selectSetPanelTab = (s: AppState) => s.setPanelTab;
export const selectToast = (s: AppState) => s.toast;
export const selectShowToast = (s: AppState) => s.showToast;
export const selectDismissToast = (s: AppState) => s.dismissToast;

// The policy workbench
export const selectPoliciesOpen = (s: AppState) => s.policiesOpen;
export const selectSetPoliciesOpen = (s: AppState) => s.setPoliciesOpen;
export const selectWorkbenchPolicyKey = (s: AppState) => s.workbenchPolicyKey;
export const selectReachabilityQuery = (s: AppState) => s.reachabilityQuery;
export const selectPolicyAnalysis = (s: AppState) => s.policyAnalysis;
export const selectMatrixCell = (s: AppState) => s.matrixCell;
export const selectSetHighlightedRefs = (s: AppState) => s.setHighlightedRefs;
/** Whether the canvas should point out an element (a selector under the pointer picks it). */
export const selectIsHighlighted = (key: string) => (s: AppState) =>
  s.highlightedRefs.includes(key);

let policyTargetsCache: {
  policies: AppState['document']['cluster']['networkPolicies'];
  pods: ModelSummary['pods'] | undefined;
  result: ReadonlyMap<string, readonly string[]>;
} | null = null;

/**
 * Pods a NetworkPolicy selects (its podSelector, in its namespace), with the policies' names,
 * keyed by pod refKey. Memoised on the policies and the model's pods.
 */
export const selectPolicyTargets = (s: AppState): ReadonlyMap<string, readonly string[]> => {
  const policies = s.document.cluster.networkPolicies;
  const pods = s.model?.pods;
  const cached = policyTargetsCache;
  if (cached && cached.policies === policies && cached.pods === pods) return cached.result;
  const result = new Map<string, string[]>();
  for (const policy of policies ?? []) {
    const namespace = policy.namespace ?? 'default';
    for (const pod of pods ?? []) {
      if (pod.namespace !== namespace || !matchesLabelSelector(policy.podSelector, pod.labels)) {
        continue;
      }
      const list = result.get(pod.key) ?? [];
      list.push(policy.name);
      result.set(pod.key, list);
    }
  }
  policyTargetsCache = { policies, pods, result };
  return result;
};

// Playback (the trace explorer)
export const selectPlaying = (s: AppState) => s.playing;
export const selectSpeed = (s: AppState) => s.speed;
export const selectPresenting = (s: AppState) => s.presenting;
export const selectSetPresenting = (s: AppState) => s.setPresenting;
export const selectBatch = (s: AppState) => s.batch;
export const selectComparison = (s: AppState) => s.comparison;
export const selectComparisonOpen = (s: AppState) => s.comparisonOpen;
export const selectStepCount = (s: AppState) => s.steps.length;
export const selectSelectedStepIndex = (s: AppState) =>
  s.selectedStepId === null ? -1 : s.steps.findIndex((st) => st.id === s.selectedStepId);
/** The playback commands. Use useShallow. */
export const selectPlaybackControls = (s: AppState) => ({
  play: s.play,
  pause: s.pause,
  togglePlay: s.togglePlay,
  stepForward: s.stepForward,
  stepBack: s.stepBack,
  jumpToStart: s.jumpToStart,
  jumpToEnd: s.jumpToEnd,
  seekTo: s.seekTo,
  reachStep: s.reachStep,
  finishPlayback: s.finishPlayback,
  setSpeed: s.setSpeed,
  setPresenting: s.setPresenting,
  sendBatch: s.sendBatch,
  clearBatch: s.clearBatch,
  replayWith: s.replayWith,
  clearComparison: s.clearComparison,
  openComparison: s.openComparison,
  closeComparison: s.closeComparison,
});

export const selectLessonPlay = (s: AppState) => s.lessonPlay;
export const selectLessonProgress = (s: AppState) => s.lessonProgress;
/** A lesson's prediction waits for its answer: the trace stays hidden until then. */
export const selectPredictionPending = (s: AppState) => predictionPending(s.lessonPlay);
