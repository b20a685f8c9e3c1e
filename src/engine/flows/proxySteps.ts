/**
 * The steps an L7 proxy in a pod (an ingress controller, a Gateway's Envoy) shares: the client's
 * connection reaches the proxy through its LoadBalancer address and ends there; the proxy either
 * answers itself (a redirect) or opens its own connection to a backend endpoint, and copies that
 * answer back onto the client's connection, which retraces its own path.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import { enterPodFromNode, leavePod, nodeOfPod } from '../datapath/paths.ts';
import type { EndpointModel, NodeModel, PodModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import type { Decision, HttpLayer, HttpOutcome, Location, Packet } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { ephemeralPort, newPacket, originIp, type Origin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';
import { sendTo } from './sendTo.ts';
import { deliverAndAnswer, type Answer } from './steps.ts';

/**
 * No proxy serves the name: nothing gave it an address, so the client's lookup finds none and
 * the request never leaves. `why` says which object is missing.
 */
export function noProxyAddress(
  ctx: TraceContext,
  origin: Origin,
  port: number,
  http: HttpLayer,
  reason: DropReason,
  why: string,
): Flow {
  const j = new Journey(
    newPacket(ctx, originIp(origin), originIp(origin), port, 'TCP', { http }),
    'request',
  );
  j.drop({ place: Place.Network, device: 'DNS' }, reason, why);
  return dropped(j);
}

export interface AtProxy {
  readonly front: Flow & { readonly reply: Journey };
  readonly request: Journey;
  readonly proxy: PodModel;
  readonly proxyNode: NodeModel;
  /** The source address the proxy sees on the client's connection. */
  readonly clientSeen: Ipv4;
}

/**
 * The client's connection to the proxy's address. Undefined flow fields mean it got there; the
 * accepting hop becomes a forwarding one, since the request goes on from the proxy.
 */
export function reachProxy(
  ctx: TraceContext,
  origin: Origin,
  address: Ipv4,
  port: number,
  http: HttpLayer,
  reads: string,
): AtProxy | Flow {
  const front = sendTo(ctx, origin, address, port, 'TCP', { http });
  const j = front.request;
  if (!front.deliveredTo || !front.reply) return front;
  const proxy = ctx.podByKey.get(
    `${front.deliveredTo.pod.namespace}/${front.deliveredTo.pod.name}`,
  ) as PodModel;
  const accepted = j.hops[j.hops.length - 1];
  j.hops[j.hops.length - 1] = {
    ...accepted,
    verdict: Verdict.Forwarded,
    explanation: `${accepted.explanation} ${reads}`,
  };
  return {
    front: front as AtProxy['front'],
    request: j,
    proxy,
    proxyNode: nodeOfPod(ctx, proxy),
    clientSeen: j.packet.src.ip,
  };
}

export function isAtProxy(x: AtProxy | Flow): x is AtProxy {
  return 'proxy' in x;
}

/** The proxy answers by itself (a redirect): the request ends there, the answer goes back. */
export function answerAtProxy(
  at: AtProxy,
  where: Location,
  requestText: string,
  replyText: string,
  decisions: readonly Decision[],
  http: HttpOutcome,
): Flow {
  const { front, request: j } = at;
  j.step(where, Verdict.Delivered, requestText, { decisions });
  const r = new Journey(front.reply.hops[0]?.before ?? j.packet, 'reply');
  r.step(where, Verdict.Translated, replyText);
  for (const hop of front.reply.hops) r.hops.push(hop);
  return {
    request: j,
    reply: r,
    deliveredTo: front.deliveredTo,
    seenSource: at.clientSeen,
    http,
  };
}

/**
 * The endpoint the proxy picks among the ready ones (at random, as its round robin looks from
 * one request) and the new connection it opens to it from its own pod IP and a port of its own.
 */
export function connectUpstream(
  ctx: TraceContext,
  proxy: PodModel,
  candidates: readonly EndpointModel[],
  http: HttpLayer,
): { readonly index: number; readonly ep: EndpointModel; readonly packet: Packet } {
  const index = Math.min(candidates.length - 1, Math.floor(ctx.random() * candidates.length));
  const ep = candidates[index];
  const packet: Packet = {
    protocol: 'TCP',
    src: { ip: proxy.ip, port: ephemeralPort(ctx) },
    dst: { ip: ep.ip, port: ep.port },
    http,
  };
  return { index, ep, packet };
}

/**
 * The proxy's own connection to a backend endpoint: out of its pod, through its egress policy,
 * to the endpoint and back into the proxy's pod. Undefined when it went no further.
 */
export function proxyToEndpoint(
  ctx: TraceContext,
  at: AtProxy,
  ep: EndpointModel,
): Answer | undefined {
  const { request: j, proxy, proxyNode } = at;
  leavePod(ctx, j, proxy);
  if (!checkPolicy(ctx, j, proxy, 'Egress', ep.ip)) return undefined;
  const answer = deliverAndAnswer(ctx, j, proxyNode, ep.pod, proxyNode);
  if (!answer) return undefined;
  enterPodFromNode(ctx, answer.reply, proxyNode, proxy);
  return answer;
}

/** The proxy copies the backend's answer onto the client's connection, which retraces its path. */
export function copyOntoClient(
  r: Journey,
  where: Location,
  text: string,
  frontReply: Journey,
): void {
  const hops = frontReply.hops;
  r.step(where, Verdict.Translated, text, { to: hops[0]?.before ?? r.packet });
  for (const hop of hops) r.hops.push(hop);
  r.packet = hops.at(-1)?.after ?? r.packet;
}
