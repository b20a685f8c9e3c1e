import { beforeEach, describe, expect, it } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { wrapScenario } from '../scenario/envelope.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore, type AppStore } from './appStore.ts';
import {
  readRecent,
  readSavedWork,
  restoreSavedWork,
  startPersistence,
  STORAGE_KEYS,
  UNREADABLE_KEPT,
  writeRecent,
} from './persistence.ts';
import {
  hopOfStep,
  mergeRecent,
  RECENT_LIMIT,
  stepOfHop,
  type RecentScenario,
} from './scenarioLibrarySlice.ts';

/** localStorage in memory, with an optional size limit (characters) to play "quota exceeded". */
class FakeStorage implements Storage {
  readonly map = new Map<string, string>();
  constructor(private readonly limit = Infinity) {}
  get length() {
    return this.map.size;
  }
  clear() {
    this.map.clear();
  }
  getItem(key: string) {
    return this.map.get(key) ?? null;
  }
  key(index: number) {
    return [...this.map.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.map.delete(key);
  }
  setItem(key: string, value: string) {
    const used = [...this.map].reduce((n, [k, v]) => n + (k === key ? 0 : k.length + v.length), 0);
    if (used + key.length + value.length > this.limit) {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    }
    this.map.set(key, String(value));
  }
}

/** Timers the test fires by hand. */
class ManualTimers {
  private pending = new Map<number, () => void>();
  private next = 1;
  set = (run: () => void) => {
    const id = this.next++;
    this.pending.set(id, run);
    return id;
  };
  clear = (id: unknown) => void this.pending.delete(id as number);
  get count() {
    return this.pending.size;
  }
  runAll() {
    const runs = [...this.pending.values()];
    this.pending.clear();
    for (const run of runs) run();
  }
}

const inPage = () =>
  new SimulationClient({
    createWorker: () => {
      throw new Error('no workers in Node');
    },
    loadEngine: () => Promise.resolve(engine),
  });

const newStore = () => createAppStore({ runner: inPage() });

/** Waits until the store has a settled model (and trace, when a flow was sent). */
async function settled(store: AppStore) {
  for (let i = 0; i < 200; i++) {
    const s = store.getState();
    if (s.model && s.status === 'ready' && (!s.activeProbe || s.trace)) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('the store did not settle');
}

const named = (title: string): ScenarioDocument => ({ ...defaultScenario, title });

describe('persistence', () => {
  let storage: FakeStorage;
  let timers: ManualTimers;
  let store: AppStore;

  beforeEach(() => {
    storage = new FakeStorage();
    timers = new ManualTimers();
    store = newStore();
  });

  const persist = (s: AppStore = store) =>
    startPersistence(s, storage, { setTimer: timers.set, clearTimer: timers.clear });

  it('finds nothing in a fresh browser and leaves the default scenario', () => {
    expect(readSavedWork(storage)).toEqual({ kind: 'none' });
    expect(restoreSavedWork(store, storage)).toBeNull();
    expect(store.getState().document).toBe(defaultScenario);
    expect(store.getState().recent).toEqual([]);
  });

  it('saves changes once they pause, as a versioned envelope, and a new page restores them', () => {
    persist();
    store.getState().setPosition('Pod/default/client', { x: 40, y: 50 });
    store.getState().setPosition('Pod/default/client', { x: 41, y: 52 });
    expect(storage.getItem(STORAGE_KEYS.work)).toBeNull();
    expect(timers.count).toBe(1);
    timers.runAll();
    const saved = JSON.parse(storage.getItem(STORAGE_KEYS.work)!);
    expect(saved).toMatchObject({ format: 'podpath-scenario', version: 1 });
    expect(saved.scenario.layout['Pod/default/client']).toEqual({ x: 41, y: 52 });

    const reloaded = newStore();
    expect(restoreSavedWork(reloaded, storage)).toBeNull();
    expect(reloaded.getState().document.layout['Pod/default/client']).toEqual({ x: 41, y: 52 });
    // Restoring the saved work does not put the default scenario into Recent.
    expect(reloaded.getState().recent).toEqual([]);
  });

  it('saves right away when the page is hidden', () => {
    const handle = persist();
    store.getState().setDocument(named('Before closing'));
    handle.flush();
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.work)!).scenario.title).toBe('Before closing');
    expect(timers.count).toBe(0);
  });

