import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../engine/index.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import {
  compareSteps,
  narrateForSpeech,
  narrateStep,
  stepWhere,
  toTraceSteps,
} from './traceSteps.ts';

const flow = defaultScenario.flow!;
const stepsUnder = (patch: Partial<ClusterSpec['settings']>) => {
  const cluster = {
    ...defaultScenario.cluster,
    settings: { ...defaultScenario.cluster.settings, ...patch },
  };
  return toTraceSteps(runProbe(buildCluster(cluster), flow));
};

describe('comparing two traces of one flow', () => {
  it('finds nothing to mark when nothing changed', () => {
    const steps = stepsUnder({});
    const rows = compareSteps(steps, steps);
    expect(rows).toHaveLength(steps.length);
    expect(rows.every((r) => r.change === 'same')).toBe(true);
  });

  it('lines hops up and marks what another CNI and proxy mode change', () => {
    const flannel = stepsUnder({});
    const calico = stepsUnder({ cni: { plugin: 'calico', mode: 'ipip' }, proxyMode: 'ipvs' });
    const rows = compareSteps(flannel, calico);
    // Every hop of both traces appears once, in order.
    expect(rows.flatMap((r) => (r.left ? [r.left.id] : []))).toEqual(flannel.map((s) => s.id));
    expect(rows.flatMap((r) => (r.right ? [r.right.id] : []))).toEqual(calico.map((s) => s.id));
    const tunnel = rows.find(
      (r) => r.left?.hop.verdict === 'Encapsulated' && r.right?.hop.verdict === 'Encapsulated',
    );
    expect(tunnel?.change).toBe('changed');
    expect(tunnel?.differences).toContain('device flannel.1 → tunl0');
    expect(tunnel?.differences).toContain('encapsulation VXLAN UDP 8472 → IPIP');
    const proxy = rows.find((r) => r.left?.hop.location.place === 'KubeProxy');
    expect(proxy?.differences.join(' ')).toContain('IPVS (kube-ipvs0)');
    // Calico has no bridge: the flannel cni0 hops exist only on the left.
    expect(rows.some((r) => r.change === 'removed' && r.left?.hop.location.device === 'cni0')).toBe(
      true,
    );
  });
});

describe('narration', () => {
  it('says which part, which hop of how many, where, and what happens', () => {
    const steps = stepsUnder({});
    const tunnel = steps.findIndex((s) => s.hop.verdict === 'Encapsulated');
    const text = narrateStep(steps[tunnel], tunnel, steps.length);
    expect(text).toMatch(
      new RegExp(`^Request, hop ${tunnel + 1} of ${steps.length}, node-1 · flannel.1\\. `),
    );
    expect(text).toContain('VXLAN');
  });

  it('names the client when a hop is on no node', () => {
    const cluster: ClusterSpec = {
      ...defaultScenario.cluster,
      externalClients: [{ name: 'laptop', ip: '198.51.100.7' }],
    };
    const trace = runProbe(buildCluster(cluster), {
      from: { kind: 'external', name: 'laptop' },
      to: { kind: 'ip', ip: '10.244.1.2' },
    });
    const [first] = toTraceSteps(trace);
    expect(stepWhere(first)).toBe('laptop · eth0');
    const last = toTraceSteps(trace).at(-1)!;
    expect(narrateStep(last, 1, 2)).toContain('Dropped: there is no route to the destination.');
  });

  it('is paced for speech: one line while playing, the whole hop when paused', () => {
    const steps = stepsUnder({});
    const at = { step: steps[3], index: 3, total: steps.length, verdict: 'Delivered' };
    const playing = narrateForSpeech({ ...at, playing: true });
    expect(playing).toBe(`Playing ${steps.length} hops, Delivered. Pause to hear each hop.`);
    // The same line for every hop of the run, so the live region does not speak again per hop.
    expect(narrateForSpeech({ ...at, step: steps[4], index: 4, playing: true })).toBe(playing);
    expect(narrateForSpeech({ ...at, playing: false })).toBe(
      narrateStep(steps[3], 3, steps.length),
    );
    expect(narrateForSpeech({ ...at, step: null, total: 0, playing: true })).toBe('');
  });
});
