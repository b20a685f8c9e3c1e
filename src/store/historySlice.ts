/**
 * Undo and redo of document edits. Only the document is recorded: selection, the trace and the
 * view are not. Edits that carry the same merge key in quick succession (typing in one field,
 * nudging with the arrow keys) squash into one step, and a drag is written once, when it ends.
 */
import type { StateCreator } from 'zustand';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import type { AppState } from './appState.ts';

/** How long edits with the same merge key keep squashing into the step before them. */
export const MERGE_WINDOW_MS = 1500;
export const HISTORY_LIMIT = 200;

export interface EditOptions {
  /** Edits with the same key within MERGE_WINDOW_MS of each other are one undo step. */
  readonly mergeKey?: string;
}

export interface History {
  readonly past: readonly ScenarioDocument[];
  readonly future: readonly ScenarioDocument[];
  readonly lastEdit: { readonly mergeKey: string; readonly at: number } | null;
}

export const EMPTY_HISTORY: History = { past: [], future: [], lastEdit: null };

/** The history after `current` was replaced by an edit. Pure, for the slice and the tests. */
export function recordEdit(
  history: History,
  current: ScenarioDocument,
  options: EditOptions = {},
  now: number = Date.now(),
): History {
  const { mergeKey } = options;
  const merges =
    mergeKey !== undefined &&
    history.lastEdit?.mergeKey === mergeKey &&
    now - history.lastEdit.at <= MERGE_WINDOW_MS &&
    history.past.length > 0;
  return {
    past: merges ? history.past : [...history.past, current].slice(-HISTORY_LIMIT),
    future: [],
    lastEdit: mergeKey === undefined ? null : { mergeKey, at: now },
  };
}

export function undoHistory(
  history: History,
  current: ScenarioDocument,
): { history: History; document: ScenarioDocument } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    document: previous,
    history: {
      past: history.past.slice(0, -1),
      future: [current, ...history.future],
      lastEdit: null,
    },
  };
}

export function redoHistory(
  history: History,
  current: ScenarioDocument,
): { history: History; document: ScenarioDocument } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    document: next,
    history: {
      past: [...history.past, current].slice(-HISTORY_LIMIT),
      future: history.future.slice(1),
      lastEdit: null,
    },
  };
}

export interface HistorySlice {
  readonly history: History;
  readonly undo: () => void;
  readonly redo: () => void;
  readonly clearHistory: () => void;
}

export const createHistorySlice: StateCreator<AppState, [], [], HistorySlice> = (set) => ({
  history: EMPTY_HISTORY,
  undo: () =>
    set((state) => {
      const step = undoHistory(state.history, state.document);
      return step ? { document: step.document, history: step.history } : {};
    }),
  redo: () =>
    set((state) => {
      const step = redoHistory(state.history, state.document);
      return step ? { document: step.document, history: step.history } : {};
    }),
  clearHistory: () => set({ history: EMPTY_HISTORY }),
});
