/**
 * How Cilium decides a connection with its own policies (docs.cilium.io "Policy Language",
 * "Policy Enforcement Modes", "Deny Policies", "Layer 7 Policies"):
 * - An endpoint is in default deny for a direction once any policy selecting it has rules for
 *   that direction; a CiliumNetworkPolicy selects only endpoints of its own namespace, and its
 *   fromEndpoints/toEndpoints selectors mean its own namespace unless they name one.
 * - Deny rules win over every allow, of any kind of policy.
 * - Allows are a union. CIDR rules apply only to addresses outside the cluster.
 * - A toPorts entry with HTTP rules sends the connection through Cilium's Envoy: the connection
 *   is allowed, each request must match one HTTP rule, and a request that matches none is
 *   answered 403 by the proxy. An allow of the same port without L7 rules makes them moot.
 * - toFQDNs only knows the addresses Cilium's DNS proxy saw: the endpoint needs an egress rule
 *   with DNS rules that cover the name.
 */
import { cidrContains, parseCidr, type Ipv4, type Protocol } from '../net.ts';
import { matchesLabelSelector } from '../selectors.ts';
import { DEFAULT_NAMESPACE, type LabelSelector, type Labels } from '../spec.ts';
import type {
  CiliumCidrRule,
  CiliumEgressRule,
  CiliumEntity,
  CiliumHttpRule,
  CiliumIngressRule,
  CiliumPolicySpec,
  CiliumPortRule,
} from './ciliumSpec.ts';
import { dnsRuleMatches } from './l7Rules.ts';

export const NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
const NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

export interface CiliumEndpoint {
  readonly namespace: string;
  readonly labels: Labels;
}

/** The other side of a connection, as Cilium classifies it (identities and entities). */
export type CiliumPeer =
  | { readonly kind: 'endpoint'; readonly ip: Ipv4; readonly endpoint: CiliumEndpoint }
  | { readonly kind: 'host' | 'remote-node' | 'kube-apiserver'; readonly ip: Ipv4 }
  | { readonly kind: 'world'; readonly ip: Ipv4; readonly fqdn?: string };

export type CiliumDirection = 'Ingress' | 'Egress';

export interface CiliumRuleRef {
  readonly policy: CiliumPolicySpec;
  readonly ruleIndex: number;
  readonly deny: boolean;
}

export interface CiliumVerdict {
  readonly selecting: readonly CiliumPolicySpec[];
  /** Some selecting policy puts the endpoint in default deny for this direction. */
  readonly enforced: boolean;
  /** At layers 3 and 4. */
  readonly allowed: boolean;
  readonly deniedBy?: CiliumRuleRef;
  readonly allowedBy?: CiliumRuleRef;
  /** The HTTP rules each request must match; undefined when every request may pass. */
  readonly httpRules?: readonly { readonly rule: CiliumHttpRule; readonly from: CiliumRuleRef }[];
  readonly reasons: readonly string[];
}

const stripSource = (key: string) => key.replace(/^(k8s|any):/, '');

/** A selector with Cilium's source prefixes (`k8s:`, `any:`) taken off its keys. */
function normalize(selector: LabelSelector): LabelSelector {
  return {
    ...(selector.matchLabels
      ? {
          matchLabels: Object.fromEntries(
            Object.entries(selector.matchLabels).map(([k, v]) => [stripSource(k), v]),
          ),
        }
      : {}),
    ...(selector.matchExpressions
      ? {
          matchExpressions: selector.matchExpressions.map((e) => ({
            ...e,
            key: stripSource(e.key),
          })),
        }
      : {}),
  };
}

function namesNamespace(selector: LabelSelector): boolean {
  const n = normalize(selector);
  return (
    Object.hasOwn(n.matchLabels ?? {}, NAMESPACE_LABEL) ||
    (n.matchExpressions ?? []).some((e) => e.key === NAMESPACE_LABEL)
  );
}

/** The labels Cilium gives an endpoint: its pod's, its namespace, its namespace's labels. */
export function endpointLabels(ep: CiliumEndpoint, namespaceLabels: Labels | undefined): Labels {
  const out: Record<string, string> = { ...ep.labels, [NAMESPACE_LABEL]: ep.namespace };
  for (const [k, v] of Object.entries(namespaceLabels ?? {}))
    out[`${NAMESPACE_LABELS_PREFIX}${k}`] = v;
  return out;
}

export function ciliumPolicyNamespace(p: CiliumPolicySpec): string | undefined {
  return p.kind === 'CiliumNetworkPolicy' ? (p.namespace ?? DEFAULT_NAMESPACE) : undefined;
}

