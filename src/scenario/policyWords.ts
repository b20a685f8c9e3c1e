/**
 * A NetworkPolicy in plain words: which pods it selects and, per direction, what it allows
 * (KUBERNETES-NETWORKING.md section 6). The words follow the API's rules exactly: a peer with
 * only a podSelector means the policy's own namespace, an empty rule list allows nothing, a
 * rule without peers allows every peer and a rule without ports allows every port.
 */
import { policyNamespace, type PolicyDirection } from '../engine/policyTypes.ts';
import type {
  LabelSelector,
  LabelSelectorRequirement,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  NetworkPolicySpec,
} from '../engine/spec.ts';
import { NAMESPACE_NAME_LABEL, policyTypesOf } from './describePolicy.ts';

function describeRequirement(r: LabelSelectorRequirement): string {
  const values = (r.values ?? []).join(', ');
  switch (r.operator) {
    case 'In':
      return `${r.key} in (${values})`;
    case 'NotIn':
      return `${r.key} not in (${values})`;
    case 'Exists':
      return `a ${r.key} label`;
    case 'DoesNotExist':
      return `no ${r.key} label`;
    default:
      return r.operator satisfies never;
  }
}

/** The conditions of a selector (`role=db and tier in (a, b)`), or null when it selects all. */
export function describeSelector(selector: LabelSelector | undefined): string | null {
  const parts = [
    ...Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`),
    ...(selector?.matchExpressions ?? []).map(describeRequirement),
  ];
  return parts.length === 0 ? null : parts.join(' and ');
}

/** `every pod` or `pods with role=db`. */
export function describePods(selector: LabelSelector | undefined): string {
  const text = describeSelector(selector);
  return text === null ? 'every pod' : `pods with ${text}`;
}

/** `in every namespace`, `in namespace monitoring` or `in namespaces with team=a`. */
export function describeNamespaces(selector: LabelSelector): string {
  const labels = Object.entries(selector.matchLabels ?? {});
  const byName =
    labels.length === 1 &&
    labels[0][0] === NAMESPACE_NAME_LABEL &&
    (selector.matchExpressions ?? []).length === 0;
  if (byName) return `in namespace ${labels[0][1]}`;
  const text = describeSelector(selector);
  return text === null ? 'in every namespace' : `in namespaces with ${text}`;
}

/** One peer of a rule; a peer without a namespaceSelector means the policy's own namespace. */
export function describePeer(peer: NetworkPolicyPeer): string {
  if (peer.ipBlock) {
    const except = peer.ipBlock.except ?? [];
    return `addresses in ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${joinOr(except, 'and')}` : ''}`;
  }
  if (peer.namespaceSelector) {
    return `${describePods(peer.podSelector)} ${describeNamespaces(peer.namespaceSelector)}`;
  }
  return `${describePods(peer.podSelector)} in the same namespace`;
}

function describePort(p: NetworkPolicyPort): string {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return `any ${protocol} port`;
  if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
    return `the ${protocol} port named ${p.port}`;
  }
  return p.endPort !== undefined && typeof p.port === 'number'
    ? `${protocol} ${p.port}-${p.endPort}`
    : `${protocol} ${p.port}`;
}

/** `on TCP 6379 or UDP 53`, or `on any port` when the rule lists none. */
export function describePorts(ports: readonly NetworkPolicyPort[] | undefined): string {
  if (!ports || ports.length === 0) return 'on any port';
  return `on ${joinOr(ports.map(describePort), 'or')}`;
}

function joinOr(items: readonly string[], word: 'or' | 'and'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;
}

/** An ingress or an egress rule. */
export interface PolicyRule {
  readonly from?: readonly NetworkPolicyPeer[];
  readonly to?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

/** What one rule allows: `pods with role=frontend in the same namespace on TCP 6379`. */
export function describeRule(rule: PolicyRule, direction: PolicyDirection): string {
  const peers = (direction === 'Ingress' ? rule.from : rule.to) ?? [];
  const ports = describePorts(rule.ports);
  if (direction === 'Ingress') {
    const who = peers.length === 0 ? 'every source' : joinOr(peers.map(describePeer), 'or');
    return `${who} ${ports}`;
  }
  const where = peers.length === 0 ? 'anywhere' : joinOr(peers.map(describePeer), 'or');
  return `connections to ${where} ${ports}`;
}

function describeDirection(policy: NetworkPolicySpec, direction: PolicyDirection): string {
  const rules: readonly PolicyRule[] =
    (direction === 'Ingress' ? policy.ingress : policy.egress) ?? [];
  if (rules.length === 0) {
    return `${direction}: allows nothing, so every ${direction === 'Ingress' ? 'incoming' : 'outgoing'} connection is denied.`;
  }
  const open = rules.some(
    (r) =>
      ((direction === 'Ingress' ? r.from : r.to) ?? []).length === 0 &&
      (r.ports ?? []).length === 0,
  );
  if (open) return `${direction}: allows everything.`;
  const allowed = rules.map((r) => describeRule(r, direction));
  return `${direction}: allows ${allowed.join(', and ')}; everything else is denied.`;
}

/**
 * The policy in plain sentences, e.g. "Selects pods with role=db in default. Ingress: allows
 * pods with role=frontend in the same namespace on TCP 6379; everything else is denied."
 */
export function describePolicy(policy: NetworkPolicySpec): string {
  const types = policyTypesOf(policy);
  const sentences = [`Selects ${describePods(policy.podSelector)} in ${policyNamespace(policy)}.`];
  for (const direction of ['Ingress', 'Egress'] as const) {
    if (types.includes(direction)) {
      sentences.push(describeDirection(policy, direction));
      continue;
    }
    const rules = direction === 'Ingress' ? policy.ingress : policy.egress;
    if (rules && rules.length > 0) {
      sentences.push(
        `Its ${direction.toLowerCase()} rules are ignored: policyTypes leaves out ${direction}.`,
      );
    }
  }
  return sentences.join(' ');
}
