import { describe, expect, it } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { GALLERY } from '../scenario/builtins/gallery.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { answerRequest } from '../worker/answerRequest.ts';
import type { SimulationRequest, SimulationResponse } from '../worker/protocol.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore } from './appStore.ts';
import { summarizeBatch } from './batchSummary.ts';
import { BATCH_SIZE, sameFlow } from './runsSlice.ts';

/** A stand-in for the module worker: keeps requests until the test answers them. */
class FakeWorker {
  onmessage: ((event: MessageEvent<SimulationResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: SimulationRequest[] = [];
  postMessage(request: SimulationRequest) {
    this.received.push(request);
  }
  terminate() {}
  answer(request: SimulationRequest) {
    this.onmessage?.({ data: answerRequest(engine, request) } as MessageEvent<SimulationResponse>);
  }
}

const cluster = defaultScenario.cluster;
const flow = defaultScenario.flow!;
const loadEngine = () => Promise.resolve(engine);
const inPage = () =>
  new SimulationClient({
    createWorker: () => {
      throw new Error('no workers in Node');
    },
    loadEngine,
  });

describe('batch requests', () => {
  it('trace many probes through one model, each answering on its own', () => {
    const response = answerRequest(engine, {
      kind: 'batch',
      id: 7,
      cluster,
      probes: [flow, { ...flow, from: { kind: 'pod', namespace: 'default', name: 'ghost' } }],
    });
    expect(response).toMatchObject({ kind: 'batch', id: 7, ok: true });
    if (!response.ok || response.kind !== 'batch') throw new Error('expected a batch');
    expect(response.traces[0]).toMatchObject({ ok: true });
    expect(response.traces[1]).toMatchObject({ ok: false });
    expect(response.traces[1].ok === false && response.traces[1].error).toContain('ghost');
  });

  it('run on channels of their own: a batch never supersedes the trace on screen', async () => {
    const worker = new FakeWorker();
    const client = new SimulationClient({ createWorker: () => worker as unknown as Worker });
    const run = client.run(cluster, flow);
    const firstBatch = client.runBatch(cluster, [flow]);
    const secondBatch = client.runBatch(cluster, [flow, flow]);
    const compare = client.runBatch(cluster, [flow], 'compare');
    expect(await firstBatch).toEqual({ kind: 'superseded' });
    for (const request of worker.received) worker.answer(request);
    expect((await run).kind).toBe('result');
    const batch = await secondBatch;
    expect(batch.kind === 'result' && batch.traces).toHaveLength(2);
    expect((await compare).kind).toBe('result');
  });

  it('are answered in the page when there is no worker', async () => {
    const outcome = await inPage().runBatch(cluster, [flow, { ...flow, seed: 2 }]);
    expect(outcome.kind === 'result' && outcome.traces.every((t) => t.ok)).toBe(true);
  });

  it('are cancelled with everything else', async () => {
    const worker = new FakeWorker();
    const client = new SimulationClient({ createWorker: () => worker as unknown as Worker });
    const batch = client.runBatch(cluster, [flow]);
    client.cancel();
    expect(await batch).toEqual({ kind: 'cancelled' });
  });
});

describe('playback', () => {
  async function tracedStore(document: ScenarioDocument = defaultScenario) {
    const store = createAppStore({ document, runner: inPage() });
    await store.getState().sendProbe(document.flow!);
    return store;
  }

  it('plays a new trace from its first hop', async () => {
    const store = await tracedStore();
    const { playing, selectedStepId, steps } = store.getState();
    expect(steps.length).toBeGreaterThan(20);
    expect(playing).toBe(true);
    expect(selectedStepId).toBeNull();
  });

  it('steps forward and back, jumps to either end, and pauses while it does', async () => {
    const store = await tracedStore();
    const s = () => store.getState();
    s().stepForward();
    expect(s()).toMatchObject({ playing: false, selectedStepId: 'lookup-0' });
    s().stepForward();
    s().stepForward();
    expect(s().selectedStepId).toBe('lookup-2');
    s().stepBack();
    expect(s().selectedStepId).toBe('lookup-1');
    s().jumpToEnd();
    expect(s().selectedStepId).toBe(s().steps.at(-1)!.id);
    s().stepForward();
    expect(s().selectedStepId).toBe(s().steps.at(-1)!.id);
    s().jumpToStart();
    s().stepBack();
    expect(s().selectedStepId).toBe('lookup-0');
    s().seekTo('request-3');
    expect(s().selectedStepId).toBe('request-3');
    s().seekTo('request-999');
    expect(s().selectedStepId).toBe('request-3');
  });

  it('plays on from a paused hop, and from the last hop starts over', async () => {
    const store = await tracedStore();
    const s = () => store.getState();
    s().seekTo('request-2');
    s().play();
    expect(s()).toMatchObject({ playing: true, selectedStepId: 'request-2' });
    s().reachStep('request-3');
    expect(s()).toMatchObject({ playing: true, selectedStepId: 'request-3' });
    s().togglePlay();
    expect(s().playing).toBe(false);
    s().jumpToEnd();
    s().play();
    expect(s()).toMatchObject({ playing: true, selectedStepId: null });
    s().finishPlayback();
    expect(s().playing).toBe(false);
  });

  it('keeps the speed between 0.25x and 4x', async () => {
    const store = await tracedStore();
    store.getState().setSpeed(10);
    expect(store.getState().speed).toBe(4);
    store.getState().setSpeed(0.1);
    expect(store.getState().speed).toBe(0.25);
    store.getState().setSpeed(2);
    expect(store.getState().speed).toBe(2);
  });

  it('sends 20 with seeds 1..20, spread over both endpoints, the flow parked at its start', async () => {
    const store = createAppStore({ runner: inPage() });
    await store.getState().sendBatch(flow);
    const { batch, trace, playing, selectedStepId } = store.getState();
    expect(batch?.status).toBe('ready');
    expect(batch?.traces.map((t) => t.probe.seed)).toEqual(
      Array.from({ length: BATCH_SIZE }, (_, i) => i + 1),
    );
    expect(trace).not.toBeNull();
    expect({ playing, selectedStepId }).toEqual({ playing: false, selectedStepId: null });
    const summary = summarizeBatch(batch!.traces);
    expect(summary.service).toBe('web');
    expect(summary.rows.map((r) => r.label).sort()).toEqual(['web-1', 'web-2']);
    expect(summary.rows.every((r) => r.count > 0 && r.expected === 0.5)).toBe(true);
    expect(summary.delivered).toBe(20);
  });

  it('with session affinity pins every request to one endpoint', async () => {
    const pinned: ScenarioDocument = {
      ...defaultScenario,
      cluster: {
        ...cluster,
        services: cluster.services.map((s) => ({ ...s, sessionAffinity: 'ClientIP' as const })),
      },
    };
    const store = createAppStore({ document: pinned, runner: inPage() });
    await store.getState().sendBatch(flow);
    const summary = summarizeBatch(store.getState().batch!.traces);
    expect(summary.rows.map((r) => r.count).sort()).toEqual([0, 20]);
    expect(summary.how).toContain('sessionAffinity ClientIP');
  });

  it('counts drops by reason', async () => {
    const noEndpoints: ScenarioDocument = {
      ...defaultScenario,
      cluster: { ...cluster, pods: cluster.pods.filter((p) => p.name === 'client') },
    };
    const store = createAppStore({ document: noEndpoints, runner: inPage() });
    await store.getState().sendBatch(flow, 5);
    const summary = summarizeBatch(store.getState().batch!.traces);
    expect(summary.drops).toEqual([{ reason: 'NoEndpoints', count: 5 }]);
    expect(summary.delivered).toBe(0);
  });

  it('replays the flow under other settings without touching the document', async () => {
    const store = await tracedStore();
    const before = store.getState().document;
    await store.getState().replayWith({
      cni: { plugin: 'calico', mode: 'ipip' },
      proxyMode: 'ipvs',
    });
    const { comparison, document } = store.getState();
    expect(document).toBe(before);
    expect(comparison?.status).toBe('ready');
    const devices = comparison!.trace!.hops.map((h) => h.location.device);
    expect(devices).toContain('tunl0');
    expect(devices).toContain('IPVS (kube-ipvs0)');
  });

  it('opens the comparison already traced under given settings, and closes it with a new scenario', async () => {
    const store = createAppStore({ runner: inPage() });
    const entry = GALLERY.find((g) => g.id === 'compare-kube-router')!;
    store.getState().loadScenario(entry.scenario, { source: 'gallery', play: true });
    store.getState().openComparison(entry.compareWith);
    expect(store.getState().comparisonOpen).toBe(true);
    await expect.poll(() => store.getState().comparison?.status).toBe('ready');
    const { comparison } = store.getState();
    expect(comparison!.settings).toEqual(entry.compareWith);
    expect(comparison!.probe).toEqual(entry.scenario.flow);
    // Calico leaves the Service to kube-proxy in iptables mode (the entry's own run uses IPVS).
    expect(
      comparison!.trace!.hops.find((h) => h.location.place === 'KubeProxy')?.location.device,
    ).toMatch(/iptables/);
    store.getState().loadScenario(defaultScenario, { source: 'new' });
    expect(store.getState().comparisonOpen).toBe(false);
    expect(store.getState().comparison).toBeNull();
  });

  it('drops batch and replay runs that no longer match the cluster or the flow', async () => {
    const store = await tracedStore();
    await store.getState().sendBatch(flow);
    await store
      .getState()
      .replayWith({ cni: { plugin: 'calico', mode: 'bgp' }, proxyMode: 'iptables' });
    expect(store.getState().batch).not.toBeNull();
    await store
      .getState()
      .sendProbe({ ...flow, port: 8080, to: { kind: 'pod', namespace: 'default', name: 'web-1' } });
    expect(store.getState().batch).toBeNull();
    expect(store.getState().comparison).toBeNull();
  });

  it('sees the seed as the same flow', () => {
    expect(sameFlow(flow, { ...flow, seed: 9 })).toBe(true);
    expect(sameFlow(flow, { ...flow, port: 81 })).toBe(false);
    expect(sameFlow(null, flow)).toBe(false);
  });
});
