/**
 * The reachability matrix: KUBERNETES-NETWORKING.md section 6 (egress at the source AND ingress
 * at the destination, the union of rules) and section 2 (Flannel enforces nothing).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { CniPlugin, NetworkPolicySpec } from './spec.ts';
import { computeReachability } from './reachability.ts';
import { allowedByName, canReach } from './reachabilityMatrix.ts';
import { cluster, labels, netpol, pod } from './testing/builders.ts';

const spec = (policies: NetworkPolicySpec[], plugin: CniPlugin = 'calico') =>
  cluster({
    settings: {
      cni: { plugin, mode: plugin === 'calico' ? 'bgp' : 'vxlan' },
      ingressController: false,
    },
    namespaces: [{ name: 'prod', labels: { env: 'prod' } }],
    pods: [
      pod('fe-1', { labels: { app: 'fe' } }),
      pod('fe-2', { labels: { app: 'fe' }, node: 'node-2' }),
      pod('be-1', { labels: { app: 'be' }, ports: ['http:8080'] }),
      pod('be-2', { labels: { app: 'be' }, ports: ['http:9090'], node: 'node-2' }),
      pod('prod/db', { labels: { app: 'db' }, ports: [5432] }),
      pod('agent', { labels: { app: 'agent' }, hostNetwork: true, node: 'node-2' }),
    ],
    networkPolicies: policies,
  });

function matrix(policies: NetworkPolicySpec[], port = 8080, plugin: CniPlugin = 'calico') {
  return computeReachability(buildCluster(spec(policies, plugin)), { port, protocol: 'TCP' });
}

describe('computeReachability (section 6)', () => {
  it('lists every pod of the model as ns/name', () => {
    const m = matrix([]);
    expect(m.pods).toContain('default/fe-1');
    expect(m.pods).toContain('prod/db');
    expect(m.pods).toContain('kube-system/coredns-1');
    const allowed = allowedByName(m);
    expect(Object.keys(allowed)).toEqual(m.pods);
    for (const row of Object.values(allowed)) expect(Object.keys(row)).toEqual(m.pods);
  });

  it('allows everything without policies', () => {
    const m = matrix([]);
    for (const from of m.pods) for (const to of m.pods) expect(canReach(m, from, to)).toBe(true);
  });

  it('allows everything on Flannel, whatever the policies (section 2)', () => {
    const m = matrix([netpol('deny', { policyTypes: ['Ingress', 'Egress'] })], 8080, 'flannel');
    for (const from of m.pods) for (const to of m.pods) expect(canReach(m, from, to)).toBe(true);
  });

  const deny = netpol('deny', { policyTypes: ['Ingress'] });
  const feToBe = netpol('fe-to-be', {
    podSelector: labels({ app: 'be' }),
    ingress: [{ from: [{ podSelector: labels({ app: 'fe' }) }], ports: [{ port: 'http' }] }],
  });
  it.each([
    ['fe to be on the named port', 'default/fe-1', 'default/be-1', 8080, true],
    ['fe to be where the name means another port', 'default/fe-2', 'default/be-2', 8080, false],
    ['be to be (not listed)', 'default/be-1', 'default/be-2', 8080, false],
    ['a pod to itself', 'default/be-1', 'default/be-1', 8080, true],
    ['a pod of the same group to itself', 'default/fe-1', 'default/fe-1', 8080, true],
    ['fe to fe (isolated, nothing allows it)', 'default/fe-1', 'default/fe-2', 8080, false],
    ['another namespace is not isolated', 'default/fe-1', 'prod/db', 8080, true],
    ['a hostNetwork pod into its own node', 'default/agent', 'default/fe-2', 8080, true],
    ['a hostNetwork pod into another node', 'default/agent', 'default/fe-1', 8080, false],
    ['anything into a hostNetwork pod', 'default/fe-1', 'default/agent', 8080, true],
  ])('%s: %s -> %s', (_what, from, to, port, expected) => {
    expect(canReach(matrix([deny, feToBe], port), from, to)).toBe(expected);
  });

  it('needs egress at the source as well as ingress at the destination', () => {
    const m = matrix([
      netpol('prod/no-egress', { policyTypes: ['Egress'] }),
      netpol('fe-out', {
        podSelector: labels({ app: 'fe' }),
        policyTypes: ['Egress'],
        egress: [{ to: [{ namespaceSelector: labels({ env: 'prod' }) }] }],
      }),
    ]);
    expect(canReach(m, 'default/fe-1', 'prod/db')).toBe(true);
    expect(canReach(m, 'default/fe-1', 'default/be-1')).toBe(false);
    expect(canReach(m, 'prod/db', 'default/fe-1')).toBe(false);
    expect(canReach(m, 'default/be-1', 'default/fe-1')).toBe(true);
  });

  it('reads ipBlock peers against pod addresses', () => {
    const model = buildCluster(spec([]));
    const be1 = model.pods.find((p) => p.name === 'be-1')!;
    const m = computeReachability(
      buildCluster(
        spec([
          netpol('be-in', {
            podSelector: labels({ app: 'be' }),
            ingress: [{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: [`${be1.ip}/32`] } }] }],
          }),
        ]),
      ),
      { port: 8080 },
    );
    expect(canReach(m, 'default/fe-1', 'default/be-1')).toBe(true);
    expect(canReach(m, 'default/be-1', 'default/be-2')).toBe(false);
  });
});
