/**
 * A NetworkPolicy's directions and namespace as the API defaults them (networking.k8s.io/v1):
 * a module of its own so the views can label a policy without loading its evaluation.
 */
import { DEFAULT_NAMESPACE, type NetworkPolicySpec } from './spec.ts';

export type PolicyDirection = 'Ingress' | 'Egress';

/** The policy types a policy applies to, with the API's defaulting when omitted. */
export function effectivePolicyTypes(policy: NetworkPolicySpec): PolicyDirection[] {
  if (policy.policyTypes && policy.policyTypes.length > 0) return [...policy.policyTypes];
  return policy.egress && policy.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function policyNamespace(policy: NetworkPolicySpec): string {
  return policy.namespace ?? DEFAULT_NAMESPACE;
}
