import type { StateCreator } from 'zustand';
import type { AppState } from './appState.ts';

/** View preferences and commands. Animation progress is not here: it lives in the canvas's refs. */
export interface UiSlice {
  /** CoreDNS, the ingress controller and their Services: added by the cluster, hidden by default. */
  readonly showSystem: boolean;
  /** Bumped to ask the canvas to play the current trace again. */
  readonly replayCount: number;
  readonly setShowSystem: (show: boolean) => void;
  readonly replay: () => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  showSystem: false,
  replayCount: 0,
  setShowSystem: (showSystem) => set({ showSystem }),
  replay: () => set((state) => ({ replayCount: state.replayCount + 1, selectedStepId: null })),
});
