/**
 * Opening scenarios (links, the gallery, files, "New", Recent) and the Recent list. Every load
 * goes through loadScenario, which first puts the current work aside in Recent: nothing a person
 * built is ever replaced without a way back (the first-visit scenario, unchanged, is not their
 * work and is not kept).
 */
import type { StateCreator } from 'zustand';
import type { Probe } from '../engine/trace.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import type { ViewState } from '../scenario/envelope.ts';
import type { AppState } from './appState.ts';
import type { TraceStep } from './traceSteps.ts';

/** How many earlier scenarios Recent keeps. */
export const RECENT_LIMIT = 10;

export type LoadSource = 'link' | 'gallery' | 'file' | 'yaml' | 'new' | 'recent' | 'saved';

export interface RecentScenario {
  readonly id: string;
  readonly title: string;
  /** When the scenario was put aside, in ms since the epoch. */
  readonly savedAt: number;
  readonly scenario: ScenarioDocument;
}

/** A message about loading or saving, shown above the canvas until dismissed. */
export interface ScenarioNotice {
  readonly tone: 'info' | 'error';
  readonly text: string;
  /** A Recent entry the notice offers to reopen: the work that was just put aside. */
  readonly reopenId?: string;
}

export interface LoadOptions {
  readonly source: LoadSource;
  /** Send the scenario's flow as soon as it is loaded. */
  readonly play?: boolean;
  /** The hop to select once the flow's trace arrives (index in the request+reply sequence). */
  readonly view?: ViewState;
  /** Put the current work in Recent first (default). Only restoring saved work skips it. */
  readonly remember?: boolean;
}

export interface ScenarioLibrarySlice {
  /** Earlier scenarios, newest first. */
  readonly recent: readonly RecentScenario[];
  /** Bumped by every load; views holding form state for the old scenario key on it. */
  readonly loadCount: number;
  /** Hop to select once the loaded scenario's trace arrives. */
  readonly pendingHop: number | null;
  readonly notice: ScenarioNotice | null;
  /** Embedded (`?embed`): the scenario is shown and played, never edited. */
  readonly readOnly: boolean;
  /**
   * Replaces the document: puts the current work in Recent, clears selection, trace and undo
   * history, and (with play) sends the scenario's flow. Returns the Recent id the previous work
   * went to, or null when it was not kept (same content, or remember: false).
   */
  readonly loadScenario: (document: ScenarioDocument, options: LoadOptions) => string | null;
  /** Opens a Recent entry; the current work takes its place in Recent. */
  readonly openRecent: (id: string) => void;
  readonly forgetRecent: (id: string) => void;
  readonly setRecent: (recent: readonly RecentScenario[]) => void;
  readonly showNotice: (notice: ScenarioNotice | null) => void;
}

let lastId = 0;
/**
 * Unique within a browser: time, a counter, and a random part for other tabs making ids in the
 * same millisecond (crypto.randomUUID needs a secure context).
 */
