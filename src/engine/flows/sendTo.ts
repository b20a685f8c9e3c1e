/**
 * A packet to an address: which flow it takes depends on what owns the destination (a
 * ClusterIP, a load balancer IP, a node, a pod) and on where it starts.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import { clientLocation, nodeLocation } from '../datapath/paths.ts';
import type { ExternalClientModel, NodeModel, PodModel } from '../model.ts';
import type { Ipv4, Protocol } from '../net.ts';
import type { Packet } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { isOutsideAddress, leaveCluster } from './leaveCluster.ts';
import { loadBalancerFlow } from './loadBalancer.ts';
import { nodeAddressFlow } from './nodePort.ts';
import { newPacket, originIp, originNode, startInside, type Origin } from './origin.ts';
import { podToPod } from './podToPod.ts';
import { serviceFromInside } from './serviceFromInside.ts';

/**
 * Sends a new packet from the origin to `dst`:`port` and follows it to its end. `name` is the
 * outside name the application resolved to `dst`, when it connected by name.
 */
export function sendTo(
  ctx: TraceContext,
  origin: Origin,
  dst: Ipv4,
  port: number,
  protocol: Protocol,
  extra: Partial<Packet> = {},
  name?: string,
): Flow {
  const j = new Journey(newPacket(ctx, originIp(origin), dst, port, protocol, extra), 'request');
  const clusterIpSvc = ctx.serviceByClusterIp.get(dst);
  const lbSvc = ctx.serviceByLbIp.get(dst);
  if (clusterIpSvc) {
    if (origin.kind === 'external') {
      return unroutableFromOutside(
        j,
        origin.client,
        `${dst} is a ClusterIP: a virtual address that only kube-proxy on the cluster's nodes knows, so nothing outside the cluster routes to it.`,
      );
    }
    return serviceFromInside(ctx, j, origin, clusterIpSvc, 'cluster IP');
  }
  if (lbSvc) {
    if (origin.kind === 'external') return loadBalancerFlow(ctx, j, origin.client, lbSvc);
    // kube-proxy short-circuits traffic to a load balancer IP from inside the cluster.
    return serviceFromInside(
      ctx,
      j,
      origin,
      lbSvc,
      'load balancer IP (short-circuited inside the cluster)',
    );
  }
  const node = ctx.nodeByIp.get(dst);
  if (node) return nodeAddressFlow(ctx, j, origin, node);
  const pod = ctx.podByIp.get(dst);
  if (pod) {
    if (origin.kind === 'external') {
      return unroutableFromOutside(
        j,
        origin.client,
        `${dst} is a pod IP from the cluster CIDR; networks outside the cluster have no route to pod addresses. Reach the pod through a NodePort or LoadBalancer Service or an Ingress.`,
      );
    }
    return podToPod(ctx, j, origin, pod);
  }
  if (origin.kind !== 'external' && isOutsideAddress(ctx, dst))
    return leaveCluster(ctx, j, origin, name);
  startInside(ctx, j, origin);
  j.drop(
    origin.kind === 'external'
      ? clientLocation(origin.client)
      : nodeLocation(originNode(origin) as NodeModel, Place.Node, 'routing table'),
    DropReason.NoRoute,
    `No pod, Service, node or load balancer in the scenario has the address ${dst}, ${origin.kind === 'external' ? 'so the packet has nowhere to go' : "which is inside the cluster's pod or Service range, so nothing answers it"}.`,
  );
  return dropped(j);
}

/** An outside client sends to an address only the cluster knows: the outside network drops it. */
function unroutableFromOutside(j: Journey, client: ExternalClientModel, why: string): Flow {
  const { ip, port } = j.packet.dst;
  j.step(
    clientLocation(client),
    Verdict.Forwarded,
    `${client.name} sends the packet to ${ip}:${port}.`,
  );
  j.drop({ place: Place.Network, device: 'outside' }, DropReason.NoRoute, why);
  return dropped(j);
}

/** The first port a container of the pod declares: what a probe without a port calls. */
export function firstContainerPort(pod: PodModel): number | undefined {
  for (const c of pod.containers) for (const p of c.ports ?? []) return p.containerPort;
  return undefined;
}

/** The port a probe to an address calls when it names none: the Service's or pod's first. */
export function defaultPortFor(ctx: TraceContext, ip: Ipv4): number {
  const svc = ctx.serviceByClusterIp.get(ip) ?? ctx.serviceByLbIp.get(ip);
  if (svc?.ports[0]) return svc.ports[0].port;
  const pod = ctx.podByIp.get(ip);
  return (pod && firstContainerPort(pod)) ?? 80;
}