export interface CiliumWorld {
  readonly policies: readonly CiliumPolicySpec[];
  readonly namespaceLabels: (namespace: string) => Labels | undefined;
}

function selects(p: CiliumPolicySpec, ep: CiliumEndpoint, world: CiliumWorld): boolean {
  const ns = ciliumPolicyNamespace(p);
  if (ns !== undefined && ep.namespace !== ns) return false;
  return matchesLabelSelector(
    normalize(p.endpointSelector),
    endpointLabels(ep, world.namespaceLabels(ep.namespace)),
  );
}

function peerSelectorMatches(
  selector: LabelSelector,
  p: CiliumPolicySpec,
  peer: CiliumPeer,
  world: CiliumWorld,
): boolean {
  if (peer.kind !== 'endpoint') return false;
  const ns = ciliumPolicyNamespace(p);
  if (ns !== undefined && !namesNamespace(selector) && peer.endpoint.namespace !== ns) return false;
  return matchesLabelSelector(
    normalize(selector),
    endpointLabels(peer.endpoint, world.namespaceLabels(peer.endpoint.namespace)),
  );
}

function entityMatches(entity: CiliumEntity, peer: CiliumPeer): boolean {
  switch (entity) {
    case 'all':
      return true;
    case 'world':
      return peer.kind === 'world';
    case 'cluster':
      return peer.kind !== 'world';
    case 'host':
      return peer.kind === 'host';
    case 'remote-node':
      return peer.kind === 'remote-node';
    case 'kube-apiserver':
      return peer.kind === 'kube-apiserver';
    default: {
      const never: never = entity;
      throw new Error(`unknown entity ${String(never)}`);
    }
  }
}

function cidrMatches(rule: CiliumCidrRule, ip: Ipv4): boolean {
  const inRange = (text: string) => {
    const c = parseCidr(text);
    return c !== undefined && cidrContains(c, ip);
  };
  return inRange(rule.cidr) && !(rule.except ?? []).some(inRange);
}

type AnyRule = CiliumIngressRule & CiliumEgressRule;

/** Whether the rule's peer part covers the peer; a rule with no peer fields covers nobody. */
function peerMatches(
  rule: AnyRule,
  direction: CiliumDirection,
  p: CiliumPolicySpec,
  peer: CiliumPeer,
  world: CiliumWorld,
  dnsVisible: (name: string) => boolean,
): boolean {
  const endpoints = direction === 'Ingress' ? rule.fromEndpoints : rule.toEndpoints;
  const entities = direction === 'Ingress' ? rule.fromEntities : rule.toEntities;
  const cidrs = direction === 'Ingress' ? rule.fromCIDR : rule.toCIDR;
  const cidrSets = direction === 'Ingress' ? rule.fromCIDRSet : rule.toCIDRSet;
  const fqdns = direction === 'Egress' ? rule.toFQDNs : undefined;
  const hasPeerField = [endpoints, entities, cidrs, cidrSets, fqdns].some((x) => x !== undefined);
  // A rule with only toPorts applies to every peer ("L4 only" rules).
  if (!hasPeerField) return true;
  if ((endpoints ?? []).some((s) => peerSelectorMatches(s, p, peer, world))) return true;
  if ((entities ?? []).some((e) => entityMatches(e, peer))) return true;
  if (peer.kind === 'world') {
    if ((cidrs ?? []).some((c) => cidrMatches({ cidr: c }, peer.ip))) return true;
    if ((cidrSets ?? []).some((c) => cidrMatches(c, peer.ip))) return true;
    const name = peer.fqdn;
    if (name && (fqdns ?? []).some((f) => dnsRuleMatches(f, name)) && dnsVisible(name)) return true;
  }
  return false;
}

function portEntryMatches(
  entry: NonNullable<CiliumPortRule['ports']>[number],
  port: number,
  protocol: Protocol,
): boolean {
  const proto = entry.protocol ?? 'ANY';
  if (proto !== 'ANY' && proto !== protocol) return false;
  if (entry.port === undefined || entry.port === '0') return true;
  const p = Number(entry.port);
  if (!Number.isInteger(p)) return false; // a named port: PodPath reads numbers only
  return entry.endPort !== undefined ? port >= p && port <= entry.endPort : port === p;
}

/** The toPorts entries of a rule that cover the port; every entry when toPorts is absent. */
function matchingPortRules(
  rule: AnyRule,
  port: number,
  protocol: Protocol,
): readonly CiliumPortRule[] | undefined {
  if (!rule.toPorts || rule.toPorts.length === 0) return [{}];
  const hits = rule.toPorts.filter(
    (pr) =>
      !pr.ports ||
      pr.ports.length === 0 ||
      pr.ports.some((e) => portEntryMatches(e, port, protocol)),
  );
  return hits.length > 0 ? hits : undefined;
}

