/**
 * The steps every flow shares at its far end: the request reaches a pod (across nodes, through
 * its ingress policy, to a listening container or a refusal), the pod answers, and the answer
 * travels home to where the request started.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import {
  crossNodes,
  enterPodFromNode,
  forwardToNodeIp,
  leavePod,
  nodeLocation,
  nodeOfPod,
  podLocation,
  swap,
  toNode,
} from '../datapath/paths.ts';
import type { NodeModel, PodModel, ServiceModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import type { DeliveredTo } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import type { Flow } from './flow.ts';
import type { Origin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';

export function listeningContainer(
  pod: PodModel,
  port: number,
  protocol: Protocol,
): string | undefined {
  for (const c of pod.containers) {
    for (const p of c.ports ?? [])
      if (p.containerPort === port && (p.protocol ?? 'TCP') === protocol) return c.name;
  }
  return undefined;
}

/**
 * A Service that sends `protocol`/`port` traffic to this pod (a numeric targetPort resolves for
 * every selected pod, declared or not).
 */
function serviceTargeting(
  services: readonly ServiceModel[],
  pod: PodModel,
  port: number,
  protocol: Protocol,
): ServiceModel | undefined {
  return services.find((s) =>
    s.ports.some(
      (sp, i) =>
        sp.protocol === protocol && s.endpoints[i]?.some((e) => e.pod === pod && e.port === port),
    ),
  );
}

/** The container that takes a connection, and why PodPath thinks it listens there. */
interface Listener {
  readonly container: string;
  readonly assumed?: ServiceModel;
}

/**
 * A container listens on the ports it declares. The list is informational (core/v1
 * Container.ports: not specifying a port does not prevent it from being exposed), so a port a
 * Service sends traffic to counts as served too: PodPath assumes the pod's first container
 * listens there, as the Service's author meant.
 */
function listenerFor(
  services: readonly ServiceModel[],
  pod: PodModel,
  port: number,
  protocol: Protocol,
): Listener | undefined {
  const declared = listeningContainer(pod, port, protocol);
  if (declared) return { container: declared };
  const first = pod.containers[0];
  const assumed = first ? serviceTargeting(services, pod, port, protocol) : undefined;
  return first && assumed ? { container: first.name, assumed } : undefined;
}

/** The last hop at the destination pod: a container listens, or the kernel refuses. */
export function deliverToPod(
  services: readonly ServiceModel[],
  j: Journey,
  pod: PodModel,
): DeliveredTo | null {
  const { port } = j.packet.dst;
  const protocol = j.packet.protocol;
  const listener = listenerFor(services, pod, port, protocol);
  if (!listener) {
    const answer =
      protocol === 'TCP'
        ? 'answers with a TCP reset'
        : protocol === 'UDP'
          ? 'answers with ICMP port unreachable'
          : 'aborts the association';
    j.drop(
      podLocation(pod, `${protocol}/${port}`),
      DropReason.NotListening,
      `No container in ${pod.name} declares ${protocol} port ${port} and no Service sends traffic there, so PodPath takes it that nothing listens and the kernel ${answer}.`,
    );
    return null;
  }
  const { container, assumed } = listener;
  const note = assumed
    ? ` No container declares ${protocol} port ${port}, but containerPort lists are informational (a process listening on 0.0.0.0 is reachable whether declared or not); Service ${assumed.namespace}/${assumed.name} sends traffic to that port, so PodPath assumes ${container} listens on it.`
    : '';
  j.step(
    { place: Place.Container, device: container, node: pod.node, at: pod.ref },
    Verdict.Delivered,
    `The ${container} container in ${pod.name} accepts the connection on ${protocol} port ${port}. It sees the source ${j.packet.src.ip}:${j.packet.src.port}.${note}`,
  );
  return { pod: pod.ref, ip: pod.ip, port, container };
}

/** From the node the packet is on to a pod: across nodes if needed, ingress policy, delivery. */
export function arriveAtPod(
  ctx: TraceContext,
  j: Journey,
  from: NodeModel,
  pod: PodModel,
): DeliveredTo | null {
  const target = nodeOfPod(ctx, pod);
  // A hostNetwork pod has its node's address: the node network carries it, no tunnel.
  if (target.name !== from.name) {
    if (pod.hostNetwork) forwardToNodeIp(j, from, target);
    else crossNodes(ctx, j, from, target);
    if (j.dropped) return null;
  }
  if (!checkPolicy(ctx, j, pod, 'Ingress', j.packet.src.ip)) return null;
  enterPodFromNode(ctx, j, target, pod);
  return deliverToPod(ctx.model.services, j, pod);
}

/** Reply toward a pod origin (or a node origin) from the node the reply is on. */
export function replyHome(ctx: TraceContext, r: Journey, from: NodeModel, origin: Origin): void {
  if (origin.kind === 'pod') {
    toNode(ctx, r, from, origin.node);
    if (r.dropped) return;
    enterPodFromNode(ctx, r, origin.node, origin.pod);
    r.step(
      {
        place: Place.Container,
        device: origin.container ?? 'eth0',
        node: origin.node.name,
        at: origin.pod.ref,
      },
      Verdict.Delivered,
      `${origin.pod.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}: the address it sent to, so the connection matches.`,
    );
  } else if (origin.kind === 'node') {
    if (origin.node.name !== from.name) forwardToNodeIp(r, from, origin.node);
    r.step(
      nodeLocation(origin.node, Place.Node, 'host network'),
      Verdict.Delivered,
      `${origin.node.name} receives the reply from ${r.packet.src.ip}:${r.packet.src.port}.`,
    );
  }
}

/** A request a pod accepted, and the reply it starts. */
export interface Answer {
  readonly delivered: DeliveredTo;
  /** The source the pod saw. */
  readonly seenSource: Ipv4;
  readonly reply: Journey;
}

/**
 * Takes the request from the node it is on to the pod (see arriveAtPod) and starts the pod's
 * reply: out of the pod and, when `backTo` is given, across to that node, where the flow
 * undoes its translations. Null when the request is dropped on the way.
 */
export function deliverAndAnswer(
  ctx: TraceContext,
  j: Journey,
  from: NodeModel,
  pod: PodModel,
  backTo?: NodeModel,
): Answer | null {
  const delivered = arriveAtPod(ctx, j, from, pod);
  if (!delivered) return null;
  const reply = new Journey(swap(j.packet), 'reply');
  leavePod(ctx, reply, pod);
  if (backTo) toNode(ctx, reply, nodeOfPod(ctx, pod), backTo);
  return { delivered, seenSource: j.packet.src.ip, reply };
}

/**
 * A packet to the pod's own address never leaves its network namespace: the kernel delivers it
 * over lo. Starts the reply, still inside the pod. Null when nothing listens.
 */
export function deliverOverLoopback(
  ctx: TraceContext,
  j: Journey,
  pod: PodModel,
  explanation: string,
): Answer | null {
  j.step(podLocation(pod, 'lo'), Verdict.Forwarded, explanation);
  const delivered = deliverToPod(ctx.model.services, j, pod);
  if (!delivered) return null;
  return { delivered, seenSource: j.packet.src.ip, reply: new Journey(swap(j.packet), 'reply') };
}

/** The finished flow of an answered request. */
export function answered(j: Journey, answer: Answer): Flow {
  return {
    request: j,
    reply: answer.reply,
    deliveredTo: answer.delivered,
    seenSource: answer.seenSource,
  };
}
