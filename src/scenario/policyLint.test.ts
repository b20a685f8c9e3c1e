import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/index.ts';
import {
  DEFAULT_SETTINGS,
  type ClusterSpec,
  type NetworkPolicySpec,
  type ServiceSpec,
} from '../engine/spec.ts';
import {
  lintEgressDns,
  lintEnforcement,
  lintIpBlocks,
  lintNodePortSource,
  lintPolicies,
} from './policyLint.ts';
import { policyFromTemplate } from './policyTemplates.ts';

const web = { name: 'web', containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] };

function spec(
  policies: NetworkPolicySpec[],
  options: { plugin?: 'calico' | 'flannel'; services?: ServiceSpec[] } = {},
): ClusterSpec {
  return {
    settings: {
      ...DEFAULT_SETTINGS,
      cni:
        options.plugin === 'flannel'
          ? { plugin: 'flannel', mode: 'vxlan' }
          : { plugin: 'calico', mode: 'bgp' },
    },
    nodes: [{ name: 'node-1' }, { name: 'node-2' }],
    pods: [
      { name: 'frontend', labels: { role: 'frontend' }, nodeName: 'node-1', containers: [web] },
      { name: 'db', labels: { role: 'db' }, nodeName: 'node-2', containers: [web] },
    ],
    services: options.services ?? [],
    networkPolicies: policies,
  };
}

const allowFrontend: NetworkPolicySpec = {
  name: 'allow-frontend',
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }] }],
};
const denyEgress = policyFromTemplate('default-deny-egress', { namespace: 'default' });
const allowDns = policyFromTemplate('allow-dns', { namespace: 'default' });

describe('the CNI does not enforce NetworkPolicy', () => {
  it('warns under Flannel once there is a policy', () => {
    const [warning, ...rest] = lintEnforcement(spec([allowFrontend], { plugin: 'flannel' }));
    expect(rest).toEqual([]);
    expect(warning.kind).toBe('not-enforced');
    expect(warning.title).toBe('Flannel does not enforce NetworkPolicy');
    expect(warning.message).toMatch(/every connection is allowed/);
    expect(warning.policies).toEqual([{ name: 'allow-frontend', namespace: 'default' }]);
  });

  it('is quiet under Calico, and without policies', () => {
    expect(lintEnforcement(spec([allowFrontend]))).toEqual([]);
    expect(lintEnforcement(spec([], { plugin: 'flannel' }))).toEqual([]);
  });
});

describe('egress isolation that blocks DNS', () => {
  it('warns once per set of policies, naming the pods', () => {
    const warnings = lintEgressDns(buildCluster(spec([denyEgress])));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].kind).toBe('egress-blocks-dns');
    expect(warnings[0].message).toMatch(/default-deny-egress isolates frontend, db for egress/);
    expect(warnings[0].message).toMatch(/UDP 53/);
  });

  it('is quiet when a rule lets DNS out', () => {
    expect(lintEgressDns(buildCluster(spec([denyEgress, allowDns])))).toEqual([]);
  });

  it('is quiet when egress rules allow everything, or only ingress is isolated', () => {
    const open: NetworkPolicySpec = { ...denyEgress, egress: [{}] };
    expect(lintEgressDns(buildCluster(spec([open])))).toEqual([]);
    expect(lintEgressDns(buildCluster(spec([allowFrontend])))).toEqual([]);
  });

  it('warns about a rule that allows port 53 somewhere else', () => {
    const wrong: NetworkPolicySpec = {
      name: 'dns-wrong-namespace',
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: {} }], ports: [{ protocol: 'UDP', port: 53 }] }],
    };
    expect(lintEgressDns(buildCluster(spec([wrong])))).toHaveLength(1);
  });
});

describe('a NodePort in front of pods that policies restrict to pods', () => {
  const nodePort = (externalTrafficPolicy: 'Cluster' | 'Local'): ServiceSpec => ({
    name: 'db',
    type: 'NodePort',
    externalTrafficPolicy,
    selector: { role: 'db' },
    ports: [{ port: 80, targetPort: 8080 }],
  });

  it('warns with externalTrafficPolicy Cluster', () => {
    const warnings = lintNodePortSource(
      buildCluster(spec([allowFrontend], { services: [nodePort('Cluster')] })),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].kind).toBe('nodeport-hides-source');
    expect(warnings[0].message).toMatch(/Service db is a NodePort/);
    expect(warnings[0].message).toMatch(/allow-frontend cannot match a node address/);
  });

  it('says it once per Service, naming every policy that drops it', () => {
    const alsoNaming: NetworkPolicySpec = {
      ...allowFrontend,
      name: 'allow-ops',
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }],
    };
    const warnings = lintNodePortSource(
      buildCluster(spec([allowFrontend, alsoNaming], { services: [nodePort('Cluster')] })),
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0].title).toBe('Traffic through NodePort db arrives with a node’s IP');
    expect(warnings[0].message).toMatch(/selectors in allow-frontend, allow-ops cannot match/);
    expect(warnings[0].policies.map((p) => p.name)).toEqual(['allow-frontend', 'allow-ops']);
  });

  it('is quiet with Local, with a ClusterIP, or when the nodes are allowed', () => {
    const quiet = (services: ServiceSpec[], policies = [allowFrontend]) =>
      expect(lintNodePortSource(buildCluster(spec(policies, { services })))).toEqual([]);
    quiet([nodePort('Local')]);
    quiet([{ ...nodePort('Cluster'), type: 'ClusterIP' }]);
    quiet(
      [nodePort('Cluster')],
      [
        {
          ...allowFrontend,
          ingress: [
            ...allowFrontend.ingress!,
            { from: [{ ipBlock: { cidr: '192.168.49.0/24' } }] },
          ],
        },
      ],
    );
  });
});

describe('an ipBlock that covers pod addresses', () => {
  const withBlock = (cidr: string, except?: string[]): NetworkPolicySpec => ({
    name: 'allow-range',
    podSelector: {},
    policyTypes: ['Ingress'],
    ingress: [{ from: [{ ipBlock: { cidr, ...(except ? { except } : {}) } }] }],
  });

  it('warns when the block overlaps the cluster CIDR', () => {
    const [warning] = lintIpBlocks(spec([withBlock('10.0.0.0/8')]));
    expect(warning.kind).toBe('ipblock-covers-pods');
    expect(warning.message).toMatch(
      /ipBlock 10.0.0.0\/8 in allow-range \(ingress rule 1\) overlaps the pod network 10.244.0.0\/16/,
    );
    expect(lintIpBlocks(spec([withBlock('10.244.1.0/24')]))).toHaveLength(1);
  });

  it('is quiet for outside addresses and when except takes the pods out', () => {
    expect(lintIpBlocks(spec([withBlock('203.0.113.0/24')]))).toEqual([]);
    expect(lintIpBlocks(spec([withBlock('0.0.0.0/0', ['10.244.0.0/16'])]))).toEqual([]);
  });
});

describe('lintPolicies', () => {
  it('puts the CNI first and says nothing without policies', () => {
    const s = spec(
      [
        denyEgress,
        { ...allowFrontend, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] },
      ],
      {
        plugin: 'flannel',
      },
    );
    expect(lintPolicies(s, buildCluster(s)).map((w) => w.kind)).toEqual([
      'not-enforced',
      'egress-blocks-dns',
      'ipblock-covers-pods',
    ]);
    const none = spec([]);
    expect(lintPolicies(none, buildCluster(none))).toEqual([]);
  });
});