export function makeRecentId(now: number): string {
  lastId = Math.max(lastId + 1, now);
  return `${lastId.toString(36)}-${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
}

/** The work as it would be saved or shared: the flow is the one last sent, if any. */
export function currentWork(state: AppState): {
  readonly scenario: ScenarioDocument;
  readonly view: ViewState;
} {
  const flow: Probe | undefined = state.activeProbe ?? state.document.flow;
  const scenario = flow === state.document.flow ? state.document : { ...state.document, flow };
  const hop = hopOfStep(state.steps, state.selectedStepId);
  return { scenario, view: hop === undefined ? {} : { hop } };
}

const sharedPhase = (step: TraceStep) => step.phase !== 'lookup';

/** The selected step as a share link's hop: its index in the request+reply sequence. */
export function hopOfStep(steps: readonly TraceStep[], stepId: string | null): number | undefined {
  if (!stepId) return undefined;
  const index = steps.filter(sharedPhase).findIndex((s) => s.id === stepId);
  return index < 0 ? undefined : index;
}

/** The step a share link's hop names, or null when the trace has no such hop. */
export function stepOfHop(steps: readonly TraceStep[], hop: number): string | null {
  return steps.filter(sharedPhase)[hop]?.id ?? null;
}

export const sameContent = (a: ScenarioDocument, b: ScenarioDocument) =>
  a === b || JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether a scenario is someone's work, to keep in Recent when another opens. The page's first
 * scenario, untouched, is not: a first-time visitor opening a link has nothing to put aside and
 * is not told about earlier work they never had.
 */
export const isWork = (scenario: ScenarioDocument) => !sameContent(scenario, defaultScenario);

/** Two Recent lists as one (another tab's and this one's): newest first, no copies. */
export function mergeRecent(
  mine: readonly RecentScenario[],
  theirs: readonly RecentScenario[],
): readonly RecentScenario[] {
  const merged: RecentScenario[] = [];
  for (const entry of [...mine, ...theirs].sort((a, b) => b.savedAt - a.savedAt)) {
    const twin = merged.some((m) => m.id === entry.id || sameContent(m.scenario, entry.scenario));
    if (!twin) merged.push(entry);
  }
  return merged.slice(0, RECENT_LIMIT);
}

/** Puts a scenario on top of Recent; an entry with the same content moves up instead. */
export function pushRecent(
  recent: readonly RecentScenario[],
  scenario: ScenarioDocument,
  now: number,
): { recent: readonly RecentScenario[]; id: string } {
  const twin = recent.find((r) => sameContent(r.scenario, scenario));
  const entry: RecentScenario = {
    id: twin?.id ?? makeRecentId(now),
    title: scenario.title,
    savedAt: now,
    scenario,
  };
  const rest = recent.filter((r) => r !== twin);
  return { recent: [entry, ...rest].slice(0, RECENT_LIMIT), id: entry.id };
}

/**
 * Once a loaded scenario's trace arrives, selects the hop it was opened at. Called by the store
 * whenever the steps change.
 */
export function settlePendingHop(state: AppState): Partial<AppState> | null {
  if (state.pendingHop === null) return null;
  if (state.status === 'error') return { pendingHop: null };
  if (state.steps.length === 0) return null;
  const stepId = stepOfHop(state.steps, state.pendingHop);
  // Parked at the hop, like a breakpoint; a hop the trace does not have leaves it playing.
  return stepId
    ? { pendingHop: null, selectedStepId: stepId, playing: false }
    : { pendingHop: null };
}

export const createScenarioLibrarySlice: StateCreator<AppState, [], [], ScenarioLibrarySlice> = (
  set,
  get,
) => ({
  recent: [],
  loadCount: 0,
  pendingHop: null,
  notice: null,
  readOnly: false,
  loadScenario: (document, options) => {
    const state = get();
    // The scenario opened is the work now, not an earlier one: no copy of it stays in Recent.
    let recent: readonly RecentScenario[] = state.recent.filter(
      (r) => !sameContent(r.scenario, document),
    );
    let keptId: string | null = null;
    if (options.remember !== false) {
      const { scenario } = currentWork(state);
      if (!sameContent(scenario, document) && isWork(scenario)) {
        const pushed = pushRecent(recent, scenario, Date.now());
        recent = pushed.recent;
        keptId = pushed.id;
      }
    }
    const play = options.play === true && document.flow !== undefined;
    const sameCluster = state.document.cluster === document.cluster;
    set({
      recent,
      document,
      loadCount: state.loadCount + 1,
      notice: null,
      selectedKey: null,
      selectedKeys: [],
      selectedStepId: null,
      // A new canvas is drawn and fitted for the new scenario, not morphed from the old one.
      model: null,
      trace: null,
      steps: [],
      error: null,
      status: 'idle',
      playing: false,
      batch: null,
      comparison: null,
      comparisonOpen: false,
      activeProbe: play ? document.flow! : null,
      pendingHop: play && options.view?.hop !== undefined ? options.view.hop : null,
    });
    // Undo must not step back into the scenario that was put aside.
    get().clearHistory();
    // The store re-simulates when the cluster changes; an identical cluster needs a nudge.
    if (sameCluster) void get().simulate();
    return keptId;
  },
  openRecent: (id) => {
    const entry = get().recent.find((r) => r.id === id);
    if (!entry) return;
    set({ recent: get().recent.filter((r) => r.id !== id) });
    get().loadScenario(entry.scenario, { source: 'recent' });
  },
  forgetRecent: (id) => set({ recent: get().recent.filter((r) => r.id !== id) }),
  setRecent: (recent) => set({ recent: recent.slice(0, RECENT_LIMIT) }),
  showNotice: (notice) => set({ notice }),
});
