/**
 * The moves a packet makes between pods, nodes and the outside, for the cluster's CNI.
 * Each function appends hops to a journey; none decides Service translation or policy.
 */
import type { ExternalClientModel, NodeModel, PodModel, ServiceModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import type { Location, OuterHeader, Packet } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import { IPIP_OVERHEAD } from './cni.ts';
import { defaultRoute, hostGwUnroutable, sameSubnet, subnetRouter } from './l2Adjacency.ts';
import type { TraceContext } from './context.ts';
import type { Journey } from './journey.ts';

export function podLocation(pod: PodModel, device = 'eth0'): Location {
  return { place: Place.PodNetns, device, node: pod.node, at: pod.ref };
}

export function nodeLocation(node: NodeModel, place: Location['place'], device: string): Location {
  return { place, device, node: node.name, at: node.ref };
}

export function clientLocation(client: ExternalClientModel): Location {
  return { place: Place.Client, device: 'eth0', at: client.ref };
}

/** The cloud load balancer of a LoadBalancer Service. */
export function lbLocation(svc: ServiceModel): Location {
  return {
    place: Place.LoadBalancer,
    device: `cloud load balancer ${svc.loadBalancerIP}`,
    at: { kind: 'LoadBalancer', namespace: svc.namespace, name: svc.name },
  };
}

/** The pod sends: out of its eth0 by its default route, across the veth pair onto its node. */
export function leavePod(ctx: TraceContext, j: Journey, pod: PodModel): void {
  const node = ctx.nodeByName.get(pod.node) as NodeModel;
  if (pod.hostNetwork) {
    j.step(
      nodeLocation(node, Place.Node, 'host network'),
      Verdict.Forwarded,
      `${pod.name} uses the node's own network namespace (hostNetwork), so the packet starts in ${node.name}'s stack with the node IP.`,
    );
    return;
  }
  const gateway = ctx.cni.podGateway === 'link-local' ? '169.254.1.1' : node.gateway;
  j.step(
    podLocation(pod),
    Verdict.Forwarded,
    `${pod.name} sends the packet out of eth0; its only route is "default via ${gateway}".`,
    {
      decisions: [{ kind: 'route', summary: `default via ${gateway} dev eth0`, ref: pod.ref }],
    },
  );
  switch (ctx.cni.plugin) {
    case 'cilium':
      j.step(
        nodeLocation(node, Place.Ebpf, pod.hostVeth),
        Verdict.Forwarded,
        `The packet crosses the veth pair to ${pod.hostVeth} on ${node.name}, where Cilium's eBPF program handles it before any bridge or iptables.`,
      );
      return;
    case 'calico':
      j.step(
        nodeLocation(node, Place.Veth, pod.hostVeth),
        Verdict.Forwarded,
        `The packet crosses the veth pair to ${pod.hostVeth} on ${node.name}. Calico answers the pod's ARP for ${gateway} with proxy ARP, so the node routes it; there is no bridge.`,
      );
      return;
    case 'flannel':
    case 'weave':
    case 'kube-router':
      j.step(
        nodeLocation(node, Place.Veth, pod.hostVeth),
        Verdict.Forwarded,
        `The packet crosses the veth pair from the pod's eth0 to ${pod.hostVeth} on ${node.name}, a port of the ${ctx.cni.bridge} bridge.`,
      );
      return;
    default: {
      const never: never = ctx.cni.plugin;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}

/** A node hands a packet to a pod that runs on it. */
export function enterPodFromNode(
  ctx: TraceContext,
  j: Journey,
  node: NodeModel,
  pod: PodModel,
): void {
  if (pod.hostNetwork) {
    j.step(
      nodeLocation(node, Place.Node, 'host network'),
      Verdict.Forwarded,
      `${node.name} hands the packet to its own stack, where ${pod.name} (hostNetwork) listens.`,
    );
    return;
  }
  switch (ctx.cni.plugin) {
    case 'cilium':
      j.step(
        nodeLocation(node, Place.Ebpf, pod.hostVeth),
        Verdict.Forwarded,
        `Cilium's eBPF program redirects the packet straight to ${pod.hostVeth}, the host end of ${pod.name}'s veth (no bridge).`,
        { decisions: [{ kind: 'cni', summary: `bpf_redirect to ${pod.hostVeth}` }] },
      );
      break;
    case 'calico':
      j.step(
        nodeLocation(node, Place.Node, pod.hostVeth),
        Verdict.Forwarded,
        `${node.name} routes by its per-pod route "${pod.ip} dev ${pod.hostVeth} scope link".`,
        { decisions: [{ kind: 'route', summary: `${pod.ip} dev ${pod.hostVeth} scope link` }] },
      );
      break;
    case 'flannel':
    case 'weave':
    case 'kube-router':
      j.step(
        nodeLocation(node, Place.Bridge, ctx.cni.bridge as string),
        Verdict.Forwarded,
        `The ${ctx.cni.bridge} bridge on ${node.name} forwards the frame to port ${pod.hostVeth}, where ${pod.name} is attached.`,
        {
          decisions: [
            {
              kind: 'route',
              summary: `${node.podCidr} dev ${ctx.cni.bridge} proto kernel scope link src ${node.gateway}`,
            },
          ],
        },
      );
      break;
    default: {
      const never: never = ctx.cni.plugin;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
  j.step(
    podLocation(pod),
    Verdict.Forwarded,
    `The packet crosses the veth pair into ${pod.name}'s network namespace and arrives on its eth0 (${pod.ip}).`,
  );
}

/** kube-router names a tunnel after the peer's IP: `tun-` and its digits (at most 11). */
export function kubeRouterTunnelName(peer: Ipv4): string {
  return `tun-${peer.replace(/\./g, '').slice(-11)}`;
}

interface InterNodeTunnel {
  readonly header: Omit<OuterHeader, 'src' | 'dst'>;
  /** The device that unwraps it on the receiving node. */
  readonly decapDevice: string;
  /** Why this pair of nodes is tunnelled, when it depends on the pair. */
  readonly why?: string;
}

/** The encapsulation a packet from one node to another gets, if any. */
export function tunnelBetween(
  ctx: TraceContext,
  from: NodeModel,
  to: NodeModel,
): InterNodeTunnel | undefined {
  if (ctx.cni.tunnel) return { header: ctx.cni.tunnel, decapDevice: ctx.cni.tunnel.device };
  const perPeer = ctx.cni.ipipPerPeer;
  if (!perPeer || (perPeer === 'other-subnets' && sameSubnet(from, to))) return undefined;
  const device = kubeRouterTunnelName(to.ip);
  return {
    header: {
      encapsulation: 'IPIP',
      device,
      protocol: 'IPIP',
      overheadBytes: IPIP_OVERHEAD,
      innerMtu: 1500 - IPIP_OVERHEAD,
    },
    decapDevice: kubeRouterTunnelName(from.ip),
    why:
      perPeer === 'all'
        ? `kube-router runs with --overlay-type=full, so it tunnels to every peer.`
        : `${to.name} (${to.ip}) is outside ${from.name}'s subnet ${from.subnet}, so kube-router (--overlay-type=subnet, its default) tunnels to it instead of routing on the shared segment.`,
  };
}

/** The packet leaves one node for another over the CNI's inter-node path. */
export function crossNodes(ctx: TraceContext, j: Journey, from: NodeModel, to: NodeModel): void {
  const tunnel = tunnelBetween(ctx, from, to);
  if (!tunnel) {
    routeBetweenNodes(ctx, j, from, to);
    return;
  }
  const t = tunnel.header;
  const inner = j.packet;
  const outer = { ...t, src: from.ip, dst: to.ip };
  const wire = t.protocol === 'IPIP' ? 'IP protocol 4' : `UDP port ${t.dstPort}`;
  j.step(
    nodeLocation(from, Place.Tunnel, t.device),
    Verdict.Encapsulated,
    `${tunnel.why ? `${tunnel.why} ` : ''}${from.name} routes ${to.podCidr} to ${t.device}, which wraps the packet in ${t.encapsulation} (${wire}${t.vni !== undefined ? `, VNI ${t.vni}` : ''}) addressed ${from.ip} -> ${to.ip}. The outer headers cost ${t.overheadBytes} bytes, so pods get an MTU of ${t.innerMtu}.`,
    {
      to: { ...inner, outer },
      decisions: [
        {
          kind: 'route',
          summary: `${to.podCidr} via ${to.podCidr.split('/')[0]} dev ${t.device} onlink`,
          rules: [`peer ${to.name} at ${to.ip} known from ${ctx.cni.routeSource}`],
        },
      ],
    },
  );
  j.step(
    { place: Place.Network, device: 'node network', node: to.name },
    Verdict.Forwarded,
    `The encapsulated packet crosses the node network from ${from.ip} to ${to.ip}; switches see only the node addresses.`,
  );
  j.step(
    nodeLocation(to, Place.Tunnel, tunnel.decapDevice),
    Verdict.Decapsulated,
    `${to.name} receives it on ${wire}, ${tunnel.decapDevice} removes the outer headers, and the original packet continues.`,
    { to: { ...j.packet, outer: undefined } },
  );
}

/** No encapsulation: the pod addresses travel on the node network as they are. */
function routeBetweenNodes(ctx: TraceContext, j: Journey, from: NodeModel, to: NodeModel): void {
  const kubeRouter = ctx.cni.plugin === 'kube-router';
  if (hostGwUnroutable(ctx.model.settings, from, to)) {
    hostGwDrop(j, from, to);
    return;
  }
  if (kubeRouter && !sameSubnet(from, to)) {
    // --enable-overlay=false: the peer is not on-link, so the subnet's router must route it.
    const router = subnetRouter(from);
    const at = router ? ` ${router}` : '';
    j.step(
      nodeLocation(from, Place.Node, 'eth0'),
      Verdict.Forwarded,
      `kube-router runs without an overlay (--enable-overlay=false) and ${to.name} (${to.ip}) is outside ${from.name}'s subnet ${from.subnet}, so there is no direct route: the packet goes to the subnet's router${at} with the pod addresses as they are. The routing infrastructure must know ${to.podCidr} (kube-router can advertise pod CIDRs to it over BGP with --peer-router-ips).`,
      {
        decisions: [
          {
            kind: 'route',
            summary: defaultRoute(router),
            rules: [`${to.podCidr} must be routed to ${to.ip} by the network's router`],
          },
        ],
      },
    );
    j.step(
      { place: Place.Network, device: `router${at}`, node: to.name },
      Verdict.Forwarded,
      `The router forwards the packet for ${to.podCidr} to ${to.name} (${to.ip}).`,
    );
  } else {
    const how =
      ctx.cni.plugin === 'calico'
        ? ' (learned over BGP)'
        : kubeRouter
          ? ` (learned over BGP from kube-router on ${to.name}, which is on the same subnet ${from.subnet})`
          : '';
    j.step(
      nodeLocation(from, Place.Node, 'eth0'),
      Verdict.Forwarded,
      `${from.name} routes the packet by "${to.podCidr} via ${to.ip} dev eth0"${how}: no encapsulation, the pod addresses travel on the node network as they are.`,
      {
        decisions: [
          {
            kind: 'route',
            summary: `${to.podCidr} via ${to.ip} dev eth0`,
            rules: [`installed by ${ctx.cni.routeSource}`],
          },
        ],
      },
    );
    crossNodeNetwork(j, from, to);
  }
  receiveOnEth0(j, to, '; it is for a pod CIDR of its own');
}

/**
 * Flannel host-gw toward a node outside this node's subnet (l2Adjacency.ts): no route to its
 * pod subnet, so the default route takes the packet to the subnet's router, which drops it.
 */
function hostGwDrop(j: Journey, from: NodeModel, to: NodeModel): void {
  const router = subnetRouter(from);
  const at = router ? ` ${router}` : '';
  j.step(
    nodeLocation(from, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `Flannel host-gw routes to another node's pods via that node's IP, which must be on-link: it "requires direct layer2 connectivity between hosts" (flannel docs). ${to.name} (${to.ip}) is outside ${from.name}'s subnet ${from.subnet}, so flanneld could not install "${to.podCidr} via ${to.ip}" (the kernel refuses a next hop that is not on-link). The packet follows ${from.name}'s default route to the subnet's router${at}, with the pod addresses as they are.`,
    {
      decisions: [
        {
          kind: 'route',
          summary: `${defaultRoute(router)} (no route for ${to.podCidr})`,
          rules: [
            `${to.podCidr} via ${to.ip} dev eth0: not installed, ${to.ip} is not on-link from ${from.subnet}`,
            ...(router ? [`assumed: the subnet's router is its first address, ${router}`] : []),
          ],
        },
      ],
    },
  );
  j.drop(
    { place: Place.Network, device: `router${at}`, node: from.name },
    DropReason.NoRoute,
    `The router${at} knows the node subnets, not the pod CIDR ${to.podCidr}: under host-gw nothing advertises pod routes to it (PodPath assumes no static route either), so it drops the packet. Flannel VXLAN would tunnel it between the node addresses instead.`,
  );
}

/** Routes a packet from a node toward a pod IP: locally, or across to the pod's node first. */
export function forwardToPod(ctx: TraceContext, j: Journey, from: NodeModel, pod: PodModel): void {
  const target = ctx.nodeByName.get(pod.node) as NodeModel;
  if (target.name !== from.name) crossNodes(ctx, j, from, target);
  if (j.dropped) return;
  enterPodFromNode(ctx, j, target, pod);
}

/**
 * From one node to another by the packet's destination: a node address goes plainly over the
 * node network, a pod address over the CNI's inter-node path.
 */
export function toNode(ctx: TraceContext, j: Journey, from: NodeModel, to: NodeModel): void {
  if (from.name === to.name) return;
  if (ctx.nodeByIp.has(j.packet.dst.ip)) forwardToNodeIp(j, from, to);
  else crossNodes(ctx, j, from, to);
}

/** Unencapsulated node-to-node traffic: addressed to a node IP, routed on the node network. */
export function forwardToNodeIp(j: Journey, from: NodeModel, to: NodeModel): void {
  if (from.name === to.name) return;
  j.step(
    nodeLocation(from, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `The destination ${to.ip} is a node address, so ${from.name} sends it out of eth0 on the node network, without encapsulation.`,
    { decisions: [{ kind: 'route', summary: `${to.ip} dev eth0 (node network)` }] },
  );
  crossNodeNetwork(j, from, to);
  receiveOnEth0(j, to, '');
}

/** The packet on the wire between two nodes, with the addresses it already has. */
function crossNodeNetwork(j: Journey, from: NodeModel, to: NodeModel): void {
  j.step(
    { place: Place.Network, device: 'node network', node: to.name },
    Verdict.Forwarded,
    `The packet crosses the node network from ${from.name} (${from.ip}) to ${to.name} (${to.ip}).`,
  );
}

/** The receiving node takes the packet in on eth0; `why` completes the sentence. */
function receiveOnEth0(j: Journey, to: NodeModel, why: string): void {
  j.step(
    nodeLocation(to, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${to.name} receives the packet on eth0${why}.`,
  );
}

export function fromClientToNode(
  j: Journey,
  client: ExternalClientModel,
  node: NodeModel,
  what: string,
): void {
  j.step(
    clientLocation(client),
    Verdict.Forwarded,
    `${client.name} (${client.ip}) sends the packet to ${what}.`,
  );
  j.step(
    nodeLocation(node, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${node.name} receives it on eth0 (${node.ip}).`,
  );
}

export function fromNodeToClient(j: Journey, node: NodeModel, client: ExternalClientModel): void {
  j.step(
    nodeLocation(node, Place.Node, 'eth0'),
    Verdict.Forwarded,
    `${node.name} sends the reply out of eth0 toward ${client.ip}.`,
  );
}

export function nodeOfPod(ctx: TraceContext, pod: PodModel): NodeModel {
  return ctx.nodeByName.get(pod.node) as NodeModel;
}

export function withSource(p: Packet, ip: Ipv4, port: number): Packet {
  return { ...p, src: { ip, port } };
}

export function withDestination(p: Packet, ip: Ipv4, port: number): Packet {
  return { ...p, dst: { ip, port } };
}

export function swap(p: Packet): Packet {
  return { protocol: p.protocol, src: p.dst, dst: p.src, http: p.http, dns: p.dns };
}
