/**
 * Where a probe starts: a container of a pod, a node's own stack, or a client outside the
 * cluster; the packet it opens, and its first hops onto the origin's node.
 */
import { podNamed, type TraceContext } from '../datapath/context.ts';
import type { Journey } from '../datapath/journey.ts';
import { leavePod, nodeLocation, nodeOfPod } from '../datapath/paths.ts';
import type { ExternalClientModel, NodeModel, PodModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import type { Packet, Probe } from '../trace.ts';
import { Place, Verdict } from '../vocabulary.ts';
import { ProbeError } from './flow.ts';

export type Origin =
  | PodOrigin
  | { readonly kind: 'node'; readonly node: NodeModel }
  | { readonly kind: 'external'; readonly client: ExternalClientModel };

export interface PodOrigin {
  readonly kind: 'pod';
  readonly pod: PodModel;
  readonly node: NodeModel;
  readonly container?: string;
}

/** The probe's source in the model. Throws ProbeError when it names nothing there. */
export function resolveOrigin(ctx: TraceContext, probe: Probe): Origin {
  const from = probe.from;
  switch (from.kind) {
    case 'pod': {
      const pod = podNamed(ctx, from.namespace, from.name);
      if (!pod)
        throw new ProbeError(`There is no pod ${from.namespace}/${from.name} to send from.`);
      if (from.container && !pod.containers.some((c) => c.name === from.container)) {
        throw new ProbeError(`Pod ${pod.name} has no container ${from.container}.`);
      }
      return {
        kind: 'pod',
        pod,
        node: nodeOfPod(ctx, pod),
        container: from.container ?? pod.containers[0]?.name,
      };
    }
    case 'node': {
      const node = ctx.nodeByName.get(from.name);
      if (!node) throw new ProbeError(`There is no node ${from.name} to send from.`);
      return { kind: 'node', node };
    }
    case 'external': {
      const client = ctx.clientByName.get(from.name);
      if (!client) throw new ProbeError(`There is no outside client ${from.name}.`);
      return { kind: 'external', client };
    }
    default: {
      const never: never = from;
      throw new ProbeError(`Unknown source ${JSON.stringify(never)}.`);
    }
  }
}

export function originIp(origin: Origin): Ipv4 {
  return origin.kind === 'pod'
    ? origin.pod.ip
    : origin.kind === 'node'
      ? origin.node.ip
      : origin.client.ip;
}

export function originNode(origin: Origin): NodeModel | undefined {
  return origin.kind === 'pod' ? origin.node : origin.kind === 'node' ? origin.node : undefined;
}

export function ephemeralPort(ctx: TraceContext): number {
  // Linux's default ip_local_port_range is 32768-60999.
  return 32768 + Math.floor(ctx.random() * (60999 - 32768 + 1));
}

export function newPacket(
  ctx: TraceContext,
  src: Ipv4,
  dst: Ipv4,
  port: number,
  protocol: Protocol,
  extra: Partial<Packet> = {},
): Packet {
  return { protocol, src: { ip: src, port: ephemeralPort(ctx) }, dst: { ip: dst, port }, ...extra };
}

/** Puts the packet on the origin's node: out of the pod, or into the node's own stack. */
export function startInside(ctx: TraceContext, j: Journey, origin: Origin): NodeModel | undefined {
  if (origin.kind === 'pod') {
    if (origin.container) {
      j.step(
        {
          place: Place.Container,
          device: origin.container,
          node: origin.node.name,
          at: origin.pod.ref,
        },
        Verdict.Forwarded,
        `The ${origin.container} container in ${origin.pod.name} ${j.packet.protocol === 'UDP' ? 'sends a UDP datagram' : `opens a ${j.packet.protocol} connection`} from ${j.packet.src.ip}:${j.packet.src.port} to ${j.packet.dst.ip}:${j.packet.dst.port}.`,
      );
    }
    leavePod(ctx, j, origin.pod);
    return origin.node;
  }
  if (origin.kind === 'node') {
    j.step(
      nodeLocation(origin.node, Place.Node, 'host network'),
      Verdict.Forwarded,
      `A process on ${origin.node.name} opens a ${j.packet.protocol} connection from the node address ${origin.node.ip} to ${j.packet.dst.ip}:${j.packet.dst.port}.`,
    );
    return origin.node;
  }
  return undefined;
}
