/**
 * NetworkPolicy evaluation (networking.k8s.io/v1). Policies only allow: a pod no policy selects
 * for a direction allows everything; otherwise the union of the selecting policies' rules decides.
 */
import type { ClusterModel, PodModel } from './model.ts';
import { cidrContains, parseCidr, type Ipv4, type Protocol } from './net.ts';
import { matchesLabelSelector } from './selectors.ts';
import {
  DEFAULT_NAMESPACE,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkPolicySpec,
} from './spec.ts';

export type PolicyDirection = 'Ingress' | 'Egress';

export interface PolicyPeerAddress {
  readonly ip: Ipv4;
  /** The pod behind the address, when the address is a pod's (not after SNAT to a node). */
  readonly pod?: PodModel;
}

export interface PolicyMatch {
  readonly policy: NetworkPolicySpec;
  readonly namespace: string;
  readonly ruleIndex: number;
}

export interface PolicyVerdict {
  readonly allowed: boolean;
  /** True when at least one policy selects the pod for this direction. */
  readonly isolated: boolean;
  readonly selecting: readonly NetworkPolicySpec[];
  /** The first rule that allows the connection, when one does. */
  readonly match?: PolicyMatch;
  /** Why each selecting policy did not allow it, in plain words. */
  readonly reasons: readonly string[];
}

/** The policy types a policy applies to, with the API's defaulting when omitted. */
export function effectivePolicyTypes(policy: NetworkPolicySpec): PolicyDirection[] {
  if (policy.policyTypes && policy.policyTypes.length > 0) return [...policy.policyTypes];
  return policy.egress && policy.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

export function policyNamespace(policy: NetworkPolicySpec): string {
  return policy.namespace ?? DEFAULT_NAMESPACE;
}

export function policiesSelecting(
  model: ClusterModel,
  pod: PodModel,
  direction: PolicyDirection,
): NetworkPolicySpec[] {
  return model.networkPolicies.filter(
    (p) =>
      policyNamespace(p) === pod.namespace &&
      effectivePolicyTypes(p).includes(direction) &&
      matchesLabelSelector(p.podSelector, pod.labels),
  );
}

/**
 * Decides one direction at one pod. `peer` is the other end as the packet shows it at this pod:
 * after DNAT, and after SNAT (a node IP hides the client pod).
 */
export function evaluatePolicy(
  model: ClusterModel,
  pod: PodModel,
  direction: PolicyDirection,
  peer: PolicyPeerAddress,
  port: number,
  protocol: Protocol,
): PolicyVerdict {
  if (pod.hostNetwork) return { allowed: true, isolated: false, selecting: [], reasons: [] };
  const selecting = policiesSelecting(model, pod, direction);
  if (selecting.length === 0) return { allowed: true, isolated: false, selecting, reasons: [] };
  const reasons: string[] = [];
  // Ports in a rule refer to the destination: for ingress the pod itself, for egress the peer.
  const portOwner = direction === 'Ingress' ? pod : peer.pod;
  for (const policy of selecting) {
    const rules = direction === 'Ingress' ? (policy.ingress ?? []) : (policy.egress ?? []);
    if (rules.length === 0) {
      reasons.push(`${policy.name} has no ${direction.toLowerCase()} rules, so it allows nothing.`);
      continue;
    }
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const peers = 'from' in rule ? rule.from : (rule as { to?: readonly NetworkPolicyPeer[] }).to;
      const peerOk =
        !peers || peers.length === 0 || peers.some((p) => peerMatches(model, policy, p, peer));
      const portOk = portsMatch(rule.ports, port, protocol, portOwner);
      if (peerOk && portOk) {
        return {
          allowed: true,
          isolated: true,
          selecting,
          match: { policy, namespace: policyNamespace(policy), ruleIndex: i },
          reasons,
        };
      }
      reasons.push(
        `${policy.name} ${direction.toLowerCase()} rule ${i + 1}: ${peerOk ? '' : 'the peer does not match'}${!peerOk && !portOk ? ' and ' : ''}${portOk ? '' : `port ${protocol}/${port} is not listed`}.`,
      );
    }
  }
  return { allowed: false, isolated: true, selecting, reasons };
}

function peerMatches(
  model: ClusterModel,
  policy: NetworkPolicySpec,
  peerSpec: NetworkPolicyPeer,
  peer: PolicyPeerAddress,
): boolean {
  if (peerSpec.ipBlock) {
    const block = parseCidr(peerSpec.ipBlock.cidr);
    if (!block || !cidrContains(block, peer.ip)) return false;
    return !(peerSpec.ipBlock.except ?? []).some((e) => {
      const ex = parseCidr(e);
      return ex !== undefined && cidrContains(ex, peer.ip);
    });
  }
  const pod = peer.pod;
  if (!pod || pod.hostNetwork) return false; // selectors match pods; a node address is no pod
  if (peerSpec.namespaceSelector) {
    const ns = model.namespaces.find((n) => n.name === pod.namespace);
    if (!matchesLabelSelector(peerSpec.namespaceSelector, ns?.labels ?? {})) return false;
  } else if (pod.namespace !== policyNamespace(policy)) {
    return false; // a podSelector alone means the policy's own namespace
  }
  return peerSpec.podSelector ? matchesLabelSelector(peerSpec.podSelector, pod.labels) : true;
}

function portsMatch(
  ports: readonly NetworkPolicyPort[] | undefined,
  port: number,
  protocol: Protocol,
  owner: PodModel | undefined,
): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP') !== protocol) return false;
    if (p.port === undefined) return true;
    let from: number | undefined;
    if (typeof p.port === 'number') from = p.port;
    else if (/^\d+$/.test(p.port)) from = Number(p.port);
    else from = namedPort(owner, p.port, protocol);
    if (from === undefined) return false;
    const to = p.endPort ?? from;
    return port >= from && port <= to;
  });
}

function namedPort(
  pod: PodModel | undefined,
  name: string,
  protocol: Protocol,
): number | undefined {
  for (const c of pod?.containers ?? []) {
    for (const cp of c.ports ?? []) {
      if (cp.name === name && (cp.protocol ?? 'TCP') === protocol) return cp.containerPort;
    }
  }
  return undefined;
}
