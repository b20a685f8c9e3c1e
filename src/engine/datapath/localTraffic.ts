/**
 * kube-proxy's local traffic detection (iptables and nftables proxiers, --detect-local-mode
 * ClusterCIDR): the Service's external chain (KUBE-EXT-…) looks at where a packet for a NodePort
 * or load balancer address comes from. Pod traffic (its source is in the cluster CIDR) and
 * traffic the node sends itself (addrtype --src-type LOCAL) skip externalTrafficPolicy: Local
 * and go to the cluster-wide chain; the node's own traffic is masqueraded on the way, pod
 * traffic is not. Under externalTrafficPolicy: Cluster every packet through the external chain
 * is marked for masquerade.
 */
import type { NodeModel, ServiceModel, ServicePortModel } from '../model.ts';
import { cidrContains, type Cidr, type Ipv4 } from '../net.ts';
import type { ProxyMode } from '../spec.ts';
import type { Decision } from '../trace.ts';
import { servicePortName } from './proxyRules.ts';

/** Who kube-proxy's external chain takes the sender for. */
export type LocalTraffic = 'pod' | 'node';

/**
 * What the external chain recognises the source `source` as, arriving at `node`: a pod of the
 * cluster, the node itself, or neither (null). Only kube-proxy's iptables and nftables modes
 * write these rules.
 */
export function detectLocalTraffic(
  mode: ProxyMode,
  clusterCidr: Cidr,
  node: NodeModel,
  source: Ipv4,
): LocalTraffic | null {
  if (mode !== 'iptables' && mode !== 'nftables') return null;
  if (source === node.ip) return 'node';
  if (cidrContains(clusterCidr, source)) return 'pod';
  return null;
}

/** The external chain's rules for local traffic under externalTrafficPolicy: Local. */
export function localTrafficRules(
  svc: ServiceModel,
  port: ServicePortModel,
  clusterCidr: Cidr,
  detected: LocalTraffic,
): string[] {
  const name = servicePortName(svc, port);
  const clusterChain = svc.internalTrafficPolicy === 'Local' ? 'KUBE-SVL-...' : 'KUBE-SVC-...';
  return detected === 'pod'
    ? [
        `-A KUBE-EXT-... -m comment --comment "pod traffic for ${name} external destinations" -s ${clusterCidr} -j ${clusterChain}`,
      ]
    : [
        `-A KUBE-EXT-... -m comment --comment "masquerade LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
        `-A KUBE-EXT-... -m comment --comment "route LOCAL traffic for ${name} external destinations" -m addrtype --src-type LOCAL -j ${clusterChain}`,
      ];
}

/** Why the chain ignored externalTrafficPolicy: Local, in a clause for the DNAT hop. */
export function localTrafficText(detected: LocalTraffic, source: Ipv4, node: NodeModel): string {
  return detected === 'pod'
    ? `; the source ${source} is in the cluster CIDR, so kube-proxy takes it for pod traffic, which skips externalTrafficPolicy: Local and may go to any endpoint, with its source kept`
    : `; the packet comes from ${node.name} itself (source type LOCAL), which skips externalTrafficPolicy: Local and may go to any endpoint, but is masqueraded`;
}

/** The decision behind masquerading a pod's packet for a load balancer address (Cluster policy). */
export function externalMasqueradeDecision(svc: ServiceModel, port: ServicePortModel): Decision {
  return {
    kind: 'kube-proxy',
    summary: 'externalTrafficPolicy: Cluster: the external chain marks every packet for masquerade',
    ref: svc.ref,
    rules: [
      `-A KUBE-EXT-... -m comment --comment "masquerade traffic for ${servicePortName(svc, port)} external destinations" -j KUBE-MARK-MASQ`,
      '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    ],
  };
}