  it.each([
    ['not JSON', '{"format": "podpath-scen'],
    ['another format', JSON.stringify({ format: 'excalidraw', version: 2 })],
    ['a newer version', JSON.stringify({ ...wrapScenario(defaultScenario), version: 99 })],
    [
      'an invalid scenario',
      JSON.stringify(wrapScenario({ ...defaultScenario, title: 42 } as never)),
    ],
    ['a hostile name', JSON.stringify(wrapScenario(namedPod('<img src=x onerror=alert(1)>')))],
  ])('keeps unreadable saved work (%s) aside, explains, and opens the default', (_, raw) => {
    storage.setItem(STORAGE_KEYS.work, raw);
    const notice = restoreSavedWork(store, storage);
    expect(notice?.tone).toBe('error');
    expect(notice?.text).toMatch(/could not be opened/);
    expect(store.getState().document).toBe(defaultScenario);
    const asideKey = [...storage.map.keys()].find((k) => k.startsWith(STORAGE_KEYS.unreadable));
    expect(asideKey).toBeDefined();
    expect(storage.getItem(asideKey!)).toBe(raw);
    expect(notice?.text).toContain(asideKey);

    // Saving the new work afterwards does not touch the copy.
    persist();
    store.getState().setDocument(named('Fresh start'));
    timers.runAll();
    expect(storage.getItem(asideKey!)).toBe(raw);
  });

  it('does not save over unreadable work when there is no room to keep a copy', () => {
    const raw = '{"broken": true'.padEnd(300, ' ');
    const tight = new FakeStorage(STORAGE_KEYS.work.length + raw.length + 10);
    tight.setItem(STORAGE_KEYS.work, raw);
    storage = tight;
    const notice = restoreSavedWork(store, storage);
    // Saving is off for this session, and the person is told so, with what to do instead.
    expect(notice?.text).toContain('will not save over it in this session');
    expect(notice?.text).toContain('Export');
    persist();
    store.getState().setDocument(named('New work'));
    timers.runAll();
    expect(storage.getItem(STORAGE_KEYS.work)).toBe(raw);
  });

  it('restores an older envelope version through the migrations', () => {
    // Version 1 is the oldest shipped format: it must keep loading as it is.
    storage.setItem(STORAGE_KEYS.work, JSON.stringify(wrapScenario(named('Version one'))));
    expect(restoreSavedWork(store, storage)).toBeNull();
    expect(store.getState().document.title).toBe('Version one');
  });

