import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { createAppStore } from '../store/appStore.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { installTestApi } from './testApi.ts';

const inPage = () =>
  new SimulationClient({
    createWorker: () => {
      throw new Error('no workers in Node');
    },
    loadEngine: () => Promise.resolve(engine),
  });

describe('the browser tests’ scenario loader', () => {
  it('validates like every other way in: an invalid scenario is refused and the work stays', () => {
    const store = createAppStore({ runner: inPage() });
    const api = installTestApi(store, {} as Window);
    const hostile = {
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        pods: [{ ...defaultScenario.cluster.pods[0], name: '<img src=x onerror=alert(1)>' }],
      },
    } as ScenarioDocument;
    const refused = api.loadScenario(hostile, { play: false });
    expect(refused).toContain('cluster.pods.0.name');
    expect(store.getState().document).toBe(defaultScenario);
    expect(store.getState().notice).toMatchObject({ tone: 'error', text: refused });
  });

  it('opens a valid scenario', () => {
    const store = createAppStore({ runner: inPage() });
    const api = installTestApi(store, {} as Window);
    const renamed = { ...defaultScenario, title: 'Checked' };
    expect(api.loadScenario(renamed, { play: false })).toBeNull();
    expect(store.getState().document.title).toBe('Checked');
  });
});
