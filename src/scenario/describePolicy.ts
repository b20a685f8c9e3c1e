/**
 * What the canvas labels a NetworkPolicy with: the directions it isolates, and the label every
 * namespace carries with its own name. The policy in plain words is policyWords.ts, loaded with
 * the policy workbench rather than with the page.
 */
import { effectivePolicyTypes, type PolicyDirection } from '../engine/policyTypes.ts';
import type { NetworkPolicySpec } from '../engine/spec.ts';
/** The directions a policy isolates, with the API's defaulting when policyTypes is left out. */
export function policyTypesOf(policy: NetworkPolicySpec): PolicyDirection[] {
  return effectivePolicyTypes(policy);
}

/** The label a namespace always carries with its own name (Kubernetes 1.22 and later). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
