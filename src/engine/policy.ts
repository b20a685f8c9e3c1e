/**
 * NetworkPolicy evaluation (networking.k8s.io/v1). Policies only allow: a pod no policy selects
 * for a direction allows everything; otherwise the union of the selecting policies' rules decides.
 */
import type { ClusterModel, PodModel } from './model.ts';
import {
  cidrRange,
  ipv4ToInt,
  parseCidr,
  type CidrRange,
  type Ipv4,
  type Protocol,
} from './net.ts';
import { oncePerModel } from './oncePerModel.ts';
import { matchesLabelSelector } from './selectors.ts';
import {
  type Labels,
  type NetworkPolicyPeer,
  type NetworkPolicyPort,
  type NetworkPolicySpec,
} from './spec.ts';

import { effectivePolicyTypes, policyNamespace, type PolicyDirection } from './policyTypes.ts';

export { effectivePolicyTypes, policyNamespace, type PolicyDirection };

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
  /** Allowed because the peer is the pod's own node (ingress only). */
  readonly fromOwnNode?: boolean;
  /** Why each selecting policy did not allow it, in plain words. */
  readonly reasons: readonly string[];
}

/** A rule's peers and ports, parsed once per model. */
export interface CompiledRule {
  /** Undefined or empty: every peer. */
  readonly peers?: readonly NetworkPolicyPeer[];
  readonly ports?: readonly NetworkPolicyPort[];
}

export interface CompiledPolicy {
  readonly spec: NetworkPolicySpec;
  readonly namespace: string;
  readonly ingress: boolean;
  readonly egress: boolean;
  readonly ingressRules: readonly CompiledRule[];
  readonly egressRules: readonly CompiledRule[];
}

interface PolicyIndex {
  readonly byNamespace: ReadonlyMap<string, readonly CompiledPolicy[]>;
  readonly namespaceLabels: ReadonlyMap<string, Labels>;
  /** The addresses of each node: its IP and its pod gateway (the bridge or cilium_host). */
  readonly nodeAddresses: ReadonlyMap<string, ReadonlySet<string>>;
  readonly cidrs: Map<string, CidrRange | null>;
  readonly selectingIngress: Map<PodModel, readonly CompiledPolicy[]>;
  readonly selectingEgress: Map<PodModel, readonly CompiledPolicy[]>;
}

/** Policies grouped by namespace, with their types and rules, built once per model. */
export const policyIndex = oncePerModel((model): PolicyIndex => {
  const byNamespace = new Map<string, CompiledPolicy[]>();
  for (const spec of model.networkPolicies) {
    const namespace = policyNamespace(spec);
    const types = effectivePolicyTypes(spec);
    const compiled: CompiledPolicy = {
      spec,
      namespace,
      ingress: types.includes('Ingress'),
      egress: types.includes('Egress'),
      ingressRules: (spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })),
      egressRules: (spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports })),
    };
    const list = byNamespace.get(namespace) ?? [];
    list.push(compiled);
    byNamespace.set(namespace, list);
  }
  const nodeAddresses = new Map<string, Set<string>>();
  for (const n of model.nodes) nodeAddresses.set(n.name, new Set([n.ip, n.gateway]));
  return {
    byNamespace,
    namespaceLabels: new Map(model.namespaces.map((n) => [n.name, n.labels])),
    nodeAddresses,
    cidrs: new Map(),
    selectingIngress: new Map(),
    selectingEgress: new Map(),
  };
});

/** The compiled policies that select a pod for one direction (hostNetwork pods: none). */
export function compiledSelecting(
  model: ClusterModel,
  pod: PodModel,
  direction: PolicyDirection,
): readonly CompiledPolicy[] {
  const index = policyIndex(model);
  const cacheKey = direction === 'Ingress' ? index.selectingIngress : index.selectingEgress;
  const cached = cacheKey.get(pod);
  if (cached) return cached;
  const list = index.byNamespace.get(pod.namespace);
  const out: CompiledPolicy[] = [];
  cacheKey.set(pod, out);
  if (!list || pod.hostNetwork) return out;
  for (const p of list) {
    if (
      (direction === 'Ingress' ? p.ingress : p.egress) &&
      matchesLabelSelector(p.spec.podSelector, pod.labels)
    ) {
      out.push(p);
    }
  }
  return out;
}

