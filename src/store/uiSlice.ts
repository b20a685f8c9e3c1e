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
  /** The colour theme the person chose; null follows the system (prefers-color-scheme). */
  readonly theme: Theme | null;
  readonly setTheme: (theme: Theme | null) => void;
  /**
   * Every selected canvas element (shift-click, box select); selectedKey is the one the
   * inspector shows. Read it through selectSelectedKeys, which keeps the two consistent.
   */
  readonly selectedKeys: readonly string[];
  readonly setSelection: (keys: readonly string[]) => void;
  /** Which tab of the side panel is open. */
  readonly panelTab: PanelTab;
  readonly setPanelTab: (tab: PanelTab) => void;
  /** A short note for the person (why a pod's IP changed); replaced by the next one. */
  readonly toast: Toast | null;
  readonly showToast: (text: string) => void;
  readonly dismissToast: () => void;
  /**
   * Canvas elements (refKeys: `Pod/default/db`, `Namespace/shop`) to point out for a moment:
   * what the selector under the pointer in the policy workbench selects.
   */
  readonly highlightedRefs: readonly string[];
  readonly setHighlightedRefs: (refs: readonly string[]) => void;
}

export type Theme = 'light' | 'dark';
export type PanelTab = 'inspect' | 'trace';
export interface Toast {
  readonly id: number;
  readonly text: string;
}

let toastId = 0;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  showSystem: false,
  replayCount: 0,
  setShowSystem: (showSystem) => set({ showSystem }),
  replay: () =>
    set((state) => ({
      replayCount: state.replayCount + 1,
      selectedStepId: null,
      playing: state.steps.length > 0,
    })),
  theme: null,
  setTheme: (theme) => set({ theme }),
  selectedKeys: [],
  setSelection: (keys) => set({ selectedKeys: keys, selectedKey: keys.at(-1) ?? null }),
  panelTab: 'trace',
  setPanelTab: (panelTab) => set({ panelTab }),
  toast: null,
  showToast: (text) => set({ toast: { id: ++toastId, text } }),
  dismissToast: () => set({ toast: null }),
  highlightedRefs: [],
  setHighlightedRefs: (highlightedRefs) => set({ highlightedRefs }),
});
