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
  /**
   * kube-router: an IP-in-IP tunnel per peer node (`tun-...`), to every peer (`all`, its
   * `--overlay-type=full`) or only to peers outside the node's own subnet (`other-subnets`,
   * the default `--overlay-type=subnet`). Other CNIs use `tunnel` for every peer.
   */
  readonly ipipPerPeer?: 'all' | 'other-subnets';
  /**
   * Pod CIDRs travel on the node network as they are (no overlay between nodes), so something
   * outside the nodes, such as a load balancer with IP targets, can route to pod IPs.
   */
  readonly podsRouted: boolean;
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

/** IP-in-IP: one extra IPv4 header (IP protocol 4), 20 bytes. */
export const IPIP_OVERHEAD = 20;

export function cniProfile(settings: Pick<ClusterSettings, 'cni'>): CniProfile {
  const profile = plainProfile(settings);
  return { ...profile, podsRouted: !profile.tunnel && profile.ipipPerPeer !== 'all' };
}

function plainProfile(settings: Pick<ClusterSettings, 'cni'>): Omit<CniProfile, 'podsRouted'> {
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
    case 'kube-router':
      return {
        plugin,
        mode,
        title:
          mode === 'full'
            ? 'kube-router (IP-in-IP to every node)'
            : mode === 'none'
              ? 'kube-router (BGP routes, no overlay)'
              : 'kube-router (BGP routes, IP-in-IP across subnets)',
        // kube-router's CNI config: the bridge plugin on kube-bridge, host-local IPAM.
        bridge: 'kube-bridge',
        enforcesPolicy: true,
        policyEngine:
          "kube-router's network policy controller (iptables chains KUBE-POD-FW-* and KUBE-NWPLCY-* matching ipsets)",
        ipipPerPeer: mode === 'full' ? 'all' : mode === 'none' ? undefined : 'other-subnets',
        routeSource:
          "kube-router's BGP speaker (iBGP full mesh: every node advertises its pod CIDR to the others)",
        podGateway: 'bridge',
      };
    default: {
      const never: never = plugin;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}

/** What joins the nodes, as the canvas labels the link between them. */
export interface NodeLink {
  /** `VXLAN UDP 8472 · flannel.1`, `BGP routes · no encapsulation`, ... */
  readonly label: string;
  /** Packets between pods on different nodes travel encapsulated. */
  readonly tunnel: boolean;
}

/** A tunnel as its wire and device: `VXLAN UDP 8472 · flannel.1`, `IP-in-IP (protocol 4) · tunl0`. */
export function tunnelLabel(
  outer: Pick<OuterHeader, 'encapsulation' | 'protocol' | 'dstPort' | 'device'>,
): string {
  if (outer.encapsulation === 'WeaveSleeve') return `sleeve UDP ${outer.dstPort} · weave router`;
  const name = outer.encapsulation === 'IPIP' ? 'IP-in-IP' : outer.encapsulation;
  const wire = outer.protocol === 'IPIP' ? '(protocol 4)' : `UDP ${outer.dstPort}`;
  return `${name} ${wire} · ${outer.device}`;
}

/** How the routed (unencapsulated) modes carry pod traffic between nodes. */
const ROUTED_LINK: Readonly<Record<string, string>> = {
  'flannel/host-gw': 'host-gw · routed, no encapsulation',
  'calico/bgp': 'BGP routes · no encapsulation',
  'cilium/native': 'native routing · no encapsulation',
  'kube-router/subnet': 'BGP routes · IP-in-IP across subnets',
  'kube-router/none': 'BGP routes · no encapsulation',
};

/**
 * How a CNI plugin and mode join the nodes. kube-router tunnels per peer (`tun-<peer
 * address>`), so its label names the device by pattern; a trace names the exact one.
 */
export function nodeLinkOf(cni: ClusterSettings['cni']): NodeLink {
  const profile = cniProfile({ cni });
  if (profile.tunnel) return { label: tunnelLabel(profile.tunnel), tunnel: true };
  if (profile.ipipPerPeer === 'all')
    return {
      label: tunnelLabel({ encapsulation: 'IPIP', protocol: 'IPIP', device: 'tun-<peer>' }),
      tunnel: true,
    };
  return {
    label: ROUTED_LINK[`${cni.plugin}/${cni.mode}`] ?? `${cni.plugin} ${cni.mode}`,
    tunnel: false,
  };
}
