/**
 * NetworkPolicy: KUBERNETES-NETWORKING.md section 6, the upstream NetworkPolicy page
 * (kubernetes.io/docs/concepts/services-networking/network-policies/) and the behaviour the
 * netpol conformance model (kubernetes/kubernetes test/e2e/network/netpol) checks.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { ClusterModel } from './model.ts';
import type { Protocol } from './net.ts';
import { effectivePolicyTypes } from './policy.ts';
import { CNI_MODES, type CniPlugin, type NetworkPolicySpec, type ServiceSpec } from './spec.ts';
import { cluster, labels, netpol, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { nodeIpOf, podOf, serviceOf } from './testing/readers.ts';

function policyCluster(
  policies: readonly NetworkPolicySpec[],
  plugin: CniPlugin = 'calico',
  services: readonly ServiceSpec[] = [],
): ClusterModel {
  return buildCluster(
    cluster({
      nodes: 2,
      settings: { cni: { plugin, mode: CNI_MODES[plugin][0] } },
      namespaces: [
        { name: 'prod', labels: { team: 'x', env: 'prod' } },
        { name: 'dev', labels: { team: 'x' } },
      ],
      pods: [
        pod('client', { node: 'node-1', labels: { app: 'client' } }),
        pod('db', { node: 'node-1', labels: { app: 'db' }, ports: [5432] }),
        pod('tool', { node: 'node-1', labels: { app: 'tool' } }),
        pod('web', {
          node: 'node-2',
          labels: { app: 'web', env: 'prod' },
          containers: [
            {
              name: 'app',
              ports: [
                { name: 'http', containerPort: 8080 },
                { name: 'https', containerPort: 8443 },
                { name: 'dns', containerPort: 5353, protocol: 'UDP' },
              ],
            },
          ],
        }),
        webPod('noenv', { node: 'node-2' }),
        pod('agent', { node: 'node-1', hostNetwork: true, labels: { app: 'agent' } }),
        pod('prod/client', { node: 'node-1', labels: { app: 'client' } }),
        pod('prod/api', { node: 'node-2', labels: { app: 'api' }, ports: ['http:8080'] }),
        pod('dev/client', { node: 'node-1', labels: { app: 'client' } }),
      ],
      services,
      networkPolicies: policies,
    }),
  );
}

type Outcome = 'allow' | 'deny';

function outcome(
  model: ClusterModel,
  from: string,
  to: string,
  port: number,
  protocol: Protocol = 'TCP',
): Outcome {
  const t = trace(model, probe(from, to.includes(':') ? to : `pod:${to}`, { port, protocol }));
  return t.reason === 'PolicyDenied' ? 'deny' : 'allow';
}

const webIngress = (
  ingress: NetworkPolicySpec['ingress'],
  extra: Partial<NetworkPolicySpec> = {},
) => netpol('web-ingress', { podSelector: labels({ app: 'web' }), ingress, ...extra });

interface Case {
  readonly name: string;
  readonly policies: readonly NetworkPolicySpec[];
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol?: Protocol;
  readonly expected: Outcome;
}

const CASES: readonly Case[] = [
  // Isolation (section 6, first bullet)
  {
    name: 'no policy selects the pod: everything is allowed',
    policies: [],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'default deny ingress isolates every pod of the namespace',
    policies: [netpol('deny', { policyTypes: ['Ingress'] })],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'a policy in another namespace does not select the pod',
    policies: [netpol('prod/deny', { policyTypes: ['Ingress'] })],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'an empty ingress list allows nothing',
    policies: [webIngress([])],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'a rule without from allows every source',
    policies: [webIngress([{}])],
    from: 'prod/client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'a rule with an empty from list allows every source',
    policies: [webIngress([{ from: [] }])],
    from: 'dev/client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  // Union (section 6, second bullet)
  ...(['db', 'client'] as const).map((from) => ({
    name: `two policies allow the union of their rules (${from})`,
    policies: [
      webIngress([{ from: [{ podSelector: labels({ app: 'client' }) }] }]),
      netpol('web-from-db', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ podSelector: labels({ app: 'db' }) }] }],
      }),
    ],
    from,
    to: 'web',
    port: 8080,
    expected: 'allow' as const,
  })),
  {
    name: 'the union still leaves out other sources',
    policies: [
      webIngress([{ from: [{ podSelector: labels({ app: 'client' }) }] }]),
      netpol('web-from-db', {
        podSelector: labels({ app: 'web' }),
        ingress: [{ from: [{ podSelector: labels({ app: 'db' }) }] }],
      }),
    ],
    from: 'tool',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  // Peers (section 6, third bullet)
  {
    name: 'peers of a rule are OR-ed',
    policies: [
      webIngress([
        {
          from: [
            { podSelector: labels({ app: 'client' }) },
            { podSelector: labels({ app: 'db' }) },
          ],
        },
      ]),
    ],
    from: 'db',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'namespaceSelector AND podSelector in one peer: both match',
    policies: [
      webIngress([
        {
          from: [
            { namespaceSelector: labels({ team: 'x' }), podSelector: labels({ app: 'client' }) },
          ],
        },
      ]),
    ],
    from: 'prod/client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'namespaceSelector AND podSelector in one peer: namespace does not match',
    policies: [
      webIngress([
        {
          from: [
            { namespaceSelector: labels({ team: 'x' }), podSelector: labels({ app: 'client' }) },
          ],
        },
      ]),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'namespaceSelector AND podSelector in one peer: pod does not match',
    policies: [
      webIngress([
        {
          from: [
            { namespaceSelector: labels({ team: 'x' }), podSelector: labels({ app: 'client' }) },
          ],
        },
      ]),
    ],
    from: 'prod/api',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'namespaceSelector and podSelector as two peers are OR-ed',
    policies: [
      webIngress([
        {
          from: [
            { namespaceSelector: labels({ team: 'x' }) },
            { podSelector: labels({ app: 'client' }) },
          ],
        },
      ]),
    ],
    from: 'prod/api',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'a podSelector-only peer means the policy’s own namespace',
    policies: [webIngress([{ from: [{ podSelector: labels({ app: 'client' }) }] }])],
    from: 'prod/client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'namespaceSelector {} selects every namespace',
    policies: [webIngress([{ from: [{ namespaceSelector: {} }] }])],
    from: 'dev/client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'podSelector {} alone selects every pod of the own namespace',
    policies: [webIngress([{ from: [{ podSelector: {} }] }])],
    from: 'tool',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'podSelector {} alone leaves other namespaces out',
    policies: [webIngress([{ from: [{ podSelector: {} }] }])],
    from: 'dev/client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'the automatic namespace name label selects one namespace',
    policies: [
      webIngress([
        { from: [{ namespaceSelector: labels({ 'kubernetes.io/metadata.name': 'dev' }) }] },
      ]),
    ],
    from: 'dev/client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  // ipBlock (section 6, fourth bullet; PodPath matches pod IPs too, which upstream leaves to the implementation)
  {
    name: 'ipBlock allows the addresses in its cidr',
    policies: [webIngress([{ from: [{ ipBlock: { cidr: '10.244.0.0/16' } }] }])],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'ipBlock except removes addresses from the cidr',
    policies: [
      webIngress([{ from: [{ ipBlock: { cidr: '10.244.0.0/16', except: ['10.244.1.0/24'] } }] }]),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  // Ports (section 6, fifth bullet)
  {
    name: 'a listed port is allowed',
    policies: [webIngress([{ ports: [{ port: 8080 }] }])],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'an unlisted port is not',
    policies: [webIngress([{ ports: [{ port: 8080 }] }])],
    from: 'client',
    to: 'web',
    port: 8443,
    expected: 'deny',
  },
  {
    name: 'a named port resolves to the destination pod’s container port',
    policies: [webIngress([{ ports: [{ port: 'https' }] }])],
    from: 'client',
    to: 'web',
    port: 8443,
    expected: 'allow',
  },
  {
    name: 'a named port does not match another port',
    policies: [webIngress([{ ports: [{ port: 'https' }] }])],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'endPort makes a range (inside)',
    policies: [webIngress([{ ports: [{ port: 8000, endPort: 8100 }] }])],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'endPort makes a range (outside)',
    policies: [webIngress([{ ports: [{ port: 8000, endPort: 8100 }] }])],
    from: 'client',
    to: 'web',
    port: 8443,
    expected: 'deny',
  },
  {
    name: 'the protocol defaults to TCP',
    policies: [webIngress([{ ports: [{ port: 5353 }] }])],
    from: 'client',
    to: 'web',
    port: 5353,
    protocol: 'UDP',
    expected: 'deny',
  },
  {
    name: 'a UDP port is matched as UDP',
    policies: [webIngress([{ ports: [{ port: 5353, protocol: 'UDP' }] }])],
    from: 'client',
    to: 'web',
    port: 5353,
    protocol: 'UDP',
    expected: 'allow',
  },
  {
    name: 'ports and peers of one rule must both match',
    policies: [
      webIngress([{ from: [{ podSelector: labels({ app: 'client' }) }], ports: [{ port: 8443 }] }]),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  // policyTypes defaulting (section 6, first bullet)
  {
    name: 'policyTypes omitted with egress rules also isolates ingress',
    policies: [netpol('egress-only', { podSelector: labels({ app: 'web' }), egress: [{}] })],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'policyTypes: [Egress] leaves ingress open',
    policies: [
      netpol('egress-only', {
        podSelector: labels({ app: 'web' }),
        policyTypes: ['Egress'],
        egress: [{}],
      }),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'policyTypes omitted with an empty egress list means Ingress only',
    policies: [netpol('p', { podSelector: labels({ app: 'client' }), egress: [] })],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  // Label selectors (section 6, sixth bullet)
  {
    name: 'NotIn also matches pods without the key (selected, so isolated)',
    policies: [
      netpol('not-prod', {
        podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
        policyTypes: ['Ingress'],
      }),
    ],
    from: 'client',
    to: 'noenv',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'NotIn leaves out pods with a listed value',
    policies: [
      netpol('not-prod', {
        podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] },
        policyTypes: ['Ingress'],
      }),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'DoesNotExist selects pods without the key',
    policies: [
      netpol('no-env', {
        podSelector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] },
        policyTypes: ['Ingress'],
      }),
    ],
    from: 'client',
    to: 'noenv',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'matchLabels and matchExpressions are AND-ed',
    policies: [
      netpol('both', {
        podSelector: {
          matchLabels: { app: 'web' },
          matchExpressions: [{ key: 'env', operator: 'Exists' }],
        },
        policyTypes: ['Ingress'],
      }),
    ],
    from: 'client',
    to: 'noenv',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'In matches a listed value',
    policies: [
      webIngress([
        {
          from: [
            {
              podSelector: {
                matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'client'] }],
              },
            },
          ],
        },
      ]),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  // Egress (section 6: egress allowed at the source AND ingress at the destination)
  {
    name: 'default deny egress stops the source',
    policies: [netpol('deny-out', { policyTypes: ['Egress'] })],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  {
    name: 'an egress rule to the destination pods allows it',
    policies: [
      netpol('deny-out', { policyTypes: ['Egress'] }),
      netpol('to-web', {
        podSelector: labels({ app: 'client' }),
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: labels({ app: 'web' }) }], ports: [{ port: 'http' }] }],
      }),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'egress allowed but ingress denied is still denied',
    policies: [
      netpol('to-web', {
        podSelector: labels({ app: 'client' }),
        policyTypes: ['Egress'],
        egress: [{}],
      }),
      webIngress([]),
    ],
    from: 'client',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
  // Special cases
  {
    name: 'a pod cannot block traffic to itself',
    policies: [netpol('deny', { policyTypes: ['Ingress', 'Egress'] })],
    from: 'web',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'hostNetwork pods are not selected by policies',
    policies: [netpol('deny', { policyTypes: ['Egress'] })],
    from: 'agent',
    to: 'web',
    port: 8080,
    expected: 'allow',
  },
  {
    name: 'ingress from the pod’s own node is always allowed (upstream: "those from the pod\'s node")',
    policies: [netpol('deny', { policyTypes: ['Ingress'] })],
    from: 'agent',
    to: 'db',
    port: 5432,
    expected: 'allow',
  },
  {
    name: 'a hostNetwork source is a node address, which no podSelector matches',
    policies: [webIngress([{ from: [{ podSelector: labels({ app: 'agent' }) }] }])],
    from: 'agent',
    to: 'web',
    port: 8080,
    expected: 'deny',
  },
];

describe('NetworkPolicy semantics (section 6)', () => {
  it.each(CASES)('$name', ({ policies, from, to, port, protocol, expected }) => {
    expect(outcome(policyCluster(policies), from, to, port, protocol)).toBe(expected);
  });
});

describe('enforcement at the right hop, on the packet as it is there (section 6)', () => {
  it('checks egress on the source node and ingress on the destination node', () => {
    const out = trace(
      policyCluster([netpol('deny-out', { policyTypes: ['Egress'] })]),
      probe('client', 'pod:web', { port: 8080 }),
    );
    expect(out.hops.at(-1)!.location.node).toBe('node-1');
    expect(out.hops.at(-1)!.location.at).toEqual({
      kind: 'Pod',
      namespace: 'default',
      name: 'client',
    });
    const inn = trace(policyCluster([webIngress([])]), probe('client', 'pod:web', { port: 8080 }));
    expect(inn.hops.at(-1)!.location.node).toBe('node-2');
    expect(inn.hops.at(-1)!.location.at).toEqual({
      kind: 'Pod',
      namespace: 'default',
      name: 'web',
    });
    expect(inn.hops.at(-1)!.decisions?.[0].policy?.name).toBe('web-ingress');
  });

  it('names the rule that allowed a connection', () => {
    const t = trace(
      policyCluster([webIngress([{ ports: [{ port: 9 }] }, { ports: [{ port: 8080 }] }])]),
      probe('client', 'pod:web', { port: 8080 }),
    );
    const allowed = t.hops.find((h) => h.verdict === 'Allowed');
    expect(allowed?.decisions?.[0].policy).toEqual({
      name: 'web-ingress',
      namespace: 'default',
      ruleIndex: 1,
    });
  });

  const webSvc = svc('web', {
    selector: { app: 'web', env: 'prod' },
    ports: [{ port: 80, targetPort: 'http' }],
  });
  it('sees the destination after Service DNAT: the target port, not the Service port', () => {
    const allow8080 = policyCluster([webIngress([{ ports: [{ port: 8080 }] }])], 'calico', [
      webSvc,
    ]);
    const vip = serviceOf(allow8080, 'web').clusterIP!;
    expect(outcome(allow8080, 'client', `ip:${vip}`, 80)).toBe('allow');
    const allow80 = policyCluster([webIngress([{ ports: [{ port: 80 }] }])], 'calico', [webSvc]);
    expect(outcome(allow80, 'client', `ip:${vip}`, 80)).toBe('deny');
  });

  it('checks egress after DNAT too: an ipBlock for the Service CIDR does not allow a Service', () => {
    const m = policyCluster(
      [
        netpol('out', {
          podSelector: labels({ app: 'client' }),
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '10.96.0.0/12' } }] }],
        }),
      ],
      'calico',
      [webSvc],
    );
    expect(outcome(m, 'client', `ip:${serviceOf(m, 'web').clusterIP}`, 80)).toBe('deny');
  });

  it('sees the source after SNAT: NodePort with Cluster hides the client behind the node IP', () => {
    const np = (etp: 'Cluster' | 'Local') =>
      policyCluster(
        [webIngress([{ from: [{ ipBlock: { cidr: '198.51.100.0/24' } }] }])],
        'calico',
        [
          {
            ...webSvc,
            type: 'NodePort',
            externalTrafficPolicy: etp,
            ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }],
          },
        ],
      );
    const local = np('Local');
    expect(outcome(local, 'ext:user', `ip:${nodeIpOf(local, 'node-2')}`, 30080)).toBe('allow');
    const masq = np('Cluster');
    const t = trace(masq, probe('ext:user', `ip:${nodeIpOf(masq, 'node-1')}`, { port: 30080 }));
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.before.src.ip).toBe(nodeIpOf(masq, 'node-1'));
  });

  it('lets replies of an allowed connection through (stateful)', () => {
    const m = policyCluster([
      netpol('deny-in', { podSelector: labels({ app: 'client' }), policyTypes: ['Ingress'] }),
    ]);
    const t = trace(m, probe('client', 'pod:web', { port: 8080 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.reply.at(-1)!.verdict).toBe('Delivered');
  });

  it('checks a pod’s egress to a node port before the packet leaves its node', () => {
    const m = policyCluster([netpol('deny-out', { policyTypes: ['Egress'] })], 'calico', [
      { ...webSvc, type: 'NodePort', ports: [{ port: 80, targetPort: 'http', nodePort: 30080 }] },
    ]);
    const t = trace(m, probe('client', `ip:${nodeIpOf(m, 'node-2')}`, { port: 30080 }));
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.location.node).toBe('node-1');
  });
});

describe('enforcement needs a CNI that implements it (section 2 table, section 6)', () => {
  it.each([
    ['flannel', 'allow'],
    ['calico', 'deny'],
    ['cilium', 'deny'],
    ['weave', 'deny'],
    // kube-router's network policy controller enforces ingress and egress with iptables and
    // ipsets (kube-router.io docs, "See it in action": Network Policy Controller).
    ['kube-router', 'deny'],
  ] as const)('%s: %s', (plugin, expected) => {
    const m = policyCluster([netpol('deny', { policyTypes: ['Ingress', 'Egress'] })], plugin);
    expect(outcome(m, 'client', 'web', 8080)).toBe(expected);
  });

  it('Flannel says it ignores the policy', () => {
    const m = policyCluster([netpol('deny', { policyTypes: ['Ingress'] })], 'flannel');
    const t = trace(m, probe('client', 'pod:web', { port: 8080 }));
    expect(t.hops.some((h) => h.explanation.includes('does not enforce NetworkPolicy'))).toBe(true);
    expect(podOf(m, 'web').ip).toBeTruthy();
  });
});

/**
 * Which directions a policy isolates when policyTypes is left out or empty. The API server
 * defaults it (kubernetes/kubernetes pkg/apis/networking/v1/defaults.go,
 * SetDefaults_NetworkPolicy): `if len(PolicyTypes) == 0 { [Ingress], plus Egress if
 * len(Egress) != 0 }`. So an empty list is the same as none, and `egress: []` is no egress
 * section: the networking/v1 types.go comment on policyTypes says "if you want to write a
 * policy that specifies that no egress is allowed, you must specify a policyTypes value that
 * include Egress (since such a policy would not include an egress section and would otherwise
 * default to just [Ingress])".
 */