  it('saves the flow last sent and the selected hop, and a reload opens that hop', async () => {
    const handle = persist();
    await store.getState().sendProbe(defaultScenario.flow!);
    timers.runAll();
    const steps = store.getState().steps;
    const hop3 = stepOfHop(steps, 3)!;
    // Moving along the trace (playback) does not save each time; hiding the page does.
    store.getState().selectStep(hop3);
    expect(timers.count).toBe(0);
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.work)!).view).toEqual({});
    handle.flush();
    const saved = JSON.parse(storage.getItem(STORAGE_KEYS.work)!);
    expect(saved.view).toEqual({ hop: 3 });

    const reloaded = newStore();
    restoreSavedWork(reloaded, storage);
    await settled(reloaded);
    expect(reloaded.getState().selectedStepId).toBe(hop3);
    expect(reloaded.getState().trace?.deliveredTo).toEqual(store.getState().trace?.deliveredTo);
  });

  it('keeps the Recent list across reloads, newest first, at most ten', () => {
    persist();
    for (let i = 1; i <= RECENT_LIMIT + 3; i++) {
      store.getState().loadScenario(named(`Scenario ${i}`), { source: 'file' });
    }
    const reloaded = newStore();
    restoreSavedWork(reloaded, storage);
    const titles = reloaded.getState().recent.map((r) => r.title);
    expect(titles).toHaveLength(RECENT_LIMIT);
    expect(titles[0]).toBe(`Scenario ${RECENT_LIMIT + 2}`);
    expect(titles).not.toContain('Scenario 1');
  });

  it('leaves unreadable Recent entries out and keeps the list aside', () => {
    writeRecent(storage, []);
    const good = { id: 'a1', title: 'Good', savedAt: 5, envelope: wrapScenario(named('Good')) };
    storage.setItem(
      STORAGE_KEYS.recent,
      JSON.stringify({ version: 1, entries: [good, { id: 'b2', envelope: { format: 'x' } }, 7] }),
    );
    const recent = readRecent(storage);
    expect(recent.entries.map((e) => e.title)).toEqual(['Good']);
    expect(recent.skipped).toBe(2);
    expect(recent.keptAs).toMatch(/^podpath\.unreadable\.recent\./);
    const notice = restoreSavedWork(store, storage);
    expect(notice?.text).toMatch(/2 earlier scenarios/);
  });

  it('keeps an unreadable Recent list aside once, however often the page loads', () => {
    const good = { id: 'a1', title: 'Good', savedAt: 5, envelope: wrapScenario(named('Good')) };
    const raw = JSON.stringify({ version: 1, entries: [good, 'x'.repeat(10_000)] });
    storage.setItem(STORAGE_KEYS.recent, raw);
    for (let load = 0; load < 4; load++) restoreSavedWork(newStore(), storage);
    const aside = [...storage.map.keys()].filter((k) => k.startsWith(STORAGE_KEYS.unreadable));
    expect(aside).toHaveLength(1);
    expect(storage.getItem(aside[0])).toBe(raw);
    // The list itself now holds what could be read.
    expect(readRecent(storage)).toMatchObject({ skipped: 0, entries: [{ title: 'Good' }] });
  });

  it('keeps at most three unreadable copies, dropping the oldest', () => {
    for (let i = 0; i < 5; i++) {
      storage.setItem(STORAGE_KEYS.work, `{"broken": ${i}`);
      readSavedWork(storage, Date.UTC(2026, 0, 1 + i));
    }
    const aside = [...storage.map.keys()].filter((k) => k.startsWith(STORAGE_KEYS.unreadable));
    expect(aside.sort()).toHaveLength(UNREADABLE_KEPT);
    expect(aside.map((k) => storage.getItem(k))).toEqual([
      '{"broken": 2',
      '{"broken": 3',
      '{"broken": 4',
    ]);
  });

  it('does not reopen work that made the simulator run out of time; it waits in Recent', async () => {
    persist();
    store.getState().setDocument(named('Wedge'));
    timers.runAll();
    store.getState().reportStall('The simulation took longer than 20 s while building the cluster');
    expect(storage.getItem(STORAGE_KEYS.stalled)).not.toBeNull();

    const next = newStore();
    const notice = restoreSavedWork(next, storage);
    expect(notice?.text).toContain('“Wedge” made the simulator run out of time');
    expect(next.getState().document.title).toBe(defaultScenario.title);
    expect(next.getState().recent.map((r) => r.title)).toContain('Wedge');
    expect(storage.getItem(STORAGE_KEYS.stalled)).toBeNull();
  });

  it('clears the mark once the work builds again', async () => {
    persist();
    store.getState().reportStall('slow');
    expect(storage.getItem(STORAGE_KEYS.stalled)).not.toBeNull();
    await store.getState().simulate();
    expect(storage.getItem(STORAGE_KEYS.stalled)).toBeNull();
    expect(restoreSavedWork(newStore(), storage)).toBeNull();
  });

  it('makes room by dropping the oldest Recent entries, then says when even that fails', () => {
    const size = JSON.stringify(wrapScenario(named('x'.repeat(10)))).length;
    storage = new FakeStorage(size * 4);
    persist();
    for (let i = 1; i <= 6; i++) store.getState().loadScenario(named(`S${i}`), { source: 'file' });
    expect(store.getState().recent.length).toBeLessThan(6);
    expect(readRecent(storage).entries.map((e) => e.title)).toEqual(
      store.getState().recent.map((r) => r.title),
    );
    timers.runAll();
    expect(JSON.parse(storage.getItem(STORAGE_KEYS.work)!).scenario.title).toBe('S6');
    expect(store.getState().notice).toBeNull();

    const huge = { ...named('Huge'), description: 'd'.repeat(2000) };
    storage = new FakeStorage(size);
    const other = newStore();
    startPersistence(other, storage, { setTimer: timers.set, clearTimer: timers.clear });
    other.getState().setDocument(huge);
    timers.runAll();
    expect(other.getState().notice?.text).toMatch(/no room left/);
  });

  it('survives a storage that throws on every call', () => {
    const hostile = new FakeStorage();
    hostile.getItem = () => {
      throw new Error('SecurityError');
    };
    hostile.setItem = () => {
      throw new Error('SecurityError');
    };
    storage = hostile;
    expect(() => restoreSavedWork(store, storage)).not.toThrow();
    persist();
    store.getState().setDocument(named('Anything'));
    expect(() => timers.runAll()).not.toThrow();
  });
});

