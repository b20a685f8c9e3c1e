/**
 * CiliumNetworkPolicy builders for tests: the one-rule shape docs.cilium.io's examples use most,
 * endpoints with some labels may reach the selected endpoints on one TCP port, optionally only
 * through HTTP rules (the port then goes through Cilium's Envoy).
 */
import type { CiliumHttpRule, CiliumPolicySpec } from '../cilium/ciliumSpec.ts';
import type { Labels } from '../spec.ts';

/** `from` endpoints may reach the endpoints `selects` picks on TCP `port`, through `http` if given. */
export function ciliumIngress(
  name: string,
  selects: Labels,
  from: Labels,
  port: string,
  http?: readonly CiliumHttpRule[],
): CiliumPolicySpec {
  return {
    kind: 'CiliumNetworkPolicy',
    name,
    endpointSelector: { matchLabels: selects },
    ingress: [
      {
        fromEndpoints: [{ matchLabels: from }],
        toPorts: [{ ports: [{ port, protocol: 'TCP' }], ...(http ? { rules: { http } } : {}) }],
      },
    ],
  };
}

/**
 * The Star Wars demo's rule1 (cilium/cilium examples/minikube/sw_l3_l4_l7_policy.yaml): only the
 * empire may land on the deathstar, by POST /v1/request-landing on port 80.
 */
export const starWarsRule1 = ciliumIngress(
  'rule1',
  { org: 'empire', class: 'deathstar' },
  { org: 'empire' },
  '80',
  [{ method: 'POST', path: '/v1/request-landing' }],
);
