import type { StateCreator } from 'zustand';
import type { Probe } from '../engine/trace.ts';
import type { Position, ScenarioDocument } from '../scenario/document.ts';
import type { AppState } from './appState.ts';

/** The document a person builds, saves and shares. Only this slice is ever saved or undone. */
export interface ScenarioSlice {
  readonly document: ScenarioDocument;
  readonly setDocument: (document: ScenarioDocument) => void;
  /** Records where an element was dropped on the canvas (layout data only). */
  readonly setPosition: (key: string, position: Position) => void;
  readonly setFlow: (flow: Probe) => void;
}

export const createScenarioSlice =
  (initial: ScenarioDocument): StateCreator<AppState, [], [], ScenarioSlice> =>
  (set) => ({
    document: initial,
    setDocument: (document) => set({ document }),
    setPosition: (key, position) =>
      set((state) => ({
        document: {
          ...state.document,
          layout: { ...state.document.layout, [key]: { x: position.x, y: position.y } },
        },
      })),
    setFlow: (flow) => set((state) => ({ document: { ...state.document, flow } })),
  });