describe('effective policy types (API defaulting of policyTypes)', () => {
  const web = labels({ app: 'web' });
  it.each([
    ['omitted, no rules', {}, ['Ingress']],
    ['omitted, ingress rules', { ingress: [{}] }, ['Ingress']],
    ['omitted, egress rules', { egress: [{}] }, ['Ingress', 'Egress']],
    ['omitted, egress: [] (no egress section)', { egress: [] }, ['Ingress']],
    [
      'policyTypes: [] with egress rules (defaulted)',
      { policyTypes: [], egress: [{}] },
      ['Ingress', 'Egress'],
    ],
    ['policyTypes: [] and egress: []', { policyTypes: [], egress: [] }, ['Ingress']],
    [
      'policyTypes: [Egress] with ingress rules',
      { policyTypes: ['Egress'], ingress: [{}] },
      ['Egress'],
    ],
    [
      'policyTypes: [Ingress, Egress], egress: []',
      { policyTypes: ['Ingress', 'Egress'], egress: [] },
      ['Ingress', 'Egress'],
    ],
  ] as const)('%s', (_, options, expected) => {
    expect(effectivePolicyTypes(netpol('p', { podSelector: web, ...options }))).toEqual(expected);
  });

  // The verdicts agree with those types.
  const toTool = [{ to: [{ podSelector: labels({ app: 'tool' }) }] }];
  it.each([
    ['egress: [] leaves egress open', { egress: [] }, 'web', 'db', 5432, 'allow'],
    ['egress: [] still isolates ingress', { egress: [] }, 'client', 'web', 8080, 'deny'],
    [
      'policyTypes: [] with egress rules isolates egress',
      { policyTypes: [], egress: toTool },
      'web',
      'db',
      5432,
      'deny',
    ],
    [
      'policyTypes: [Egress], egress: [] denies all egress',
      { policyTypes: ['Egress'], egress: [] },
      'web',
      'db',
      5432,
      'deny',
    ],
  ] as const)('%s', (_, options, from, to, port, expected) => {
    const m = policyCluster([netpol('p', { podSelector: web, ...options })]);
    expect(outcome(m, from, to, port)).toBe(expected);
  });
});
