import type { StateCreator } from 'zustand';
import type { Probe } from '../engine/trace.ts';
import type { Position, ScenarioDocument } from '../scenario/scenarioDocument.ts';
import type { AppState } from './appState.ts';
import type { EditResult } from '../scenario/document/edits/editKit.ts';
import { recordEdit, type EditOptions } from './historySlice.ts';

/** The document a person builds, saves and shares. Only this slice is ever saved or undone. */
export interface ScenarioSlice {
  readonly document: ScenarioDocument;
  /** Replaces the document with an edited one: one undo step (see EditOptions.mergeKey). */
  readonly setDocument: (document: ScenarioDocument, options?: EditOptions) => void;
  /** Edits the current document; a recipe that returns it unchanged records nothing. */
  readonly editDocument: (
    recipe: (document: ScenarioDocument) => ScenarioDocument,
    options?: EditOptions,
  ) => void;
  /**
   * The one way a view applies an edit: its document as one undo step, the selection it names
   * when `select` is set (the inspector then shows it), and its note as a toast.
   */
  readonly commitEdit: (
    result: EditResult,
    options?: EditOptions & { readonly select?: boolean },
  ) => void;
  /** Records where an element was dropped on the canvas (layout data only). */
  readonly setPosition: (key: string, position: Position) => void;
  readonly setFlow: (flow: Probe) => void;
}

export const createScenarioSlice =
  (initial: ScenarioDocument): StateCreator<AppState, [], [], ScenarioSlice> =>
  (set, get) => ({
    document: initial,
    setDocument: (document, options) =>
      set((state) =>
        document === state.document
          ? {}
          : { document, history: recordEdit(state.history, state.document, options) },
      ),
    editDocument: (recipe, options) => get().setDocument(recipe(get().document), options),
    commitEdit: (result, options) => {
      const state = get();
      state.setDocument(result.document, options);
      if (options?.select) {
        state.setSelection(result.keys);
        state.setPanelTab('inspect');
      }
      if (result.note) state.showToast(result.note);
    },
    setPosition: (key, position) =>
      set((state) => ({
        document: {
          ...state.document,
          layout: { ...state.document.layout, [key]: { x: position.x, y: position.y } },
        },
        history: recordEdit(state.history, state.document),
      })),
    setFlow: (flow) => set((state) => ({ document: { ...state.document, flow } })),
  });
