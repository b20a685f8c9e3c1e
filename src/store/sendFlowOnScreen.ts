import type { AppStore } from './appStore.ts';
import { predictionPending } from './lessonSlice.ts';

/**
 * Sends the flow on screen again, or the scenario's own flow when none was sent yet (a first
 * Send in presenter mode, Space before anything played). False when there is no flow at all.
 * While a lesson's prediction waits, sending reveals it: the engine answers and its packet plays.
 */
export function sendFlowOnScreen(store: AppStore): boolean {
  const state = store.getState();
  if (predictionPending(state.lessonPlay)) {
    void state.answerPrediction(null);
    return true;
  }
  const probe = state.activeProbe ?? state.document.flow;
  if (!probe) return false;
  void state.sendProbe(probe);
  return true;
}
