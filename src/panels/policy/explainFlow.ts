/**
 * Why a flow was allowed or denied, read from its trace: the hops where the CNI checked
 * NetworkPolicy (or Cilium its own policies) carry the policy and the rule that decided (egress
 * at the source pod, ingress at the destination pod). A direction with no such hop was not
 * isolated, or never reached. Where an HTTP rule of a Cilium policy applies, the hop at Cilium's
 * Envoy says whether the request passed (layer 7) after the connection was allowed.
 */
import type { PolicyDirection } from '../../engine/policy.ts';
import type { Decision, Hop, Trace } from '../../engine/trace.ts';
import type { DropReason, Place } from '../../engine/vocabulary.ts';

export type PolicyKind = NonNullable<NonNullable<Decision['policy']>['kind']>;

export interface PolicyId {
  readonly name: string;
  /** Empty for a CiliumClusterwideNetworkPolicy. */
  readonly namespace: string;
  /** NetworkPolicy when omitted. */
  readonly kind?: PolicyKind;
}

/** The same policy: name, namespace and kind. */
export const samePolicy = (a: PolicyId, b: PolicyId) =>
  a.name === b.name &&
  a.namespace === b.namespace &&
  (a.kind ?? 'NetworkPolicy') === (b.kind ?? 'NetworkPolicy');

/** What Cilium's Envoy did with the HTTP request, where an HTTP rule applied. */
export interface HttpCheck {
  /** False when the flow sent no HTTP request: the proxy only passed the connection on. */
  readonly read: boolean;
  readonly allowed: boolean;
  /** The engine's sentence at the proxy. */
  readonly explanation: string;
  /** The policy whose HTTP rules the request was read against. */
  readonly policy?: PolicyId & { readonly ruleIndex?: number };
}

export const CheckOutcome = {
  /** No policy selects the pod for this direction: nothing is restricted. */
  NotIsolated: 'not-isolated',
  Allowed: 'allowed',
  Denied: 'denied',
  /** Policies select the pod but the CNI does not enforce them. */
  NotEnforced: 'not-enforced',
  /** Ingress from the pod's own node, always allowed. */
  OwnNode: 'own-node',
  /** The packet was dropped before it got to this check. */
  NotReached: 'not-reached',
} as const;
export type CheckOutcome = (typeof CheckOutcome)[keyof typeof CheckOutcome];

export interface PolicyCheck {
  readonly direction: PolicyDirection;
  /** The pod the check happens at, as `namespace/name`. */
  readonly pod: string | null;
  readonly outcome: CheckOutcome;
  /** The policies that isolate the pod for this direction. */
  readonly selecting: readonly PolicyId[];
  /** The policy and the rule (0-based) that allowed it. */
  readonly match?: PolicyId & { readonly ruleIndex: number };
  /** The engine's sentence at the hop. */
  readonly explanation?: string;
  /** Why rules did not allow it, one sentence each, starting with the policy's name. */
  readonly reasons: readonly string[];
  /** Layer 7: the HTTP rules Cilium's Envoy read the request against. */
  readonly http?: HttpCheck;
}

export interface FlowExplanation {
  readonly from: string | null;
  readonly to: string | null;
  readonly port?: number;
  readonly protocol: string;
  readonly verdict: Trace['verdict'];
  readonly reason?: DropReason;
  readonly summary: string;
  readonly egress: PolicyCheck;
  readonly ingress: PolicyCheck;
}

const podKey = (ref: { readonly namespace?: string; readonly name: string }) =>
  `${ref.namespace ?? 'default'}/${ref.name}`;

const policyDecisions = (hop: Hop): readonly Decision[] =>
  (hop.decisions ?? []).filter((d) => d.kind === 'network-policy');

const L7_PROXY: Place = 'L7Proxy';
const atL7Proxy = (hop: Hop) => hop.location.place === L7_PROXY;

const idOf = (p: NonNullable<Decision['policy']>): PolicyId => ({
  name: p.name,
  namespace: p.namespace,
  ...(p.kind && p.kind !== 'NetworkPolicy' ? { kind: p.kind } : {}),
});

