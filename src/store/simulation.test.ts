import { describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { SimulationRequest, SimulationResponse } from '../worker/protocol.ts';
import { answerRequest, summarizeModel } from '../worker/protocol.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore } from './appStore.ts';

/** A stand-in for the module worker: keeps requests until the test answers them. */
class FakeWorker {
  onmessage: ((event: MessageEvent<SimulationResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  readonly received: SimulationRequest[] = [];
  terminated = false;

  postMessage(request: SimulationRequest) {
    this.received.push(request);
  }
  terminate() {
    this.terminated = true;
  }
  answer(request: SimulationRequest) {
    this.onmessage?.({ data: answerRequest(engine, request) } as MessageEvent<SimulationResponse>);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const asWorker = (fake: FakeWorker) => fake as unknown as Worker;
const loadEngine = () => Promise.resolve(engine);
const cluster = defaultScenario.cluster;
const flow = defaultScenario.flow!;

describe('SimulationClient', () => {
  it('lets the latest run win and ignores late answers to older runs', async () => {
    const worker = new FakeWorker();
    const client = new SimulationClient({ createWorker: () => asWorker(worker), loadEngine });
    const first = client.run(cluster, null);
    const second = client.run(cluster, flow);
    const [older, newer] = worker.received;

    expect(await first).toEqual({ kind: 'superseded' });
    worker.answer(older); // late: must not settle anything
    worker.answer(newer);
    const outcome = await second;
    expect(outcome.kind).toBe('result');
    expect(outcome.kind === 'result' && outcome.trace?.verdict).toBe('Delivered');
  });

  it('cancels a run and stops the busy worker', async () => {
    const worker = new FakeWorker();
    const client = new SimulationClient({ createWorker: () => asWorker(worker), loadEngine });
    const run = client.run(cluster, flow);
    client.cancel();
    expect(await run).toEqual({ kind: 'cancelled' });
    expect(worker.terminated).toBe(true);
  });

  it('runs in the page when the worker cannot be created', async () => {
    const onFallback = vi.fn();
    const client = new SimulationClient({
      createWorker: () => {
        throw new Error('Worker is not defined');
      },
      loadEngine,
      onFallback,
    });
    const outcome = await client.run(cluster, flow);
    expect(onFallback).toHaveBeenCalledWith('Worker is not defined');
    expect(client.mode).toBe('in-thread');
    expect(outcome.kind === 'result' && outcome.trace?.verdict).toBe('Delivered');
  });

  it('answers the pending run in the page when the worker crashes', async () => {
    const worker = new FakeWorker();
    const onFallback = vi.fn();
    const client = new SimulationClient({
      createWorker: () => asWorker(worker),
      loadEngine,
      onFallback,
    });
    const run = client.run(cluster, null);
    worker.crash('script failed to load');
    const outcome = await run;
    expect(outcome.kind === 'result' && outcome.model.nodes).toHaveLength(2);
    expect(onFallback).toHaveBeenCalledOnce();
    expect(worker.terminated).toBe(true);
  });

  it('reports engine exceptions as errors, not as worker failures', async () => {
    const onFallback = vi.fn();
    const client = new SimulationClient({
      createWorker: () => {
        throw new Error('no workers here');
      },
      loadEngine: () =>
        Promise.resolve({
          ...engine,
          buildCluster: () => {
            throw new Error('bad spec');
          },
        }),
      onFallback,
    });
    expect(await client.run(cluster, null)).toEqual({ kind: 'error', error: 'bad spec' });
  });
});

describe('app store', () => {
  const inPage = () =>
    new SimulationClient({
      createWorker: () => {
        throw new Error('no workers in Node');
      },
      loadEngine,
    });

  it('builds the model, then traces a probe into steps by phase', async () => {
    const store = createAppStore({ runner: inPage() });
    await store.getState().simulate();
    expect(store.getState().status).toBe('ready');
    expect(store.getState().model?.pods.map((p) => p.name)).toContain('web-2');
    expect(store.getState().trace).toBeNull();

    await store.getState().sendProbe(flow);
    const { trace, steps } = store.getState();
    expect(trace?.verdict).toBe('Delivered');
    expect(new Set(steps.map((s) => s.phase))).toEqual(new Set(['lookup', 'request', 'reply']));
    expect(steps.filter((s) => s.phase === 'request')).toHaveLength(trace!.hops.length);
    expect(steps.find((s) => s.phase === 'request')?.atKey).toBe('Pod/default/client');
  });

  it('re-simulates when the cluster changes, not when something is moved', async () => {
    const client = inPage();
    const run = vi.fn<SimulationClient['run']>((c, p) => client.run(c, p));
    const runner = { run, cancel: () => client.cancel() };
    const store = createAppStore({ runner });

    store.getState().setPosition('Node/node-1', { x: 10, y: 20 });
    expect(run).not.toHaveBeenCalled();

    const { document } = store.getState();
    store.getState().setDocument({
      ...document,
      cluster: { ...document.cluster, pods: document.cluster.pods.slice(0, 2) },
    });
    expect(run).toHaveBeenCalledOnce();
  });
});

describe('model summary', () => {
  it.each([
    ['flannel', 'vxlan', 'cni0'],
    ['weave', 'fastdp', 'weave'],
    ['kube-router', 'subnet', 'kube-bridge'],
    ['cilium', 'vxlan', 'cilium_host'],
    ['calico', 'bgp', null],
  ] as const)('puts the pod gateway of %s on %s', (plugin, mode, device) => {
    const cluster = {
      ...defaultScenario.cluster,
      settings: { ...defaultScenario.cluster.settings, cni: { plugin, mode } },
    };
    const summary = summarizeModel(engine.buildCluster(cluster as typeof defaultScenario.cluster));
    expect(summary.settings.podGatewayDevice).toBe(device);
  });
});
