import type { StateCreator } from 'zustand';
import type { AppState } from './appState.ts';

/** What the person points at: a canvas element (by refKey) and a step of the current trace. */
export interface SelectionSlice {
  readonly selectedKey: string | null;
  /** TraceStep id (`request-2`); the canvas parks the packet there. */
  readonly selectedStepId: string | null;
  readonly selectElement: (key: string | null) => void;
  readonly selectStep: (stepId: string | null) => void;
}

export const createSelectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set) => ({
  selectedKey: null,
  selectedStepId: null,
  selectElement: (selectedKey) => set({ selectedKey }),
  selectStep: (selectedStepId) => set({ selectedStepId }),
});