describe('loading a scenario', () => {
  it('puts the current work in Recent, resets selection and trace, and plays the flow', async () => {
    const store = newStore();
    await store.getState().sendProbe(defaultScenario.flow!);
    store.getState().selectElement('Pod/default/client');
    store.getState().setPosition('Pod/default/client', { x: 1, y: 2 });
    const edited = store.getState().document;
    const gallery = galleryEntry('same-node')!.scenario;

    const keptId = store.getState().loadScenario(gallery, { source: 'gallery', play: true });
    const state = store.getState();
    expect(state.document).toBe(gallery);
    expect(state.selectedKey).toBeNull();
    expect(state.selectedStepId).toBeNull();
    expect(state.trace).toBeNull();
    expect(state.recent[0]).toMatchObject({ id: keptId, title: edited.title });
    expect(state.recent[0].scenario.layout).toEqual(edited.layout);
    await settled(store);
    expect(store.getState().trace?.verdict).toBe('Delivered');
  });

  /** A link that names hop `hop`, opened and its trace arrived. */
  const openedAtHop = async (hop: number) => {
    const store = newStore();
    store.getState().loadScenario(named('Linked'), { source: 'link', play: true, view: { hop } });
    await settled(store);
    return store;
  };

  it('selects the hop a link names once its trace arrives', async () => {
    const store = await openedAtHop(5);
    const { steps, selectedStepId } = store.getState();
    expect(hopOfStep(steps, selectedStepId)).toBe(5);
    expect(selectedStepId).toMatch(/^(request|reply)-/);
    // Parked there: playback does not carry the packet on from the shared hop.
    expect(store.getState().playing).toBe(false);
  });

  it('selects nothing when the hop is beyond the trace', async () => {
    const store = await openedAtHop(999);
    expect(store.getState().selectedStepId).toBeNull();
    expect(store.getState().pendingHop).toBeNull();
  });

  it('plays the same scenario again when opened twice', async () => {
    const store = newStore();
    const gallery = galleryEntry('headless')!.scenario;
    store.getState().loadScenario(gallery, { source: 'gallery', play: true });
    await settled(store);
    store.getState().loadScenario(gallery, { source: 'gallery', play: true, view: { hop: 1 } });
    expect(store.getState().trace).toBeNull();
    await settled(store);
    expect(store.getState().trace).not.toBeNull();
    expect(hopOfStep(store.getState().steps, store.getState().selectedStepId)).toBe(1);
  });

  it('keeps no copies in Recent, and reopening an entry swaps it with the current work', () => {
    const store = newStore();
    store.getState().loadScenario(named('A'), { source: 'file' });
    store.getState().loadScenario(named('B'), { source: 'file' });
    store.getState().loadScenario(named('A'), { source: 'file' });
    // A is the work now: it is not also listed as an earlier scenario. The untouched first-visit
    // scenario A replaced was nobody's work and is not listed either.
    expect(store.getState().recent.map((r) => r.title)).toEqual(['B']);
    const b = store.getState().recent[0];
    store.getState().openRecent(b.id);
    expect(store.getState().document.title).toBe('B');
    expect(store.getState().recent.map((r) => r.title)).toEqual(['A']);
  });

  it('tells a first-time visitor of nothing in Recent: the untouched first scenario is not work', async () => {
    const store = newStore();
    await store.getState().sendProbe(defaultScenario.flow!);
    const linked = galleryEntry('same-node')!.scenario;
    expect(store.getState().loadScenario(linked, { source: 'link', play: true })).toBeNull();
    expect(store.getState().recent).toEqual([]);
  });

  it('keeps the first scenario once the visitor changed it', () => {
    const store = newStore();
    store.getState().setPosition('Pod/default/client', { x: 10, y: 20 });
    const kept = store.getState().loadScenario(named('Linked'), { source: 'link' });
    expect(kept).not.toBeNull();
    expect(store.getState().recent.map((r) => r.title)).toEqual([defaultScenario.title]);
  });

  it('keeps the flow last sent with the work it puts aside', async () => {
    const store = newStore();
    const probe = { ...defaultScenario.flow!, to: { kind: 'name' as const, name: 'web-1' } };
    await store.getState().sendProbe(probe);
    store.getState().loadScenario(named('Other'), { source: 'file' });
    expect(store.getState().recent[0].scenario.flow).toEqual(probe);
  });
});

function namedPod(name: string): ScenarioDocument {
  const [first, ...rest] = defaultScenario.cluster.pods;
  return {
    ...defaultScenario,
    cluster: { ...defaultScenario.cluster, pods: [{ ...first, name }, ...rest] },
  };
}

describe('mergeRecent', () => {
  const entry = (id: string, title: string, savedAt: number): RecentScenario => ({
    id,
    title,
    savedAt,
    scenario: named(title),
  });

  it('joins two tabs’ lists newest first, without copies of the same id or content', () => {
    const mine = [entry('a', 'A', 30), entry('b', 'B', 10)];
    const theirs = [entry('c', 'C', 20), entry('a', 'A', 5), entry('x', 'B', 40)];
    expect(mergeRecent(mine, theirs).map((e) => `${e.id}:${e.savedAt}`)).toEqual([
      'x:40',
      'a:30',
      'c:20',
    ]);
  });

  it('keeps at most ten', () => {
    const many = Array.from({ length: 15 }, (_, i) => entry(`e${i}`, `E${i}`, i));
    expect(mergeRecent(many.slice(0, 8), many.slice(8))).toHaveLength(RECENT_LIMIT);
  });
});