/** The policies that select a pod for one direction (hostNetwork pods: none). */
export function policiesSelecting(
  model: ClusterModel,
  pod: PodModel,
  direction: PolicyDirection,
): NetworkPolicySpec[] {
  if (pod.hostNetwork) return [];
  return compiledSelecting(model, pod, direction).map((p) => p.spec);
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
  const compiled = compiledSelecting(model, pod, direction);
  const selecting = compiled.map((p) => p.spec);
  if (compiled.length === 0) return { allowed: true, isolated: false, selecting, reasons: [] };
  // "When a pod is isolated for ingress, the only allowed connections into the pod are those
  // from the pod's node and those allowed by the ingress list" (upstream NetworkPolicy page).
  if (direction === 'Ingress' && policyIndex(model).nodeAddresses.get(pod.node)?.has(peer.ip)) {
    return {
      allowed: true,
      isolated: true,
      selecting,
      fromOwnNode: true,
      reasons: [
        `${peer.ip} is an address of ${pod.node}, the pod's own node, which is always allowed in.`,
      ],
    };
  }
  const reasons: string[] = [];
  const match = firstAllowingRule(model, compiled, direction, pod, peer, port, protocol, reasons);
  if (match) return { allowed: true, isolated: true, selecting, match, reasons };
  return { allowed: false, isolated: true, selecting, reasons };
}

/**
 * The first rule of the given policies that allows the peer on the port, or undefined. Ports
 * in a rule refer to the destination: for ingress the selected pod, for egress the peer.
 */
export function firstAllowingRule(
  model: ClusterModel,
  compiled: readonly CompiledPolicy[],
  direction: PolicyDirection,
  pod: PodModel,
  peer: PolicyPeerAddress,
  port: number,
  protocol: Protocol,
  reasons?: string[],
): PolicyMatch | undefined {
  const portOwner = direction === 'Ingress' ? pod : peer.pod;
  for (const policy of compiled) {
    const rules = direction === 'Ingress' ? policy.ingressRules : policy.egressRules;
    if (rules.length === 0) {
      reasons?.push(
        `${policy.spec.name} has no ${direction.toLowerCase()} rules, so it allows nothing.`,
      );
      continue;
    }
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i];
      const peers = rule.peers;
      const peerOk =
        !peers ||
        peers.length === 0 ||
        peers.some((p) => peerMatches(model, policy.namespace, p, peer));
      const portOk = portsMatch(rule.ports, port, protocol, portOwner);
      if (peerOk && portOk) {
        return { policy: policy.spec, namespace: policy.namespace, ruleIndex: i };
      }
      reasons?.push(
        `${policy.spec.name} ${direction.toLowerCase()} rule ${i + 1}: ${peerOk ? '' : 'the peer does not match'}${!peerOk && !portOk ? ' and ' : ''}${portOk ? '' : `port ${protocol}/${port} is not listed`}.`,
      );
    }
  }
  return undefined;
}

function cidrOf(model: ClusterModel, text: string): CidrRange | null {
  const cache = policyIndex(model).cidrs;
  let r = cache.get(text);
  if (r === undefined) {
    const c = typeof text === 'string' ? parseCidr(text) : undefined;
    r = c ? cidrRange(c) : null;
    cache.set(text, r);
  }
  return r;
}

function inRange(r: CidrRange, ip: number): boolean {
  return ip >= r.base && ip < r.base + r.size;
}

/** Whether an address is in an ipBlock (its cidr, minus every except). */
export function ipBlockMatches(
  model: ClusterModel,
  block: NonNullable<NetworkPolicyPeer['ipBlock']>,
  ip: Ipv4,
): boolean {
  const cidr = cidrOf(model, block.cidr);
  const n = ipv4ToInt(ip);
  if (!cidr || !inRange(cidr, n)) return false;
  for (const e of block.except ?? []) {
    const ex = cidrOf(model, e);
    if (ex && inRange(ex, n)) return false;
  }
  return true;
}

/** Whether one peer entry of a rule (in a policy of namespace policyNs) matches the peer. */
export function peerMatches(
  model: ClusterModel,
  policyNs: string,
  peerSpec: NetworkPolicyPeer,
  peer: PolicyPeerAddress,
): boolean {
  if (peerSpec.ipBlock) return ipBlockMatches(model, peerSpec.ipBlock, peer.ip);
  const pod = peer.pod;
  if (!pod || pod.hostNetwork) return false; // selectors match pods; a node address is no pod
  if (peerSpec.namespaceSelector) {
    const labels = policyIndex(model).namespaceLabels.get(pod.namespace) ?? {};
    if (!matchesLabelSelector(peerSpec.namespaceSelector, labels)) return false;
  } else if (pod.namespace !== policyNs) {
    return false; // a podSelector alone means the policy's own namespace
  }
  return peerSpec.podSelector ? matchesLabelSelector(peerSpec.podSelector, pod.labels) : true;
}

/** Whether a rule's ports allow the port; named ports resolve on `owner` (the destination). */
export function portsMatch(
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
    // endPort only with a numeric port (the API rejects it with a name).
    const to = typeof p.port === 'number' && p.endPort !== undefined ? p.endPort : from;
    return port >= from && port <= to;
  });
}

/** A named container port of a pod, for one protocol. */
export function namedPort(
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
