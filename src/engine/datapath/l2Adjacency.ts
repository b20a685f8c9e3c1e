/**
 * Flannel host-gw needs the nodes on one layer-2 segment. flanneld's host-gw backend installs,
 * for each other node, a route to its pod subnet via that node's public IP (flannel
 * Documentation/backends.md: host-gw "creates IP routes to subnets via remote machine IPs.
 * Requires direct layer2 connectivity between hosts running flannel"). A next hop outside the
 * node's own subnet is not on-link, so the kernel refuses the route ("network is unreachable")
 * and flanneld logs the error. What PodPath then assumes, as the kube-router overlay-less case
 * does: the packet follows the node's default route to the subnet's router (the subnet's first
 * address), which knows the node subnets but not the pod CIDRs (nothing advertises them to it
 * under host-gw), and drops it.
 */
import type { ClusterSettings } from '../spec.ts';
import type { NodeModel } from '../model.ts';
import { cidrContains, cidrRange, nthAddress, type Ipv4 } from '../net.ts';

/** Whether `to` is on `from`'s own subnet, judged by from's interface (kube-router, host-gw). */
export function sameSubnet(from: NodeModel, to: NodeModel): boolean {
  return cidrContains(from.subnet, to.ip);
}

/** Whether a host-gw route from one node to another's pod subnet cannot be installed. */
export function hostGwUnroutable(
  settings: Pick<ClusterSettings, 'cni'>,
  from: NodeModel,
  to: NodeModel,
): boolean {
  return (
    settings.cni.plugin === 'flannel' &&
    settings.cni.mode === 'host-gw' &&
    from.name !== to.name &&
    !sameSubnet(from, to)
  );
}

/**
 * The router a node's default route points at: its subnet's first address (assumed, the
 * scenario does not name it). A /31 or /32 has no room for a router beside the node, so there
 * is none to name: undefined.
 */
export function subnetRouter(node: NodeModel): Ipv4 | undefined {
  return cidrRange(node.subnet).size > 2 ? nthAddress(node.subnet, 1) : undefined;
}

/** The default route as `ip route` prints it, with the router when there is one to name. */
export function defaultRoute(router: Ipv4 | undefined): string {
  return `default ${router ? `via ${router} ` : ''}dev eth0`;
}

/**
 * The warning for the cluster settings when host-gw is chosen and the nodes are on more than one
 * subnet; undefined when host-gw can route between every pair.
 */
export function hostGwAdjacencyWarning(
  settings: Pick<ClusterSettings, 'cni'>,
  nodes: readonly NodeModel[],
): string | undefined {
  for (const a of nodes) {
    const b = nodes.find((n) => hostGwUnroutable(settings, a, n));
    if (!b) continue;
    const subnets = [...new Set(nodes.map((n) => n.subnet))];
    return `Flannel host-gw needs every node on one layer-2 segment, but the nodes are on ${subnets.length} subnets (${subnets.join(', ')}): ${a.name} cannot route ${b.podCidr} via ${b.name} (${b.ip}), which is not on-link, so pod traffic between them is dropped. Use VXLAN, or put the nodes on one subnet.`;
  }
  return undefined;
}
