/**
 * The work kept in the browser: the current scenario and the Recent list, each as versioned
 * envelopes in localStorage, read through the same tolerant restore as files and links. A value
 * that cannot be read is moved aside under its own key, never deleted, and the app opens on the
 * default scenario with a message. Storage is passed in, so tests use a fake.
 */
import {
  restoreEnvelope,
  restoreFromJson,
  wrapScenario,
  type ScenarioEnvelope,
  type ViewState,
} from '../scenario/envelope.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import type { AppStore } from './appStore.ts';
import { STORAGE_KEYS } from './browserStorage.ts';
import {
  currentWork,
  makeRecentId,
  mergeRecent,
  pushRecent,
  RECENT_LIMIT,
  sameContent,
  type RecentScenario,
  type ScenarioNotice,
} from './scenarioLibrarySlice.ts';

export { getBrowserStorage, STORAGE_KEYS } from './browserStorage.ts';

/** Unreadable values kept aside at most; the oldest copies go first. */
export const UNREADABLE_KEPT = 3;

/** Wait this long after the last change before saving (ms). */
export const SAVE_DELAY_MS = 400;

const RECENT_FORMAT_VERSION = 1;

export type SavedWork =
  | { readonly kind: 'none' }
  | { readonly kind: 'restored'; readonly scenario: ScenarioDocument; readonly view: ViewState }
  | {
      readonly kind: 'unreadable';
      readonly message: string;
      /** Where the unreadable value was put, or null if there was no room to keep a copy. */
      readonly keptAs: string | null;
    };

function safeGet(storage: Storage, key: string): string | null {
  try {
    return storage.getItem(key);
  } catch {
    return null;
  }
}

type WriteOutcome = 'ok' | 'full';

function safeSet(storage: Storage, key: string, value: string): WriteOutcome {
  try {
    storage.setItem(key, value);
    return 'ok';
  } catch {
    // QuotaExceededError, or storage revoked while the page is open: both mean "not saved".
    return 'full';
  }
}

function keysWithPrefix(storage: Storage, prefix: string): string[] {
  const keys: string[] = [];
  try {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key?.startsWith(prefix)) keys.push(key);
    }
  } catch {
    // A storage that cannot be listed has nothing to clean up.
  }
  return keys;
}

/**
 * Copies an unreadable value to a key of its own, once: a value already kept is not copied
 * again, and only the newest UNREADABLE_KEPT copies stay. Returns the key, or null if it did not
 * fit.
 */
function keepAside(storage: Storage, raw: string, what: string, now: number): string | null {
  const kept = keysWithPrefix(storage, STORAGE_KEYS.unreadable).sort();
  const same = kept.find((k) => safeGet(storage, k) === raw);
  if (same) return same;
  const key = `${STORAGE_KEYS.unreadable}${what}.${new Date(now).toISOString()}`;
  for (const old of kept.slice(0, Math.max(0, kept.length - UNREADABLE_KEPT + 1))) {
    try {
      storage.removeItem(old);
    } catch {
      // Left in place; the next load tries again.
    }
  }
  return safeSet(storage, key, raw) === 'ok' ? key : null;
}

