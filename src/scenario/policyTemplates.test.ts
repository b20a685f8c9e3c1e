import { describe, expect, it } from 'vitest';
import { buildCluster, canReach, computeReachability, evaluatePolicy } from '../engine/index.ts';
import { DEFAULT_SETTINGS, type ClusterSpec } from '../engine/spec.ts';
import { clusterSpecSchema } from './schema.ts';
import { describePolicy } from './policyWords.ts';
import {
  freePolicyName,
  POLICY_TEMPLATES,
  policyFromTemplate,
  type PolicyTemplateId,
} from './policyTemplates.ts';

const cluster = (policies: ClusterSpec['networkPolicies']): ClusterSpec => ({
  settings: { ...DEFAULT_SETTINGS, cni: { plugin: 'calico', mode: 'bgp' } },
  nodes: [{ name: 'node-1' }],
  namespaces: [{ name: 'shop' }, { name: 'ops', labels: { team: 'ops' } }],
  pods: [
    { name: 'a', namespace: 'shop', nodeName: 'node-1', containers: [{ name: 'c' }] },
    { name: 'b', namespace: 'shop', nodeName: 'node-1', containers: [{ name: 'c' }] },
    { name: 'probe', namespace: 'ops', nodeName: 'node-1', containers: [{ name: 'c' }] },
    { name: 'x', namespace: 'default', nodeName: 'node-1', containers: [{ name: 'c' }] },
  ],
  services: [],
  networkPolicies: policies,
});

const allowed = (spec: ClusterSpec, from: string, to: string, port = 80) =>
  canReach(computeReachability(buildCluster(spec), { port }), from, to);

describe('policy templates', () => {
  it.each(POLICY_TEMPLATES.map((t) => [t.id] as [PolicyTemplateId]))(
    '%s is a valid policy with a description',
    (id) => {
      const policy = policyFromTemplate(id, { namespace: 'shop' });
      expect(policy.namespace).toBe('shop');
      expect(clusterSpecSchema.safeParse(cluster([policy])).success).toBe(true);
      expect(describePolicy(policy)).toMatch(/^Selects every pod in shop\./);
    },
  );

  it('leaves the default namespace out, as the editor does', () => {
    expect(policyFromTemplate('default-deny-ingress', { namespace: 'default' })).toEqual({
      name: 'default-deny-ingress',
      podSelector: {},
      policyTypes: ['Ingress'],
    });
  });

  it('does what its title says', () => {
    const deny = policyFromTemplate('default-deny-ingress', { namespace: 'shop' });
    expect(allowed(cluster([deny]), 'shop/a', 'shop/b')).toBe(false);
    expect(allowed(cluster([deny]), 'shop/a', 'default/x')).toBe(true);

    const same = policyFromTemplate('allow-same-namespace', { namespace: 'shop' });
    expect(allowed(cluster([deny, same]), 'shop/a', 'shop/b')).toBe(true);
    expect(allowed(cluster([deny, same]), 'ops/probe', 'shop/b')).toBe(false);

    const fromOps = policyFromTemplate('allow-from-namespace', {
      namespace: 'shop',
      fromNamespaceLabel: { key: 'team', value: 'ops' },
    });
    expect(fromOps.name).toBe('allow-from-ops');
    expect(allowed(cluster([deny, fromOps]), 'ops/probe', 'shop/b')).toBe(true);
    expect(allowed(cluster([deny, fromOps]), 'default/x', 'shop/b')).toBe(false);

    const denyOut = policyFromTemplate('default-deny-egress', { namespace: 'shop' });
    expect(allowed(cluster([denyOut]), 'shop/a', 'default/x')).toBe(false);
  });

  it('lets DNS out under a default deny of egress', () => {
    const spec = cluster([
      policyFromTemplate('default-deny-egress', { namespace: 'shop' }),
      policyFromTemplate('allow-dns', { namespace: 'shop' }),
    ]);
    const model = buildCluster(spec);
    const pod = model.pods.find((p) => p.name === 'a')!;
    const dns = model.pods.find((p) => p.labels['k8s-app'] === 'kube-dns')!;
    for (const protocol of ['UDP', 'TCP'] as const) {
      const verdict = evaluatePolicy(model, pod, 'Egress', { ip: dns.ip, pod: dns }, 53, protocol);
      expect(verdict.allowed).toBe(true);
    }
  });

  it('picks a free name', () => {
    expect(freePolicyName(new Set(['a', 'a-2']), 'a')).toBe('a-3');
    expect(
      policyFromTemplate('allow-dns', { namespace: 'default', taken: new Set(['allow-dns']) }).name,
    ).toBe('allow-dns-2');
  });
});
