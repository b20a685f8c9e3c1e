/**
 * One store made of slices. createAppStore gives a fresh store (tests make one each); the app
 * uses the shared instance through useAppStore.
 */
import { useStore } from 'zustand';
import { useShallow } from 'zustand/react/shallow';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { SimulationClient, type SimulationRunner } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';
import { createHistorySlice } from './historySlice.ts';
import { createLessonDraftSlice } from './lessonDraftSlice.ts';
import { createLessonSlice } from './lessonSlice.ts';
import { createPlaybackSlice } from './playbackSlice.ts';
import { createPolicySlice } from './policySlice.ts';
import { createRunsSlice } from './runsSlice.ts';
import { createScenarioLibrarySlice, settlePendingHop } from './scenarioLibrarySlice.ts';
import { createScenarioSlice } from './scenarioSlice.ts';
import { createSelectionSlice } from './selectionSlice.ts';
import { createUiSlice } from './uiSlice.ts';

export type AppStore = StoreApi<AppState>;

export interface AppStoreOptions {
  readonly document?: ScenarioDocument;
  /** Defaults to a SimulationClient backed by the worker. */
  readonly runner?: SimulationRunner;
}

export function createAppStore(options: AppStoreOptions = {}): AppStore {
  // The client reports a worker failure into the store it serves, which exists only after it.
  let reportFailure = (_cause: string): void => {};
  let reportStall = (_message: string): void => {};
  const runner =
    options.runner ??
    new SimulationClient({
      onFallback: (cause) => reportFailure(cause),
      onStall: (message) => reportStall(message),
    });

  const store = createStore<AppState>()((...a) => ({
    ...createScenarioSlice(options.document ?? defaultScenario)(...a),
    ...createSelectionSlice(...a),
    ...createRunsSlice(runner)(...a),
    ...createUiSlice(...a),
    ...createScenarioLibrarySlice(...a),
    ...createHistorySlice(...a),
    ...createPlaybackSlice(...a),
    ...createPolicySlice(...a),
    ...createLessonSlice(runner)(...a),
    ...createLessonDraftSlice(runner)(...a),
  }));
  reportFailure = (cause) => store.getState().reportWorkerFailure(cause);
  reportStall = (message) => store.getState().reportStall(message);

  // Only the cluster feeds the engine: moving things on the canvas does not re-simulate.
  store.subscribe((state, previous) => {
    if (state.document.cluster !== previous.document.cluster) void state.simulate();
  });
  // The policy workbench's matrix and warnings follow the cluster while it is open.
  store.subscribe((state, previous) => {
    if (!state.policiesOpen) return;
    if (!previous.policiesOpen || state.document.cluster !== previous.document.cluster) {
      void state.analyzePolicies();
    }
  });
  // Sending a packet shows its trace in the side panel.
  store.subscribe((state, previous) => {
    if (state.activeProbe && state.activeProbe !== previous.activeProbe) {
      store.setState({ panelTab: 'trace' });
    }
  });
  // A scenario opened at a hop (a share link) selects it once its trace arrives.
  store.subscribe((state, previous) => {
    if (state.steps === previous.steps && state.status === previous.status) return;
    const settled = settlePendingHop(state);
    if (settled) store.setState(settled);
  });
  return store;
}

/** The app's store. Call `appStore.getState().simulate()` once to build the first model. */
export const appStore = createAppStore();

export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(appStore, selector);
}

/**
 * Several values of the shared store at once, by name: the view re-renders when any of them
 * changes, as with one useAppStore call per value.
 */
export function useAppValues<S extends Record<string, (state: AppState) => unknown>>(
  selectors: S,
): { [K in keyof S]: ReturnType<S[K]> } {
  return useStore(
    appStore,
    useShallow(
      (state) =>
        Object.fromEntries(
          Object.entries(selectors).map(([name, select]) => [name, select(state)]),
        ) as { [K in keyof S]: ReturnType<S[K]> },
    ),
  );
}
