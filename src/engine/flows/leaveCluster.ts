/**
 * Traffic that leaves the cluster: a pod (or a node) sends to an address that no pod, Service
 * or node of the cluster owns. Egress NetworkPolicy decides first, at the source pod, before any
 * routing; the node's default route takes the packet out of eth0; the CNI's masquerade rule (or
 * ip-masq-agent) rewrites the source to the node's address; the outside answers, and conntrack
 * turns the reply's destination back into the pod's address.
 */
import type { TraceContext } from '../datapath/context.ts';
import { Journey } from '../datapath/journey.ts';
import { masqueradeOnTheWayOut } from '../datapath/masquerade.ts';
import { clientLocation, nodeLocation, swap, withDestination } from '../datapath/paths.ts';
import type { ExternalClientModel, NodeModel } from '../model.ts';
import { cidrContains, type Ipv4 } from '../net.ts';
import { defaultRoute, subnetRouter } from '../datapath/l2Adjacency.ts';
import type { DeliveredOutside, Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { dropped, type Flow } from './flow.ts';
import { startInside, type Origin } from './origin.ts';
import { checkPolicy } from './policyCheck.ts';
import { replyHome } from './steps.ts';

/** Where a packet is once it is past the nodes: the network outside the cluster. */
const OUTSIDE: Location = { place: Place.Network, device: 'outside the cluster' };

/** The simulated host at an outside address no element of the scenario has. */
function outsideHost(ip: Ipv4): Location {
  return { place: Place.Network, device: `host ${ip} (simulated)` };
}

/**
 * Whether an address is outside the cluster: in none of the pod range, the Service range and
 * the nodes' own addresses (an address on the node network that no node has is outside too: a
 * database VM next to the nodes).
 */
export function isOutsideAddress(ctx: TraceContext, ip: Ipv4): boolean {
  const s = ctx.model.settings;
  return (
    !cidrContains(s.clusterCidrParsed, ip) &&
    !cidrContains(s.serviceCidrParsed, ip) &&
    !ctx.nodeByIp.has(ip)
  );
}

/**
 * From a pod or a node to an outside address, through the node's default route. `name` is the
 * outside name the application resolved, when it connected by name.
 */
export function leaveCluster(ctx: TraceContext, j: Journey, origin: Origin, name?: string): Flow {
  if (origin.kind === 'external') throw new Error('leaveCluster starts inside the cluster');
  const node = startInside(ctx, j, origin) as NodeModel;
  const dst = j.packet.dst.ip;
  // Egress policy is the source pod's own business: it decides before any route is looked up.
  if (origin.kind === 'pod' && !checkPolicy(ctx, j, origin.pod, 'Egress', dst)) return dropped(j);
  routeOut(j, node, dst);
  const podIp = j.packet.src.ip;
  const port = j.packet.src.port;
  const snat =
    origin.kind === 'pod' && !origin.pod.hostNetwork
      ? masqueradeOnTheWayOut(ctx, j, origin.pod, node, dst)
      : undefined;
  const element = ctx.clientByIp.get(dst);
  j.step(
    OUTSIDE,
    Verdict.Forwarded,
    `The packet leaves ${node.name} for ${dst}:${j.packet.dst.port} with the source ${j.packet.src.ip}. Beyond the node the outside world is simulated: ${element ? `the scenario places ${element.name} at ${dst}` : `no element of the scenario has ${dst}, so PodPath assumes a host there answers`}.`,
  );
  const outside: DeliveredOutside = {
    ip: dst,
    port: j.packet.dst.port,
    ...(element ? { element: element.ref } : {}),
    ...(name ? { name } : {}),
  };
  if (!arriveOutside(j, element)) return dropped(j);
  const seenSource = j.packet.src.ip;
  const reply = new Journey(swap(j.packet), 'reply');
  reply.step(
    element ? clientLocation(element) : outsideHost(dst),
    Verdict.Forwarded,
    `${element?.name ?? dst} answers ${seenSource}:${port}.`,
  );
  reply.step(
    nodeLocation(node, Place.Node, 'eth0'),
    Verdict.Forwarded,
    snat && !snat.masquerade
      ? `The reply is addressed to the pod IP ${podIp}: it reaches ${node.name} only because the network routes the pod range to the node (assumed here; that is why a destination is left unmasqueraded). Without such a route it would be lost.`
      : `${node.name} receives the reply on eth0 (${node.ip}).`,
  );
  if (snat?.masquerade) {
    reply.step(
      nodeLocation(node, Place.Node, 'conntrack'),
      Verdict.Translated,
      `Conntrack matches the reply to the masqueraded connection and turns its destination ${node.ip}:${port} back into ${podIp}:${port}.`,
      {
        to: withDestination(reply.packet, podIp, port),
        decisions: [
          {
            kind: 'conntrack',
            summary: `reverse MASQUERADE: ${node.ip}:${port} -> ${podIp}:${port}`,
          },
        ],
      },
    );
  }
  replyHome(ctx, reply, node, origin);
  return { request: j, reply, deliveredTo: null, seenSource, outside };
}

/** The node's routing decision: on-link for its own subnet, else its default route. */
function routeOut(j: Journey, node: NodeModel, dst: Ipv4): void {
  const onLink = cidrContains(node.subnet, dst);
  // The router's address is not part of the scenario: the subnet's first address, assumed.
  const router = subnetRouter(node);
  const route = onLink ? `${node.subnet} dev eth0 scope link` : defaultRoute(router);
  j.step(
    nodeLocation(node, Place.Node, 'routing table'),
    Verdict.Forwarded,
    onLink
      ? `${dst} is outside the pod and Service ranges but on ${node.name}'s own subnet ${node.subnet}, so the node sends it straight out of eth0.`
      : `${dst} is in none of the pod range, the Service range and the node addresses, so ${node.name} sends it by its default route to the network's router${router ? ` ${router} (assumed: the subnet's first address)` : ''}.`,
    { decisions: [{ kind: 'route', summary: route }] },
  );
}

/** The outside end: a scenario element that serves the port, or the simulated outside host. */
function arriveOutside(j: Journey, element: ExternalClientModel | undefined): boolean {
  const { port } = j.packet.dst;
  const protocol = j.packet.protocol;
  if (!element) {
    j.step(
      outsideHost(j.packet.dst.ip),
      Verdict.Delivered,
      `The host at ${j.packet.dst.ip} accepts the connection on ${protocol} port ${port} (assumed: the outside world is simulated). It sees the source ${j.packet.src.ip}:${j.packet.src.port}.`,
    );
    return true;
  }
  const ports = element.ports;
  if (ports && !ports.some((p) => p.port === port && p.protocol === protocol)) {
    j.drop(
      clientLocation(element),
      DropReason.NotListening,
      `${element.name} serves ${ports.map((p) => `${p.protocol}/${p.port}`).join(', ')} in the scenario, not ${protocol}/${port}, so it refuses the connection.`,
    );
    return false;
  }
  j.step(
    clientLocation(element),
    Verdict.Delivered,
    `${element.name} (${element.ip}) accepts the connection on ${protocol} port ${port}. It sees the source ${j.packet.src.ip}:${j.packet.src.port}.`,
  );
  return true;
}
