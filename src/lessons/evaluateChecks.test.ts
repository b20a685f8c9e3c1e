/**
 * Checks over the engine's answers, on gallery scenarios whose outcomes the gallery tests pin
 * against upstream docs. Hints must say what happened, never the fix.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import type { Check } from './lessonTypes.ts';

function scenario(id: string): ScenarioDocument {
  const entry = galleryEntry(id);
  if (!entry) throw new Error(`no gallery entry ${id}`);
  return entry.scenario;
}

function run(s: ScenarioDocument, checks: Check[]) {
  return evaluateChecks(s.cluster, buildCluster(s.cluster), checks);
}

const intruderToDb = scenario('policy-deny').flow!;

describe('flow checks', () => {
  it('passes a flow that ends as expected', () => {
    const [r] = run(scenario('policy-deny'), [
      {
        kind: 'flow',
        text: 'intruder is stopped',
        probe: intruderToDb,
        expect: { verdict: 'Dropped', reason: 'PolicyDenied' },
      },
    ]);
    expect(r).toEqual({ text: 'intruder is stopped', passed: true });
  });

  it('names the policy and the side that dropped a flow meant to be delivered (Kubernetes docs: a pod selected for ingress by a policy accepts only what some rule allows)', () => {
    const [r] = run(scenario('policy-deny'), [
      {
        kind: 'flow',
        text: 'intruder reaches db',
        probe: intruderToDb,
        expect: { verdict: 'Delivered' },
      },
    ]);
    expect(r.passed).toBe(false);
    expect(r.hint).toBe(
      "default/intruder → db:6379 was dropped by policies default-deny-ingress and allow-frontend-to-db at db's ingress.",
    );
  });

  it('says a flow meant to be dropped was delivered, and where to (Flannel does not enforce NetworkPolicy)', () => {
    const [r] = run(scenario('policy-flannel'), [
      { kind: 'flow', text: 'stopped', probe: intruderToDb, expect: { verdict: 'Dropped' } },
    ]);
    expect(r.hint).toBe(
      'default/intruder → db:6379 was delivered to default/db; nothing on its way stopped it.',
    );
  });

  it('checks who the backend sees (NodePort with externalTrafficPolicy: Cluster masquerades)', () => {
    const s = scenario('nodeport-cluster');
    const [r] = run(s, [
      {
        kind: 'flow',
        text: 'web sees the laptop',
        probe: s.flow!,
        expect: { verdict: 'Delivered', seenSource: 'laptop' },
      },
    ]);
    expect(r.passed).toBe(false);
    expect(r.hint).toMatch(/the backend saw the source 192\.168\.49\.2 \(node-1\)/);
  });

  it('reports a flow that cannot be sent instead of failing', () => {
    const [r] = run(scenario('policy-deny'), [
      {
        kind: 'flow',
        text: 'ghost',
        probe: {
          from: { kind: 'pod', namespace: 'default', name: 'ghost' },
          to: { kind: 'name', name: 'db' },
        },
        expect: { verdict: 'Delivered' },
      },
    ]);
    expect(r.passed).toBe(false);
    expect(r.hint).toMatch(/cannot be sent/);
  });
});

describe('reachability, DNS, environment and object checks', () => {
  const s = scenario('policy-deny');
  it('reads cells of the matrix', () => {
    const mayReachDb = (text: string, from: string) =>
      ({ kind: 'reach', text, from, to: 'default/db', port: 6379, allowed: true }) as const;
    const results = run(s, [
      mayReachDb('frontend may', 'default/frontend'),
      mayReachDb('intruder may', 'default/intruder'),
      mayReachDb('nobody', 'default/nobody'),
    ]);
    expect(results.map((r) => r.passed)).toEqual([true, false, false]);
    expect(results[1].hint).toBe(
      'default/intruder → default/db on TCP/6379 is not allowed by the policies that select these pods.',
    );
    expect(results[2].hint).toMatch(/no pod default\/nobody/);
  });

  it('resolves names as the pod would and classifies the answer (headless: pod IPs)', () => {
    const results = run(scenario('headless'), [
      {
        kind: 'dns',
        text: 'pods',
        from: 'default/client',
        name: 'db',
        rcode: 'NOERROR',
        answers: 'pod-ips',
      },
      {
        kind: 'dns',
        text: 'vip',
        from: 'default/client',
        name: 'db',
        rcode: 'NOERROR',
        answers: 'cluster-ip',
      },
      { kind: 'dns', text: 'missing', from: 'default/client', name: 'nope', rcode: 'NOERROR' },
    ]);
    expect(results.map((r) => r.passed)).toEqual([true, false, false]);
    expect(results[1].hint).toBe("db from default/client answered the pods' own addresses.");
    expect(results[2].hint).toMatch(/answered NXDOMAIN; tried nope\.default\.svc\.cluster\.local/);
  });

  it('reads the Service environment variables the kubelet sets', () => {
    const frontendHas = (text: string, name: string) =>
      ({ kind: 'env', text, pod: 'default/frontend', name, present: true }) as const;
    const results = run(s, [
      frontendHas('has DB', 'DB_SERVICE_HOST'),
      frontendHas('has WEB', 'WEB_SERVICE_HOST'),
    ]);
    expect(results[0].passed).toBe(true);
    expect(results[1].hint).toBe(
      'default/frontend has no WEB_SERVICE_HOST; its Service variables are DB_SERVICE_HOST, KUBERNETES_SERVICE_HOST.',
    );
  });

  it('reads a property of an object in the document', () => {
    const results = run(s, [
      { kind: 'object', text: 'calico', object: 'Settings', path: 'cni.plugin', equals: 'calico' },
      {
        kind: 'object',
        text: 'flannel',
        object: 'Settings',
        path: 'cni.plugin',
        equals: 'flannel',
      },
      {
        kind: 'object',
        text: 'deny',
        object: 'NetworkPolicy',
        namespace: 'default',
        name: 'default-deny-ingress',
      },
      {
        kind: 'object',
        text: 'np',
        object: 'Service',
        name: 'db',
        path: 'type',
        equals: 'NodePort',
      },
    ]);
    expect(results.map((r) => r.passed)).toEqual([true, false, true, false]);
    expect(results[1].hint).toBe('Settings: cni.plugin is "calico".');
    expect(results[3].hint).toBe('Service db: type is unset.');
  });
});
