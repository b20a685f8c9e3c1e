import { describe, expect, it, vi } from 'vitest';
import * as engine from '../engine/index.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import type { SimulationRequest, SimulationResponse } from '../worker/protocol.ts';
import { answerRequest, describeProbe, summarizeModel } from '../worker/answerRequest.ts';
import { SimulationClient } from '../worker/simulationClient.ts';
import { createAppStore } from './appStore.ts';

/** A stand-in for the module worker: keeps requests until the test answers them. */
class FakeWorker {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
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
  /** Sends anything at all, as a broken or hostile worker might. */
  send(data: unknown) {
    this.onmessage?.({ data } as MessageEvent<unknown>);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

const asWorker = (fake: FakeWorker) => fake as unknown as Worker;
const loadEngine = () => Promise.resolve(engine);
const cluster = defaultScenario.cluster;
const flow = defaultScenario.flow!;

/** A page where workers cannot be made: creating one throws with `message`. */
const noWorker = (message: string) => (): Worker => {
  throw new Error(message);
};

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
      createWorker: noWorker('Worker is not defined'),
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
      createWorker: noWorker('no workers here'),
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

describe('SimulationClient supervision', () => {
  /** Workers made one after another; the test decides which answer. */
  function workers() {
    const made: FakeWorker[] = [];
    return {
      made,
      createWorker: () => {
        const w = new FakeWorker();
        made.push(w);
        return asWorker(w);
      },
    };
  }

  it('stops a worker that never answers, names the step it was on, and goes on with a new one', async () => {
    vi.useFakeTimers();
    try {
      const { made, createWorker } = workers();
      const onStall = vi.fn();
      const client = new SimulationClient({ createWorker, loadEngine, budgetMs: 1000, onStall });
      const stuck = client.run(cluster, flow);
      const request = made[0].received[0];
      // What the worker entry announces before each step (see answerRequest's report).
      made[0].send({ kind: 'progress', id: request.id, doing: 'tracing the flow from a to b:80' });
      const batch = client.runBatch(cluster, [flow]);
      await vi.advanceTimersByTimeAsync(1001);

      const outcome = await stuck;
      expect(outcome.kind).toBe('error');
      const error = outcome.kind === 'error' ? outcome.error : '';
      expect(error).toContain('longer than 1 s while tracing the flow from a to b:80');
      expect(onStall).toHaveBeenCalledWith(error);
      expect(made[0].terminated).toBe(true);
      // The batch the stuck worker also held is sent again, to a new worker, and answered.
      expect(made).toHaveLength(2);
      made[1].answer(made[1].received[0]);
      expect((await batch).kind).toBe('result');
      // And the app goes on: the next run is answered by the new worker.
      const next = client.run(cluster, flow);
      made[1].answer(made[1].received[1]);
      expect((await next).kind).toBe('result');
      expect(client.mode).toBe('worker');
    } finally {
      vi.useRealTimers();
    }
  });

  it('treats a worker that closed itself (no answer, no event) like one that never answers', async () => {
    vi.useFakeTimers();
    try {
      const { made, createWorker } = workers();
      const client = new SimulationClient({ createWorker, loadEngine, budgetMs: 500 });
      const run = client.run(cluster, null);
      await vi.advanceTimersByTimeAsync(501);
      const outcome = await run;
      expect(outcome.kind === 'error' && outcome.error).toContain('never answered');
      const again = client.run(cluster, null);
      made[1].answer(made[1].received[0]);
      expect((await again).kind).toBe('result');
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ['a string', 'hello'],
    ['null', null],
    ['an answer without an id', { ok: true }],
    ['an error without words', { id: 1, ok: false }],
  ])('restarts a worker that answers %s, with a message a person can act on', async (_n, data) => {
    const { made, createWorker } = workers();
    const client = new SimulationClient({ createWorker, loadEngine });
    const run = client.run(cluster, flow);
    made[0].send(data);
    const outcome = await run;
    expect(outcome.kind === 'error' && outcome.error).toContain('cannot read');
    expect(made[0].terminated).toBe(true);
    const again = client.run(cluster, flow);
    made[1].answer(made[1].received[0]);
    expect((await again).kind).toBe('result');
  });

  it('the store says which step was slow, and clears it when a model builds again', async () => {
    vi.useFakeTimers();
    try {
      const { made, createWorker } = workers();
      let stall = (_m: string) => {};
      const client = new SimulationClient({
        createWorker,
        loadEngine,
        budgetMs: 1000,
        onStall: (m) => stall(m),
      });
      const store = createAppStore({ runner: client });
      stall = (m) => store.getState().reportStall(m);
      const running = store.getState().simulate();
      made[0].send({ kind: 'progress', id: 1, doing: 'building the cluster (2 nodes, 3 pods)' });
      await vi.advanceTimersByTimeAsync(1001);
      await running;
      expect(store.getState().status).toBe('error');
      expect(store.getState().error).toContain('while building the cluster (2 nodes, 3 pods)');
      expect(store.getState().stalled).toContain('building the cluster');
      const again = store.getState().simulate();
      made[1].answer(made[1].received[0]);
      await again;
      expect(store.getState().status).toBe('ready');
      expect(store.getState().stalled).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('app store', () => {
  const inPage = () =>
    new SimulationClient({
      createWorker: noWorker('no workers in Node'),
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

  it('a flow naming a missing pod gets its own error and the cluster keeps its addresses', async () => {
    const store = createAppStore({ runner: inPage() });
    await store.getState().sendProbe({
      ...flow,
      from: { kind: 'pod', namespace: 'default', name: 'ghost' },
    });
    const s = store.getState();
    expect(s.error).toBe(
      'The flow from default/ghost to web:80 cannot be traced: There is no pod default/ghost to send from.',
    );
    expect(s.trace).toBeNull();
    expect(s.model?.pods.find((p) => p.name === 'web-1')?.ip).toMatch(/^10\.244\./);

    await store.getState().sendProbe(flow);
    expect(store.getState().error).toBeNull();
    expect(store.getState().trace?.verdict).toBe('Delivered');
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

describe('the worker announces each step', () => {
  it('says it builds the cluster, then names each flow it traces', () => {
    const steps: string[] = [];
    const request: SimulationRequest = { kind: 'batch', id: 1, cluster, probes: [flow, flow] };
    answerRequest(engine, request, (doing) => steps.push(doing));
    expect(steps[0]).toMatch(/^building the cluster \(\d+ nodes, \d+ pods\)$/);
    expect(steps.slice(1)).toEqual([
      `tracing ${describeProbe(flow)}`,
      `tracing ${describeProbe(flow)}`,
    ]);
    expect(describeProbe(flow)).toMatch(/^the flow from default\/client to /);
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
