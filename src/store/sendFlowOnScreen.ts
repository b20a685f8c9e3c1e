import type { AppStore } from './appStore.ts';

/**
 * Sends the flow on screen again, or the scenario's own flow when none was sent yet (a first
 * Send in presenter mode, Space before anything played). False when there is no flow at all.
 */
export function sendFlowOnScreen(store: AppStore): boolean {
  const state = store.getState();
  const probe = state.activeProbe ?? state.document.flow;
  if (!probe) return false;
  void state.sendProbe(probe);
  return true;
}
