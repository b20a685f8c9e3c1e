import type { AppStore } from './appStore.ts';
import { predictionPending } from './lessonSlice.ts';

/** What a learner is told when they try to send before answering the lesson's prediction. */
export const ANSWER_FIRST =
  'Answer the lesson’s prediction first: choose what you think the packet does, and its trace plays right after.';

/**
 * True (and the learner is asked to answer first) when a lesson's prediction waits for its
 * answer: sending now would show the trace the prediction is about. Present mode is the
 * exception: there the teacher reveals the answer to the room by sending.
 */
export function holdForPrediction(store: AppStore): boolean {
  const state = store.getState();
  if (!predictionPending(state.lessonPlay) || state.presenting) return false;
  state.showNotice({ tone: 'info', text: ANSWER_FIRST });
  return true;
}

/**
 * Sends the flow on screen again, or the scenario's own flow when none was sent yet (a first
 * Send in presenter mode, Space before anything played). False when there is no flow at all.
 * While a lesson's prediction waits, the learner is asked to answer first; in present mode
 * sending reveals it: the engine answers and its packet plays.
 */
export function sendFlowOnScreen(store: AppStore): boolean {
  const state = store.getState();
  if (holdForPrediction(store)) return true;
  if (predictionPending(state.lessonPlay)) {
    void state.answerPrediction(null);
    return true;
  }
  const probe = state.activeProbe ?? state.document.flow;
  if (!probe) return false;
  void state.sendProbe(probe);
  return true;
}
