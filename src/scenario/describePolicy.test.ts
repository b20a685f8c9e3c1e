import { describe, expect, it } from 'vitest';
import type { NetworkPolicySpec } from '../engine/spec.ts';
import { allowFrontendToDb } from './builtins/gallery.ts';
import {
  describeNamespaces,
  describePeer,
  describePolicy,
  describePorts,
  describeSelector,
} from './policyWords.ts';

describe('describePolicy', () => {
  it.each<[string, NetworkPolicySpec, string]>([
    [
      'the frontend-to-db example',
      allowFrontendToDb,
      'Selects pods with role=db in default. Ingress: allows pods with role=frontend in the same namespace on TCP 6379; everything else is denied.',
    ],
    [
      'a default deny of ingress',
      { name: 'deny', podSelector: {}, policyTypes: ['Ingress'] },
      'Selects every pod in default. Ingress: allows nothing, so every incoming connection is denied.',
    ],
    [
      'a default deny of egress in another namespace',
      { name: 'deny', namespace: 'shop', podSelector: {}, policyTypes: ['Egress'], egress: [] },
      'Selects every pod in shop. Egress: allows nothing, so every outgoing connection is denied.',
    ],
    [
      'types defaulted from the rules (egress rules add Egress)',
      {
        name: 'dns',
        podSelector: {},
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
      'Selects every pod in default. Ingress: allows nothing, so every incoming connection is denied. Egress: allows connections to pods with k8s-app=kube-dns in namespace kube-system on UDP 53 or TCP 53; everything else is denied.',
    ],
    [
      'a rule with neither peers nor ports',
      { name: 'open', podSelector: {}, policyTypes: ['Ingress'], ingress: [{}] },
      'Selects every pod in default. Ingress: allows everything.',
    ],
    [
      'several rules, peers and ports',
      {
        name: 'mixed',
        podSelector: {
          matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }],
        },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              { namespaceSelector: { matchLabels: { team: 'ops' } } },
              { ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } },
            ],
          },
          { ports: [{ port: 'http' }, { protocol: 'UDP', port: 8000, endPort: 8100 }] },
        ],
      },
      'Selects pods with tier in (web, api) in default. Ingress: allows every pod in namespaces with team=ops or addresses in 10.0.0.0/8 except 10.1.0.0/16 and 10.2.0.0/16 on any port, and every source on the TCP port named http or UDP 8000-8100; everything else is denied.',
    ],
    [
      'ingress rules left out of policyTypes',
      {
        name: 'egress-only',
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        ingress: [{}],
        egress: [{ to: [{ podSelector: {} }], ports: [{ protocol: 'SCTP' }] }],
      },
      'Selects pods with app=web in default. Its ingress rules are ignored: policyTypes leaves out Ingress. Egress: allows connections to every pod in the same namespace on any SCTP port; everything else is denied.',
    ],
  ])('%s', (_, policy, text) => {
    expect(describePolicy(policy)).toBe(text);
  });
});

describe('the parts', () => {
  it('reads every selector operator', () => {
    expect(
      describeSelector({
        matchLabels: { app: 'web' },
        matchExpressions: [
          { key: 'env', operator: 'NotIn', values: ['dev'] },
          { key: 'tier', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
        ],
      }),
    ).toBe('app=web and env not in (dev) and a tier label and no legacy label');
    expect(describeSelector({})).toBeNull();
    expect(describeSelector(undefined)).toBeNull();
  });

  it('names a namespace picked by its name label', () => {
    expect(describeNamespaces({ matchLabels: { 'kubernetes.io/metadata.name': 'prod' } })).toBe(
      'in namespace prod',
    );
    expect(describeNamespaces({})).toBe('in every namespace');
    expect(describeNamespaces({ matchLabels: { team: 'a' } })).toBe('in namespaces with team=a');
  });

  it('reads peers and ports', () => {
    expect(describePeer({ podSelector: {}, namespaceSelector: {} })).toBe(
      'every pod in every namespace',
    );
    expect(describePeer({})).toBe('every pod in the same namespace');
    expect(describePorts(undefined)).toBe('on any port');
    expect(describePorts([{ port: '8080' }])).toBe('on TCP 8080');
  });
});
