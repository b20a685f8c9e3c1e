/**
 * What a NetworkPolicy's selectors pick out, from the spec and the pods as the views know them
 * (name, namespace, labels, address): the pods a policy selects, the pods and namespaces one
 * peer matches, and the policies that isolate a pod. The same rules as the engine's policy.ts,
 * without a cluster model, so a view can answer while a person hovers a selector.
 */
import { ciliumPoliciesIsolating } from '../engine/cilium/ciliumPolicy.ts';
import type { CiliumPolicySpec } from '../engine/cilium/ciliumSpec.ts';
import { cidrContains, parseCidr, parseIpv4 } from '../engine/net.ts';
import { effectivePolicyTypes, policyNamespace, type PolicyDirection } from '../engine/policy.ts';
import { matchesLabelSelector } from '../engine/selectors.ts';
import { namespaceKey, podKey } from './document/elementKey.ts';
import type {
  ClusterSpec,
  Labels,
  LabelSelector,
  NetworkPolicyPeer,
  NetworkPolicySpec,
} from '../engine/spec.ts';
import { NAMESPACE_NAME_LABEL } from './describePolicy.ts';

/** A pod as the views know it. */
export interface PodLike {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  readonly ip?: string | null;
  readonly hostNetwork?: boolean;
}

/**
 * Every namespace's labels, with the name label the API server adds; namespaces only implied
 * by their pods are included.
 */
export function namespaceLabels(
  cluster: Pick<ClusterSpec, 'namespaces'>,
  pods: readonly PodLike[],
): Map<string, Labels> {
  const out = new Map<string, Labels>();
  for (const n of cluster.namespaces ?? []) {
    out.set(n.name, { ...(n.labels ?? {}), [NAMESPACE_NAME_LABEL]: n.name });
  }
  for (const p of pods) {
    if (!out.has(p.namespace)) out.set(p.namespace, { [NAMESPACE_NAME_LABEL]: p.namespace });
  }
  return out;
}

const podRef = (p: PodLike) => podKey(p);
const namespaceRef = (name: string) => namespaceKey({ name });

/** What a hovered selector stands for: a policy's podSelector, or one peer of a rule. */
export type SelectorTarget =
  | { readonly kind: 'policy'; readonly namespace: string; readonly selector: LabelSelector }
  | { readonly kind: 'peer'; readonly namespace: string; readonly peer: NetworkPolicyPeer };

/**
 * The canvas refs (`Pod/ns/name`, `Namespace/name`) a selector picks out: the pods, and for a
 * namespaceSelector the namespaces as well. hostNetwork pods are never selected (they have the
 * node's address and no pod identity).
 */
export function selectedRefs(
  target: SelectorTarget,
  pods: readonly PodLike[],
  namespaces: ReadonlyMap<string, Labels>,
): string[] {
  const out: string[] = [];
  if (target.kind === 'policy') {
    for (const p of pods) {
      if (p.hostNetwork || p.namespace !== target.namespace) continue;
      if (matchesLabelSelector(target.selector, p.labels)) out.push(podRef(p));
    }
    return out;
  }
  const { peer } = target;
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr);
    const except = (peer.ipBlock.except ?? []).map(parseCidr);
    if (!cidr) return out;
    for (const p of pods) {
      const ip = p.ip ? parseIpv4(p.ip) : undefined;
      if (!ip || !cidrContains(cidr, ip)) continue;
      if (except.some((e) => e !== undefined && cidrContains(e, ip))) continue;
      out.push(podRef(p));
    }
    return out;
  }
  const matchingNamespaces = new Set<string>();
  if (peer.namespaceSelector) {
    for (const [name, labels] of namespaces) {
      if (matchesLabelSelector(peer.namespaceSelector, labels)) matchingNamespaces.add(name);
    }
    for (const name of matchingNamespaces) out.push(namespaceRef(name));
  } else {
    matchingNamespaces.add(target.namespace);
  }
  for (const p of pods) {
    if (p.hostNetwork || !matchingNamespaces.has(p.namespace)) continue;
    if (matchesLabelSelector(peer.podSelector, p.labels)) out.push(podRef(p));
  }
  return out;
}

/** The policies that isolate a pod for one direction (its namespace, its labels, the type). */
export function policiesSelectingPod(
  policies: readonly NetworkPolicySpec[] | undefined,
  pod: PodLike,
  direction: PolicyDirection,
): NetworkPolicySpec[] {
  if (pod.hostNetwork) return [];
  return (policies ?? []).filter(
    (p) =>
      policyNamespace(p) === pod.namespace &&
      effectivePolicyTypes(p).includes(direction) &&
      matchesLabelSelector(p.podSelector, pod.labels),
  );
}

/**
 * The Cilium policies that put a pod in default deny for a direction (engine's
 * ciliumPoliciesIsolating), with the namespace labels Cilium reads from the spec.
 */
export function ciliumPoliciesSelectingPod(
  cluster: Pick<ClusterSpec, 'namespaces' | 'ciliumPolicies'>,
  pod: PodLike,
  direction: PolicyDirection,
): CiliumPolicySpec[] {
  if (pod.hostNetwork) return [];
  return ciliumPoliciesIsolating(
    {
      policies: cluster.ciliumPolicies ?? [],
      namespaceLabels: (ns) => cluster.namespaces?.find((n) => n.name === ns)?.labels,
    },
    pod,
    direction,
  );
}
