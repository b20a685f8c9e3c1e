import { describe, expect, it } from 'vitest';
import type { NetworkPolicySpec } from '../engine/spec.ts';
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
    expect(
      selectedRefs(
        {
          kind: 'peer',
          namespace: 'default',
          peer: { namespaceSelector: { matchLabels: { team: 'ops' } } },
        },
        pods,
        namespaces,
      ),
    ).toEqual(['Namespace/ops', 'Pod/ops/prom']);
    expect(
      selectedRefs(
        {
          kind: 'peer',
          namespace: 'default',
          peer: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } },
        },
        pods,
        namespaces,
      ),
    ).toEqual(['Namespace/ops', 'Namespace/default', 'Pod/default/web']);
  });

  it("reads a podSelector alone in the policy's namespace", () => {
    expect(
      selectedRefs({ kind: 'peer', namespace: 'ops', peer: { podSelector: {} } }, pods, namespaces),
    ).toEqual(['Pod/ops/prom']);
  });

  it('picks the pods whose addresses an ipBlock covers', () => {
    expect(
      selectedRefs(
        {
          kind: 'peer',
          namespace: 'default',
          peer: { ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.2.0/24'] } },
        },
        pods,
        namespaces,
      ),
    ).toEqual(['Pod/default/web', 'Pod/ops/prom']);
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
