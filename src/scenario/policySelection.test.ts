import { describe, expect, it } from 'vitest';
import type { NetworkPolicyPeer, NetworkPolicySpec } from '../engine/spec.ts';
import {
  namespaceLabels,
  policiesSelectingPod,
  selectedRefs,
  type PodLike,
} from './policySelection.ts';

const pods: PodLike[] = [
  { name: 'web', namespace: 'default', labels: { app: 'web' }, ip: '10.244.1.2' },
  { name: 'db', namespace: 'default', labels: { app: 'db' }, ip: '10.244.2.2' },
  { name: 'prom', namespace: 'ops', labels: { app: 'prom' }, ip: '10.244.1.3' },
  {
    name: 'agent',
    namespace: 'ops',
    labels: { app: 'web' },
    ip: '192.168.49.2',
    hostNetwork: true,
  },
];
const namespaces = namespaceLabels(
  { namespaces: [{ name: 'ops', labels: { team: 'ops' } }] },
  pods,
);

/** What a policy peer in `namespace` selects. */
const peerRefs = (peer: NetworkPolicyPeer, namespace = 'default') =>
  selectedRefs({ kind: 'peer', namespace, peer }, pods, namespaces);

describe('selectedRefs', () => {
  it('reads namespace labels, with the name label the API server adds', () => {
    expect(namespaces.get('ops')).toEqual({ team: 'ops', 'kubernetes.io/metadata.name': 'ops' });
    expect(namespaces.get('default')).toEqual({ 'kubernetes.io/metadata.name': 'default' });
  });

  it("picks a policy's pods in its own namespace only", () => {
    expect(
      selectedRefs(
        { kind: 'policy', namespace: 'default', selector: { matchLabels: { app: 'web' } } },
        pods,
        namespaces,
      ),
    ).toEqual(['Pod/default/web']);
    expect(
      selectedRefs({ kind: 'policy', namespace: 'ops', selector: {} }, pods, namespaces),
    ).toEqual(['Pod/ops/prom']);
  });

  it('picks namespaces and the pods in them for a namespaceSelector', () => {
    expect(peerRefs({ namespaceSelector: { matchLabels: { team: 'ops' } } })).toEqual([
      'Namespace/ops',
      'Pod/ops/prom',
    ]);
    expect(
      peerRefs({ namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } }),
    ).toEqual(['Namespace/ops', 'Namespace/default', 'Pod/default/web']);
  });

  it("reads a podSelector alone in the policy's namespace", () => {
    expect(peerRefs({ podSelector: {} }, 'ops')).toEqual(['Pod/ops/prom']);
  });

  it('picks the pods whose addresses an ipBlock covers', () => {
    expect(peerRefs({ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } })).toEqual([
      'Pod/default/web',
      'Pod/ops/prom',
    ]);
  });
});

describe('policiesSelectingPod', () => {
  const policies: NetworkPolicySpec[] = [
    { name: 'in', podSelector: {}, policyTypes: ['Ingress'] },
    { name: 'out', podSelector: { matchLabels: { app: 'web' } }, egress: [{}] },
    { name: 'elsewhere', namespace: 'ops', podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  ];

  it('uses the namespace, the labels and the policy types with their defaults', () => {
    const names = (pod: PodLike, d: 'Ingress' | 'Egress') =>
      policiesSelectingPod(policies, pod, d).map((p) => p.name);
    expect(names(pods[0], 'Ingress')).toEqual(['in', 'out']);
    expect(names(pods[0], 'Egress')).toEqual(['out']);
    expect(names(pods[1], 'Egress')).toEqual([]);
    expect(names(pods[2], 'Egress')).toEqual(['elsewhere']);
    expect(names(pods[3], 'Ingress')).toEqual([]);
  });
});
