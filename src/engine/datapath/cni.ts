/**
 * What each CNI plugin does with a packet: the devices on a node, how a pod's packet reaches a
 * pod on the same node, and how it crosses to another node (route, encapsulation, MTU cost).
 */
import type { ClusterSettings, CniMode, CniPlugin } from '../spec.ts';
import type { OuterHeader } from '../trace.ts';

export interface CniProfile {
  readonly plugin: CniPlugin;
  readonly mode: CniMode;
  readonly title: string;
  /** The bridge pods hang off, or undefined when the CNI routes (Calico) or redirects (Cilium). */
  readonly bridge?: string;
  readonly enforcesPolicy: boolean;
  /** Who enforces NetworkPolicy, in words. */
  readonly policyEngine?: string;
  readonly tunnel?: Omit<OuterHeader, 'src' | 'dst'>;
  /** For plain routing between nodes: what installs the route. */
  readonly routeSource: string;
  /** The pod's default gateway as the pod sees it. */
  readonly podGateway: 'bridge' | 'link-local';
}

const BASE_MTU = 1500;

function tunnel(
  encapsulation: OuterHeader['encapsulation'],
  device: string,
  protocol: OuterHeader['protocol'],
  overheadBytes: number,
  dstPort?: number,
  vni?: number,
): Omit<OuterHeader, 'src' | 'dst'> {
  return {
    encapsulation,
    device,
    protocol,
    overheadBytes,
    innerMtu: BASE_MTU - overheadBytes,
    dstPort,
    vni,
  };
}

export function cniProfile(settings: ClusterSettings): CniProfile {
  const { plugin, mode } = settings.cni;
  switch (plugin) {
    case 'flannel':
      return {
        plugin,
        mode,
        title: mode === 'host-gw' ? 'Flannel host-gw' : 'Flannel VXLAN',
        bridge: 'cni0',
        enforcesPolicy: false,
        tunnel: mode === 'host-gw' ? undefined : tunnel('VXLAN', 'flannel.1', 'UDP', 50, 8472, 1),
        routeSource: 'flanneld (host-gw: one route per node, needs one L2 segment)',
        podGateway: 'bridge',
      };
    case 'calico':
      return {
        plugin,
        mode,
        title:
          mode === 'ipip' ? 'Calico IP-in-IP' : mode === 'vxlan' ? 'Calico VXLAN' : 'Calico BGP',
        enforcesPolicy: true,
        policyEngine: 'Felix (iptables rules on the cali* interface)',
        tunnel:
          mode === 'ipip'
            ? tunnel('IPIP', 'tunl0', 'IPIP', 20)
            : mode === 'vxlan'
              ? tunnel('VXLAN', 'vxlan.calico', 'UDP', 50, 4789, 4096)
              : undefined,
        routeSource: 'BIRD (routes learned over BGP from the peer node)',
        podGateway: 'link-local',
      };
    case 'cilium':
      return {
        plugin,
        mode,
        title:
          mode === 'geneve'
            ? 'Cilium Geneve'
            : mode === 'native'
              ? 'Cilium native routing'
              : 'Cilium VXLAN',
        enforcesPolicy: true,
        policyEngine: 'Cilium eBPF (identity-based, at the lxc* interface)',
        tunnel:
          mode === 'geneve'
            ? tunnel('Geneve', 'cilium_geneve', 'UDP', 50, 6081)
            : mode === 'native'
              ? undefined
              : tunnel('VXLAN', 'cilium_vxlan', 'UDP', 50, 8472),
        routeSource: 'the node routing table (native routing: routes to each peer pod CIDR)',
        podGateway: 'bridge',
      };
    case 'weave':
      return {
        plugin,
        mode,
        title: mode === 'sleeve' ? 'Weave Net sleeve' : 'Weave Net fast datapath',
        bridge: 'weave',
        enforcesPolicy: true,
        policyEngine: 'weave-npc (iptables)',
        tunnel:
          mode === 'sleeve'
            ? tunnel('WeaveSleeve', 'weave router (sleeve)', 'UDP', 124, 6783)
            : tunnel('VXLAN', 'vxlan-6784', 'UDP', 124, 6784),
        routeSource: 'the Weave router mesh (every peer knows every other peer)',
        podGateway: 'bridge',
      };
    default: {
      const never: never = plugin;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}
