import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore, type AppStore } from './appStore.ts';

const policyScenario = galleryEntry('policy-deny')!.scenario;

const inPage = () =>
  new SimulationClient({
    createWorker: () => {
      throw new Error('no workers in Node');
    },
    loadEngine: () => Promise.resolve(engine),
  });

async function until(store: AppStore, done: (s: ReturnType<AppStore['getState']>) => boolean) {
  for (let i = 0; i < 400; i++) {
    if (done(store.getState())) return;
    await new Promise((r) => setTimeout(r, 1));
  }
  throw new Error('the store did not get there');
}

describe('the policy workbench in the store', () => {
  it('computes the matrix and the warnings when opened, on the flow’s port', async () => {
    const store = createAppStore({ document: policyScenario, runner: inPage() });
    store.getState().setPoliciesOpen(true);
    expect(store.getState().reachabilityQuery).toEqual({ port: 6379, protocol: 'TCP' });
    await until(store, (s) => s.policyAnalysis?.status === 'ready');
    const { matrix, warnings } = store.getState().policyAnalysis!;
    expect(engine.canReach(matrix!, 'default/frontend', 'default/db')).toBe(true);
    expect(engine.canReach(matrix!, 'default/intruder', 'default/db')).toBe(false);
    expect(warnings).toEqual([]);
  });

  it('follows the cluster while open: Flannel allows everything and says so', async () => {
    const store = createAppStore({ document: policyScenario, runner: inPage() });
    store.getState().setPoliciesOpen(true);
    await until(store, (s) => s.policyAnalysis?.status === 'ready');
    store.getState().editDocument((doc) => ({
      ...doc,
      cluster: {
        ...doc.cluster,
        settings: { ...doc.cluster.settings, cni: { plugin: 'flannel', mode: 'vxlan' } },
      },
    }));
    await until(
      store,
      (s) =>
        s.policyAnalysis?.status === 'ready' && s.policyAnalysis.cluster === s.document.cluster,
    );
    const { matrix, warnings } = store.getState().policyAnalysis!;
    expect(engine.canReach(matrix!, 'default/intruder', 'default/db')).toBe(true);
    expect(warnings.map((w) => w.kind)).toEqual(['not-enforced']);
  });

  it('keeps the port the person chose', async () => {
    const store = createAppStore({ document: policyScenario, runner: inPage() });
    store.getState().setReachabilityQuery({ port: 53, protocol: 'UDP' });
    store.getState().setPoliciesOpen(true);
    expect(store.getState().reachabilityQuery).toEqual({ port: 53, protocol: 'UDP' });
  });

  it('plays a cell as a pod-to-pod probe on the matrix port', async () => {
    const store = createAppStore({ document: policyScenario, runner: inPage() });
    store.getState().setPoliciesOpen(true);
    await store.getState().playMatrixCell({ from: 'default/intruder', to: 'default/db' });
    const { trace, matrixCell } = store.getState();
    expect(matrixCell).toEqual({ from: 'default/intruder', to: 'default/db' });
    expect(trace?.probe).toEqual({
      from: { kind: 'pod', namespace: 'default', name: 'intruder' },
      to: { kind: 'pod', namespace: 'default', name: 'db' },
      port: 6379,
      protocol: 'TCP',
    });
    expect(trace?.reason).toBe('PolicyDenied');
  });

  it('says so when the runner cannot compute a matrix', async () => {
    const client = inPage();
    const store = createAppStore({
      document: policyScenario,
      runner: { run: (cluster, probe) => client.run(cluster, probe), cancel: () => {} },
    });
    await store.getState().analyzePolicies();
    expect(store.getState().policyAnalysis).toMatchObject({ status: 'error', matrix: null });
  });
});
