/**
 * Cilium's own policies at a hop, together with Kubernetes NetworkPolicy as Cilium enforces
 * both (cilium/ciliumPolicy.ts): deny rules first, then the union of the allows; where the
 * allowing toPorts entry has HTTP rules, the connection goes through Cilium's Envoy on the node
 * and a request no rule allows is answered 403 there, while the TCP connection stays allowed.
 */
import {
  ciliumPolicyNamespace,
  evaluateCiliumPolicy,
  type CiliumDirection,
  type CiliumPeer,
  type CiliumRuleRef,
  type CiliumVerdict,
} from '../cilium/ciliumPolicy.ts';
import { enforcesCiliumPolicies, type CiliumPolicySpec } from '../cilium/ciliumSpec.ts';
import { evaluateHttpRules } from '../cilium/l7Rules.ts';
import type { ClusterIndex, TraceContext } from '../datapath/context.ts';
import type { Journey } from '../datapath/journey.ts';
import { nodeLocation, nodeOfPod } from '../datapath/paths.ts';
import { parseQuery, type HttpRequest } from '../gateway/httpRequest.ts';
import type { PodModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import { evaluatePolicy, type PolicyVerdict } from '../policy.ts';
import type { Decision, HttpLayer } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';

function classify(ctx: ClusterIndex, pod: PodModel, ip: Ipv4): CiliumPeer {
  const peerPod = ctx.podByIp.get(ip);
  if (peerPod && !peerPod.hostNetwork)
    return {
      kind: 'endpoint',
      ip,
      endpoint: { namespace: peerPod.namespace, labels: peerPod.labels },
    };
  const node =
    ctx.nodeByIp.get(ip) ??
    (peerPod ? ctx.model.nodes.find((n) => n.name === peerPod.node) : undefined);
  if (node) return { kind: node.name === pod.node ? 'host' : 'remote-node', ip };
  if (ctx.model.nodes.some((n) => n.gateway === ip)) return { kind: 'host', ip };
  return { kind: 'world', ip };
}

function requestOf(http: HttpLayer, port: number): HttpRequest {
  return {
    scheme: http.scheme,
    host: http.host,
    port,
    path: http.path,
    query: parseQuery(http.query ?? ''),
    method: http.method ?? 'GET',
    headers: Object.entries(http.headers).map(([name, value]) => ({ name, value })),
  };
}

const nameOf = (p: CiliumPolicySpec) => {
  const ns = ciliumPolicyNamespace(p);
  return `${p.kind} ${ns ? `${ns}/` : ''}${p.name}`;
};

function decision(summary: string, rules: readonly string[], ref?: CiliumRuleRef): Decision {
  return {
    kind: 'network-policy',
    summary,
    rules,
    ...(ref
      ? {
          policy: {
            name: ref.policy.name,
            namespace: ciliumPolicyNamespace(ref.policy) ?? '',
            ruleIndex: ref.ruleIndex,
            kind: ref.policy.kind,
          },
        }
      : {}),
  };
}

/** How Cilium's policies, with NetworkPolicy, rule on one direction of a connection at a pod. */
export type CiliumRuling =
  /** No Cilium policy puts the pod in default deny for this direction: NetworkPolicy decides. */
  | { readonly kind: 'none'; readonly verdict?: CiliumVerdict }
  /** Cilium policies select the pod but the cluster does not run Cilium. */
  | { readonly kind: 'not-enforced'; readonly verdict: CiliumVerdict }
  | {
      readonly kind: 'denied' | 'allowed';
      readonly verdict: CiliumVerdict;
      readonly k8s: PolicyVerdict;
      readonly peer: CiliumPeer;
      /** The HTTP rules each request must match (the connection goes through Cilium's Envoy). */
      readonly http?: NonNullable<CiliumVerdict['httpRules']>;
    };

/**
 * Cilium's ruling for one direction at one pod, as the packet checks (checkCiliumPolicy) and the
 * reachability matrix read it: deny rules first, then the union of Cilium's allows and
 * NetworkPolicy's; the HTTP rules apply when only an allow with HTTP rules lets it through.
 */
export function ciliumRuling(
  ctx: ClusterIndex,
  pod: PodModel,
  direction: CiliumDirection,
  peerIp: Ipv4,
  port: number,
  protocol: Protocol,
): CiliumRuling {
  if (ctx.model.ciliumPolicies.length === 0) return { kind: 'none' };
  const world = {
    policies: ctx.model.ciliumPolicies,
    namespaceLabels: (ns: string) => ctx.model.namespaces.find((n) => n.name === ns)?.labels,
  };
  const peer = classify(ctx, pod, peerIp);
  const verdict = evaluateCiliumPolicy(
    world,
    { namespace: pod.namespace, labels: pod.labels },
    direction,
    peer,
    port,
    protocol,
  );
  if (verdict.selecting.length === 0) return { kind: 'none' };
  if (!enforcesCiliumPolicies(ctx.cni.plugin)) return { kind: 'not-enforced', verdict };
  if (!verdict.enforced) return { kind: 'none', verdict };
  const k8s = evaluatePolicy(
    ctx.model,
    pod,
    direction,
    { ip: peerIp, pod: ctx.podByIp.get(peerIp) },
    port,
    protocol,
  );
  const k8sAllows = k8s.isolated && k8s.allowed;
  if (verdict.deniedBy || !(verdict.allowed || k8sAllows)) {
    return { kind: 'denied', verdict, k8s, peer };
  }
  const http = verdict.httpRules && !k8sAllows ? verdict.httpRules : undefined;
  return { kind: 'allowed', verdict, k8s, peer, ...(http ? { http } : {}) };
}

/**
 * Checks Cilium's policies (with NetworkPolicy) for one direction at one pod. Undefined when
 * no Cilium policy selects the pod, so that the NetworkPolicy check alone decides.
 */
export function checkCiliumPolicy(
  ctx: TraceContext,
  j: Journey,
  pod: PodModel,
  direction: CiliumDirection,
  peerIp: Ipv4,
): boolean | undefined {
  const port = j.packet.dst.port;
  const ruling = ciliumRuling(ctx, pod, direction, peerIp, port, j.packet.protocol);
  if (ruling.kind === 'none') return undefined;
  const v = ruling.verdict;
  const node = nodeOfPod(ctx, pod);
  const at = { ...nodeLocation(node, Place.Ebpf, pod.hostVeth), at: pod.ref };
  const names = v.selecting.map(nameOf).join(', ');
  const where = direction === 'Egress' ? `leaving ${pod.name}` : `entering ${pod.name}`;
  if (ruling.kind === 'not-enforced') {
    j.step(
      { ...nodeLocation(node, Place.Veth, pod.hostVeth), at: pod.ref },
      Verdict.Forwarded,
      `${names} ${v.selecting.length > 1 ? 'select' : 'selects'} ${pod.name}, but only Cilium reads Cilium's policies and this cluster runs ${ctx.cni.title}: they have no effect here.`,
      { decisions: [decision(`${names}: not enforced by ${ctx.cni.title}`, v.reasons)] },
    );
    return undefined;
  }
  const { k8s, peer } = ruling;
  const peerText = `${peerIp} (${peer.kind === 'endpoint' ? `pod in ${peer.endpoint.namespace}` : peer.kind})`;
  if (ruling.kind === 'denied') {
    j.drop(
      at,
      DropReason.PolicyDenied,
      `Cilium drops the packet ${where}: ${v.deniedBy ? v.reasons[0] : `${names} ${v.selecting.length > 1 ? 'put' : 'puts'} ${pod.name} in default deny for ${direction.toLowerCase()}, and no rule${k8s.isolated ? ' (of these or of a NetworkPolicy)' : ''} allows ${peerText} on ${j.packet.protocol}/${port}`}.`,
      [
        decision(
          `${names}: ${direction.toLowerCase()} denied`,
          [...v.reasons, ...k8s.reasons],
          v.deniedBy,
        ),
      ],
    );
    return false;
  }
  const by = v.allowedBy
    ? `${direction.toLowerCase()} rule ${v.allowedBy.ruleIndex + 1} of ${nameOf(v.allowedBy.policy)}`
    : 'a NetworkPolicy';
  const http = ruling.http;
  j.step(
    at,
    Verdict.Allowed,
    `Cilium checks the packet ${where}: ${by} allows ${peerText} on ${j.packet.protocol}/${port}.${http ? ` That rule has HTTP rules, so Cilium sends the connection to its Envoy proxy on ${pod.node}, which reads each request.` : ''}`,
    { decisions: [decision(`${by} allows it`, v.reasons, v.allowedBy)] },
  );
  if (!http) return true;
  const proxyAt = { place: Place.L7Proxy, device: 'cilium-envoy', node: pod.node, at: pod.ref };
  const rules = http.map((h) => h.rule);
  if (!j.packet.http) {
    j.step(
      proxyAt,
      Verdict.Forwarded,
      `Cilium's Envoy passes the connection on; each HTTP request on it must match one of the HTTP rules (this probe sends no HTTP request; use an http:// URL to see one checked).`,
    );
    return true;
  }
  const httpVerdict = evaluateHttpRules(rules, requestOf(j.packet.http, port));
  if (!httpVerdict.allowed) {
    j.drop(
      proxyAt,
      DropReason.HttpDenied,
      `Cilium's Envoy proxy reads the request: ${httpVerdict.why}. It answers 403 Forbidden ("Access denied") itself; the TCP connection was allowed, only this request is refused.`,
      [decision('HTTP request denied: 403 from the proxy', [httpVerdict.why], http[0].from)],
    );
    return false;
  }
  j.step(
    proxyAt,
    Verdict.Forwarded,
    `Cilium's Envoy proxy reads the request: ${httpVerdict.why}, so it passes it on to ${pod.name}.`,
    {
      decisions: [
        decision(
          'HTTP request allowed by an L7 rule',
          [httpVerdict.why],
          http.find((h) => h.rule === httpVerdict.rule)?.from,
        ),
      ],
    },
  );
  return true;
}
