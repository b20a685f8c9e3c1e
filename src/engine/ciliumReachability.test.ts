/**
 * The reachability matrix where Cilium runs its own policies (docs.cilium.io "Policy Language":
 * an endpoint selected by a policy with rules for a direction is in default deny for it, allows
 * are a union with Kubernetes NetworkPolicy; "Deny Policies": deny rules take precedence;
 * "Layer 7 Policies": a port with HTTP rules goes through Envoy, which answers 403 to a request
 * no rule allows, while the connection itself is allowed). Each cell must agree with a probe
 * between the two pods.
 */
import { describe, expect, it } from 'vitest';
import type { CiliumPolicySpec } from './cilium/ciliumSpec.ts';
import { buildCluster } from './index.ts';
import { computeReachability } from './reachability.ts';
import { canReach } from './reachabilityMatrix.ts';
import type { ClusterSpec, NetworkPolicySpec } from './spec.ts';
import { cluster, pod } from './testing/builders.ts';
import { ciliumIngress } from './testing/ciliumPolicies.ts';
import { expectMatrixAgreesWithProbes } from './testing/matrixAgreement.ts';

const PROXY = 'edge/proxy-1';

/** Only the proxy (namespace edge) may call web, on 8080, and only GET under /public. */
const readOnly = ciliumIngress(
  'web-read-only',
  { app: 'web' },
  { 'k8s:io.kubernetes.pod.namespace': 'edge' },
  '8080',
  [{ method: 'GET', path: '/public(/.*)?' }],
);

const spec = (
  o: {
    cilium?: CiliumPolicySpec[];
    networkPolicies?: NetworkPolicySpec[];
    plugin?: 'cilium' | 'calico';
  } = {},
): ClusterSpec => ({
  ...cluster({
    settings: {
      cni: { plugin: o.plugin ?? 'cilium', mode: 'vxlan' },
      ingressController: false,
    },
    namespaces: [{ name: 'edge' }],
    pods: [
      pod(PROXY, { labels: { app: 'proxy' } }),
      pod('web-1', { labels: { app: 'web' }, ports: [8080], node: 'node-2' }),
      pod('client', { labels: { app: 'client' } }),
    ],
    networkPolicies: o.networkPolicies,
  }),
  ciliumPolicies: o.cilium ?? [readOnly],
});

const matrixOf = (s: ClusterSpec, port = 8080) => {
  const model = buildCluster(s);
  return { model, matrix: computeReachability(model, { port }), envoy: PROXY };
};

/** Every cell against a pod-to-pod probe: denied exactly when the probe is dropped by policy. */
const expectAgreesWithProbes = (s: ClusterSpec, port: number) =>
  expectMatrixAgreesWithProbes(buildCluster(s), port);

describe('reachability with Cilium policies', () => {
  it('an HTTP rule: the allowed peer reaches web through Cilium’s Envoy (L7), others are denied', () => {
    const { matrix, envoy } = matrixOf(spec());
    expect(canReach(matrix, envoy, 'default/web-1')).toBe(true);
    expect(matrix.l7?.[envoy]?.['default/web-1']).toBe(true);
    expect(canReach(matrix, 'default/client', 'default/web-1')).toBe(false);
    // web is not isolated for egress: it reaches the client, without a proxy in between.
    expect(canReach(matrix, 'default/web-1', 'default/client')).toBe(true);
    expect(matrix.l7?.['default/web-1']?.['default/client']).toBeUndefined();
  });

  it('the policy covers port 8080 only: on another port web is in default deny for everyone', () => {
    const { matrix, envoy } = matrixOf(spec(), 9090);
    expect(canReach(matrix, envoy, 'default/web-1')).toBe(false);
    expect(matrix.l7).toEqual({});
  });

  it('a NetworkPolicy that allows the client is a union with the Cilium policy, without L7', () => {
    const s = spec({
      networkPolicies: [
        {
          name: 'client-to-web',
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ from: [{ podSelector: { matchLabels: { app: 'client' } } }] }],
        },
      ],
    });
    const { matrix, envoy } = matrixOf(s);
    expect(canReach(matrix, 'default/client', 'default/web-1')).toBe(true);
    expect(matrix.l7?.['default/client']?.['default/web-1']).toBeUndefined();
    expect(matrix.l7?.[envoy]?.['default/web-1']).toBe(true);
    expectAgreesWithProbes(s, 8080);
  });

  it('an ingressDeny rule wins over every allow', () => {
    const deny: CiliumPolicySpec = {
      kind: 'CiliumClusterwideNetworkPolicy',
      name: 'no-gateway',
      endpointSelector: { matchLabels: { app: 'web' } },
      ingressDeny: [
        {
          fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'edge' } }],
        },
      ],
    };
    const s = spec({ cilium: [readOnly, deny] });
    const { matrix, envoy } = matrixOf(s);
    expect(canReach(matrix, envoy, 'default/web-1')).toBe(false);
    expectAgreesWithProbes(s, 8080);
  });

  it('every cell agrees with a probe between the two pods', () => {
    expectAgreesWithProbes(spec(), 8080);
    expectAgreesWithProbes(spec(), 53);
  });

  it('off Cilium the Cilium policies do nothing: every pod reaches every pod', () => {
    const { matrix, envoy } = matrixOf(spec({ plugin: 'calico' }));
    expect(canReach(matrix, 'default/client', 'default/web-1')).toBe(true);
    expect(canReach(matrix, envoy, 'default/web-1')).toBe(true);
    expect(matrix.l7).toBeUndefined();
  });
});