function rulesOf(
  p: CiliumPolicySpec,
  direction: CiliumDirection,
  deny: boolean,
): readonly AnyRule[] {
  if (direction === 'Ingress') return (deny ? p.ingressDeny : p.ingress) ?? [];
  return (deny ? p.egressDeny : p.egress) ?? [];
}

function policyName(p: CiliumPolicySpec): string {
  const ns = ciliumPolicyNamespace(p);
  return `${p.kind} ${ns ? `${ns}/` : ''}${p.name}`;
}

/**
 * The policies that put an endpoint in default deny for a direction: they select it and have
 * rules (allow or deny) for that direction.
 */
export function ciliumPoliciesIsolating(
  world: CiliumWorld,
  subject: CiliumEndpoint,
  direction: CiliumDirection,
): CiliumPolicySpec[] {
  return world.policies.filter(
    (p) =>
      selects(p, subject, world) &&
      (rulesOf(p, direction, false).length > 0 || rulesOf(p, direction, true).length > 0),
  );
}

/** Evaluates Cilium's policies for one direction of a connection at one endpoint. */
export function evaluateCiliumPolicy(
  world: CiliumWorld,
  subject: CiliumEndpoint,
  direction: CiliumDirection,
  peer: CiliumPeer,
  port: number,
  protocol: Protocol,
): CiliumVerdict {
  const selecting = world.policies.filter((p) => selects(p, subject, world));
  const inDirection = ciliumPoliciesIsolating(
    { ...world, policies: selecting },
    subject,
    direction,
  );
  const dnsVisible = (name: string) =>
    selecting.some((p) =>
      (p.egress ?? []).some((r) =>
        (r.toPorts ?? []).some((pr) => (pr.rules?.dns ?? []).some((d) => dnsRuleMatches(d, name))),
      ),
    );
  const reasons: string[] = [];
  for (const p of inDirection) {
    const denyRules = rulesOf(p, direction, true);
    for (let i = 0; i < denyRules.length; i++) {
      if (
        peerMatches(denyRules[i], direction, p, peer, world, dnsVisible) &&
        matchingPortRules(denyRules[i], port, protocol)
      ) {
        const deniedBy = { policy: p, ruleIndex: i, deny: true };
        return {
          selecting,
          enforced: true,
          allowed: false,
          deniedBy,
          reasons: [
            `${direction.toLowerCase()}Deny rule ${i + 1} of ${policyName(p)} denies it; deny rules win over every allow`,
          ],
        };
      }
    }
  }
  const enforcing = inDirection.filter(
    (p) => rulesOf(p, direction, false).length > 0 || rulesOf(p, direction, true).length > 0,
  );
  if (enforcing.length === 0) return { selecting, enforced: false, allowed: true, reasons };
  let allowedBy: CiliumRuleRef | undefined;
  let l4Only = false;
  const httpRules: { rule: CiliumHttpRule; from: CiliumRuleRef }[] = [];
  for (const p of enforcing) {
    rulesOf(p, direction, false).forEach((rule, i) => {
      const from = { policy: p, ruleIndex: i, deny: false };
      if (!peerMatches(rule, direction, p, peer, world, dnsVisible)) {
        reasons.push(
          `${direction.toLowerCase()} rule ${i + 1} of ${policyName(p)}: the peer ${peer.ip} is not one it names`,
        );
        return;
      }
      const portRules = matchingPortRules(rule, port, protocol);
      if (!portRules) {
        reasons.push(
          `${direction.toLowerCase()} rule ${i + 1} of ${policyName(p)}: not for ${protocol}/${port}`,
        );
        return;
      }
      allowedBy ??= from;
      for (const pr of portRules) {
        const http = pr.rules?.http;
        if (http && http.length > 0) httpRules.push(...http.map((rule) => ({ rule, from })));
        else l4Only = true;
      }
    });
  }
  if (!allowedBy) {
    const fqdnHint =
      peer.kind === 'world' && peer.fqdn && !dnsVisible(peer.fqdn)
        ? [
            `toFQDNs needs a DNS rule: no egress rule lets Cilium's DNS proxy see the answer for ${peer.fqdn}, so its address is not known to the policy`,
          ]
        : [];
    return { selecting, enforced: true, allowed: false, reasons: [...reasons, ...fqdnHint] };
  }
  return {
    selecting,
    enforced: true,
    allowed: true,
    allowedBy,
    ...(l4Only || httpRules.length === 0 ? {} : { httpRules }),
    reasons,
  };
}