/** A short fingerprint of a scenario's cluster (FNV-1a over its JSON). */
function fingerprint(scenario: ScenarioDocument): string {
  const text = JSON.stringify(scenario.cluster);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${text.length}:${h.toString(16)}`;
}

/** Marks the work as the scenario that stalled the simulator, or clears the mark. */
export function markStalled(storage: Storage, scenario: ScenarioDocument | null): void {
  if (scenario) {
    // Through the envelope, as the next load will read it, so that the two fingerprints match.
    const restored = restoreEnvelope(wrapScenario(scenario));
    if (restored.ok) safeSet(storage, STORAGE_KEYS.stalled, fingerprint(restored.scenario));
  } else {
    try {
      storage.removeItem(STORAGE_KEYS.stalled);
    } catch {
      // Nothing to clear.
    }
  }
}

/** Reads the saved work; never throws. An unreadable value is copied aside first. */
export function readSavedWork(storage: Storage, now = Date.now()): SavedWork {
  const raw = safeGet(storage, STORAGE_KEYS.work);
  if (raw === null) return { kind: 'none' };
  const restored = restoreFromJson(raw);
  if (restored.ok) return { kind: 'restored', scenario: restored.scenario, view: restored.view };
  return {
    kind: 'unreadable',
    message: restored.message,
    keptAs: keepAside(storage, raw, 'work', now),
  };
}

interface StoredRecent {
  readonly id: string;
  readonly title: string;
  readonly savedAt: number;
  readonly envelope: ScenarioEnvelope;
}

export interface SavedRecent {
  readonly entries: readonly RecentScenario[];
  /** Entries (or the whole list) that could not be read and were left out. */
  readonly skipped: number;
  readonly keptAs: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads the Recent list; unreadable entries are left out, and the raw value kept aside. */
export function readRecent(storage: Storage, now = Date.now()): SavedRecent {
  const raw = safeGet(storage, STORAGE_KEYS.recent);
  if (raw === null) return { entries: [], skipped: 0, keptAs: null };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    data = undefined;
  }
  const list = isRecord(data) && Array.isArray(data.entries) ? data.entries : null;
  const entries: RecentScenario[] = [];
  let skipped = list ? 0 : 1;
  for (const item of list ?? []) {
    const restored = isRecord(item) ? restoreEnvelope(item.envelope) : null;
    if (!isRecord(item) || !restored?.ok) {
      skipped++;
      continue;
    }
    const savedAt =
      typeof item.savedAt === 'number' && Number.isFinite(item.savedAt) ? item.savedAt : 0;
    entries.push({
      id: typeof item.id === 'string' && item.id.length <= 40 ? item.id : makeRecentId(now),
      title: restored.scenario.title,
      savedAt,
      scenario: restored.scenario,
    });
  }
  const keptAs = skipped > 0 ? keepAside(storage, raw, 'recent', now) : null;
  return { entries: entries.slice(0, RECENT_LIMIT), skipped, keptAs };
}

export function writeWork(
  storage: Storage,
  scenario: ScenarioDocument,
  view: ViewState,
): WriteOutcome {
  return safeSet(storage, STORAGE_KEYS.work, JSON.stringify(wrapScenario(scenario, view)));
}

export function writeRecent(storage: Storage, entries: readonly RecentScenario[]): WriteOutcome {
  const stored: StoredRecent[] = entries.map((e) => ({
    id: e.id,
    title: e.title,
    savedAt: e.savedAt,
    envelope: wrapScenario(e.scenario),
  }));
  return safeSet(
    storage,
    STORAGE_KEYS.recent,
    JSON.stringify({ version: RECENT_FORMAT_VERSION, entries: stored }),
  );
}

/**
 * Puts the saved work and Recent list into the store (the work replaces the default scenario
 * without going to Recent). Returns a message when something could not be read.
 */
export function restoreSavedWork(store: AppStore, storage: Storage): ScenarioNotice | null {
  const now = Date.now();
  const recent = readRecent(storage, now);
  const work = readSavedWork(storage, now);
  // The list goes back without what could not be read (a copy of which was kept aside), so the
  // next load does not find and copy the same unreadable value again.
  if (recent.skipped > 0 && recent.keptAs) writeRecent(storage, recent.entries);
  store.getState().setRecent(recent.entries);
  const problems: string[] = [];
  const stalled =
    work.kind === 'restored' &&
    safeGet(storage, STORAGE_KEYS.stalled) === fingerprint(work.scenario);
  if (work.kind === 'restored' && stalled) {
    // Opening it would run it again: it goes to Recent, and the default scenario opens.
    store.getState().setRecent(pushRecent(recent.entries, work.scenario, now).recent);
    markStalled(storage, null);
    problems.push(
      `“${work.scenario.title}” made the simulator run out of time when it was last open, so PodPath did not open it again. It is in Recent (Scenario menu): open it from there to change what made it slow.`,
    );
  } else if (work.kind === 'restored') {
    store.getState().loadScenario(work.scenario, {
      source: 'saved',
      remember: false,
      play: work.view.hop !== undefined,
      view: work.view,
    });
  } else if (work.kind === 'unreadable') {
    problems.push(
      `The work saved in this browser could not be opened: ${work.message} ` +
        (work.keptAs
          ? `It was kept, unchanged, in this browser's storage under "${work.keptAs}". `
          : 'There was no room to keep a copy, so PodPath will not save over it in this session: use Export to keep new work as a file. ') +
        'PodPath opened the default scenario instead.',
    );
  }
  if (recent.skipped > 0) {
    problems.push(
      `${recent.skipped === 1 ? 'One earlier scenario' : `${recent.skipped} earlier scenarios`} in Recent could not be read and ${recent.skipped === 1 ? 'is' : 'are'} not listed.` +
        (recent.keptAs ? ` The saved list was kept under "${recent.keptAs}".` : ''),
    );
  }
  const notice: ScenarioNotice | null =
    problems.length > 0 ? { tone: 'error', text: problems.join(' ') } : null;
  // Without a copy aside, saving now would destroy the unreadable value: do not save over it.
  const unsafe = work.kind === 'unreadable' && work.keptAs === null;
  if (unsafe) blockedStorages.add(storage);
  return notice;
}