/** The pod the flow ended at, or was headed for. */
function destinationOf(trace: Trace, from: string | null): string | null {
  if (trace.deliveredTo) return podKey(trace.deliveredTo.pod);
  for (const hop of [...trace.hops].reverse()) {
    const at = hop.location.at;
    if (at?.kind === 'Pod' && policyDecisions(hop).length > 0 && podKey(at) !== from) {
      return podKey(at);
    }
  }
  return trace.probe.to.kind === 'pod' ? podKey(trace.probe.to) : null;
}

function check(
  trace: Trace,
  direction: PolicyDirection,
  pod: string | null,
  selecting: readonly PolicyId[],
  reached: boolean,
): PolicyCheck {
  const base = { direction, pod, selecting };
  const atPod = (h: Hop) =>
    pod !== null &&
    h.direction === 'request' &&
    h.location.at?.kind === 'Pod' &&
    podKey(h.location.at) === pod;
  const hop = trace.hops.find((h) => atPod(h) && !atL7Proxy(h) && policyDecisions(h).length > 0);
  const proxyHop = trace.hops.find((h) => atPod(h) && atL7Proxy(h));
  const proxyPolicy = proxyHop && policyDecisions(proxyHop).find((d) => d.policy)?.policy;
  const http: HttpCheck | undefined = proxyHop && {
    read: policyDecisions(proxyHop).length > 0,
    allowed: proxyHop.verdict !== 'Dropped',
    explanation: proxyHop.explanation,
    ...(proxyPolicy
      ? {
          policy: {
            ...idOf(proxyPolicy),
            ...(proxyPolicy.ruleIndex !== undefined ? { ruleIndex: proxyPolicy.ruleIndex } : {}),
          },
        }
      : {}),
  };
  if (!hop) {
    const outcome =
      !reached && selecting.length > 0 ? CheckOutcome.NotReached : CheckOutcome.NotIsolated;
    return { ...base, outcome, reasons: [] };
  }
  const decisions = policyDecisions(hop);
  const reasons = [...new Set(decisions.flatMap((d) => d.rules ?? []))];
  const common = { ...base, explanation: hop.explanation, reasons, ...(http ? { http } : {}) };
  if (hop.verdict === 'Dropped') return { ...common, outcome: CheckOutcome.Denied };
  if (hop.verdict === 'Allowed') {
    const matched = decisions.find((d) => d.policy?.ruleIndex !== undefined)?.policy;
    if (matched?.ruleIndex !== undefined) {
      return {
        ...common,
        outcome: CheckOutcome.Allowed,
        match: { ...idOf(matched), ruleIndex: matched.ruleIndex },
      };
    }
    return { ...common, outcome: CheckOutcome.OwnNode };
  }
  return { ...common, outcome: CheckOutcome.NotEnforced };
}

/**
 * Explains a traced flow between pods. `selectingOf` lists the policies that isolate a pod for
 * a direction (from the spec), so a direction the trace never reached can still name them.
 */
export function explainFlow(
  trace: Trace,
  selectingOf: (pod: string, direction: PolicyDirection) => readonly PolicyId[],
): FlowExplanation {
  const from = trace.probe.from.kind === 'pod' ? podKey(trace.probe.from) : null;
  const to = destinationOf(trace, from);
  const egress = check(trace, 'Egress', from, from ? selectingOf(from, 'Egress') : [], true);
  // Ingress is reached unless the packet was dropped before the destination's check.
  const droppedAtEgress = egress.outcome === CheckOutcome.Denied;
  const droppedBefore =
    droppedAtEgress ||
    (trace.verdict === 'Dropped' &&
      !trace.hops.some(
        (h) => h.location.at?.kind === 'Pod' && to !== null && podKey(h.location.at) === to,
      ));
  const ingress = check(trace, 'Ingress', to, to ? selectingOf(to, 'Ingress') : [], !droppedBefore);
  return {
    from,
    to,
    ...(trace.probe.port !== undefined ? { port: trace.probe.port } : {}),
    protocol: trace.probe.protocol ?? 'TCP',
    verdict: trace.verdict,
    ...(trace.reason ? { reason: trace.reason } : {}),
    summary: trace.summary,
    egress,
    ingress,
  };
}