/** Storages whose work value must not be overwritten in this session (see restoreSavedWork). */
const blockedStorages = new WeakSet<Storage>();

export interface PersistenceHandle {
  /** Saves pending changes now (the page is being hidden or closed). */
  readonly flush: () => void;
  readonly stop: () => void;
}

export interface PersistenceOptions {
  readonly delayMs?: number;
  /** Timers, for tests. */
  readonly setTimer?: (run: () => void, ms: number) => unknown;
  readonly clearTimer?: (timer: unknown) => void;
}

/**
 * Saves the work as it changes (debounced) and the Recent list when it changes. When the browser
 * is out of room, drops the oldest Recent entries to make space, then says so once.
 */
export function startPersistence(
  store: AppStore,
  storage: Storage,
  options: PersistenceOptions = {},
): PersistenceHandle {
  const delay = options.delayMs ?? SAVE_DELAY_MS;
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as number));
  let timer: unknown = null;
  let warnedFull = false;

  const warnFull = () => {
    if (warnedFull) return;
    warnedFull = true;
    store.getState().showNotice({
      tone: 'error',
      text: 'This browser has no room left to save your work. Use Export to keep it as a file.',
    });
  };

  const saveRecent = (entries: readonly RecentScenario[]) => {
    let kept = entries;
    while (writeRecent(storage, kept) === 'full') {
      if (kept.length === 0) return warnFull();
      kept = kept.slice(0, -1);
    }
    if (kept !== entries) store.getState().setRecent(kept);
  };

  const saveWork = () => {
    timer = null;
    viewChanged = false;
    overwritten = false;
    if (blockedStorages.has(storage)) return;
    const { scenario, view } = currentWork(store.getState());
    while (writeWork(storage, scenario, view) === 'full') {
      const { recent } = store.getState();
      if (recent.length === 0) return warnFull();
      // setRecent triggers saveRecent through the subscription below.
      store.getState().setRecent(recent.slice(0, -1));
    }
  };

  // The hop moves many times a second during playback: it is saved with the next edit, or when
  // the page is hidden, not on every move.
  let viewChanged = false;
  // Another tab saved its work over this one's; this one's went to Recent (once per overwrite).
  let overwritten = false;
  const unsubscribe = store.subscribe((state, previous) => {
    if (state.stalled !== previous.stalled) {
      markStalled(storage, state.stalled ? currentWork(state).scenario : null);
    }
    if (state.recent !== previous.recent) saveRecent(state.recent);
    if (state.document !== previous.document || state.activeProbe !== previous.activeProbe) {
      if (timer !== null) clearTimer(timer);
      timer = setTimer(saveWork, delay);
    } else if (state.selectedStepId !== previous.selectedStepId) {
      viewChanged = true;
    }
  });

  const flush = () => {
    if (timer === null && !viewChanged) return;
    if (timer !== null) clearTimer(timer);
    saveWork();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') flush();
  };
  // Other tabs share the storage: their Recent entries join this tab's, and when one saves its
  // work over this tab's, this tab's work stays reachable in Recent.
  const onStorage = (event: StorageEvent) => {
    if (event.storageArea !== storage) return;
    const state = store.getState();
    if (event.key === STORAGE_KEYS.recent) {
      const merged = mergeRecent(state.recent, readRecent(storage).entries);
      const same =
        merged.length === state.recent.length &&
        merged.every(
          (m, i) => m.id === state.recent[i].id && m.savedAt === state.recent[i].savedAt,
        );
      if (!same) state.setRecent(merged);
    } else if (event.key === STORAGE_KEYS.work && event.newValue !== null && !overwritten) {
      const theirs = restoreFromJson(event.newValue);
      const { scenario } = currentWork(state);
      if (theirs.ok && sameContent(theirs.scenario, scenario)) return;
      overwritten = true;
      state.setRecent(pushRecent(state.recent, scenario, Date.now()).recent);
    }
  };
  const inBrowser = typeof window !== 'undefined' && typeof document !== 'undefined';
  if (inBrowser) {
    window.addEventListener('pagehide', flush);
    window.addEventListener('storage', onStorage);
    document.addEventListener('visibilitychange', onVisibility);
  }
  return {
    flush,
    stop: () => {
      unsubscribe();
      if (timer !== null) clearTimer(timer);
      if (inBrowser) {
        window.removeEventListener('pagehide', flush);
        window.removeEventListener('storage', onStorage);
        document.removeEventListener('visibilitychange', onVisibility);
      }
    },
  };
}
