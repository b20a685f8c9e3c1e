/**
 * Who rewrites the source of a pod's packet to an address outside the cluster, and to what:
 * the CNI's masquerade rule (each plugin writes its own), or ip-masq-agent when it runs, or
 * nobody (the pod IP goes out as it is).
 */
import type { NodeModel, PodModel } from '../model.ts';
import { cidrContains, parseCidr, RFC1918_CIDRS, type Cidr, type Ipv4 } from '../net.ts';
import { Place, Verdict } from '../vocabulary.ts';
import type { CniProfile } from './cni.ts';
import type { ClusterIndex } from './context.ts';
import type { Journey } from './journey.ts';
import { nodeLocation, withSource } from './paths.ts';

export interface EgressSnat {
  /** True when the source becomes the node's address. */
  readonly masquerade: boolean;
  /** Who decides, in words (`flanneld --ip-masq`, `ip-masq-agent`). */
  readonly by: string;
  /** Why, in one plain sentence. */
  readonly why: string;
  /** The rules as the component writes them (abridged). */
  readonly rules: readonly string[];
}

/** ip-masq-agent's defaults when its config lists no ranges: the three RFC 1918 ranges. */
export const IP_MASQ_AGENT_DEFAULT_CIDRS = RFC1918_CIDRS;
const LINK_LOCAL = '169.254.0.0/16' as Cidr;

/** What happens to the source of a packet from `pod` on `node` to the outside address `dst`. */
export function egressSnat(
  ctx: Pick<ClusterIndex, 'model' | 'cni'>,
  pod: PodModel,
  node: NodeModel,
  dst: Ipv4,
): EgressSnat {
  const settings = ctx.model.settings;
  const agent = settings.ipMasqAgent;
  if (agent) {
    const listed = agent.nonMasqueradeCIDRs ?? IP_MASQ_AGENT_DEFAULT_CIDRS;
    const ranges = listed.flatMap((c) => parseCidr(c) ?? []);
    const keep = [...(agent.masqLinkLocal ? [] : [LINK_LOCAL]), ...ranges];
    const rules = [
      ...keep.map((c) => `-A IP-MASQ-AGENT -d ${c} -j RETURN`),
      '-A IP-MASQ-AGENT -j MASQUERADE',
    ];
    const hit = keep.find((c) => cidrContains(c, dst));
    return hit
      ? {
          masquerade: false,
          by: 'ip-masq-agent',
          why: `ip-masq-agent lists ${hit} ${hit === LINK_LOCAL ? '(link-local, not masqueraded unless masqLinkLocal is set)' : 'in nonMasqueradeCIDRs'}, so its chain returns early and the packet keeps the pod IP ${pod.ip}.`,
          rules,
        }
      : {
          masquerade: true,
          by: 'ip-masq-agent',
          why: `${dst} is in none of ip-masq-agent's nonMasqueradeCIDRs (${keep.join(', ')}), so the last rule of its chain masquerades the packet to ${node.name}'s address ${node.ip}.`,
          rules,
        };
  }
  const own = cniMasquerade(ctx.cni, ctx.model.settings.clusterCidrParsed, node);
  if (ctx.cni.plugin === 'kube-router' && ctx.model.nodes.some((n) => n.ip === dst)) {
    return {
      masquerade: false,
      by: own.by,
      why: `${dst} is a node address, which kube-router's masquerade rule leaves out (its kube-router-node-ips set), so the packet keeps the pod IP ${pod.ip}.`,
      rules: own.rules,
    };
  }
  if (settings.egressMasquerade === false) {
    return {
      masquerade: false,
      by: own.by,
      why: `${own.off}, so nothing rewrites the source: the packet leaves with the pod IP ${pod.ip}.`,
      rules: [],
    };
  }
  return {
    masquerade: true,
    by: own.by,
    why: `${own.on}: ${dst} is outside the pod range ${ctx.model.settings.clusterCidrParsed}, so the source ${pod.ip} becomes ${node.name}'s address ${node.ip}.`,
    rules: own.rules,
  };
}

interface CniMasquerade {
  readonly by: string;
  /** The sentence that says the rule is on, and the one that says it is off. */
  readonly on: string;
  readonly off: string;
  readonly rules: readonly string[];
}

/**
 * Each CNI's own rule, as its project documents it: flanneld's `--ip-masq` chain
 * FLANNEL-POSTRTG; Felix's `cali-nat-outgoing` for a pool with natOutgoing; Cilium's masquerading
 * (enable-ipv4-masquerade, iptables or eBPF); Weave Net's WEAVE chain; kube-router's
 * `--enable-pod-egress` rule over its pod-subnet ipset.
 */
function cniMasquerade(cni: CniProfile, cluster: Cidr, node: NodeModel): CniMasquerade {
  switch (cni.plugin) {
    case 'flannel':
      return {
        by: 'flanneld --ip-masq',
        on: `flanneld runs with --ip-masq (the default in kube-flannel.yml) and masquerades every packet from the pod network to a destination outside it`,
        off: 'flanneld runs without --ip-masq',
        rules: [
          `-A FLANNEL-POSTRTG -s ${cluster} -d ${cluster} -j RETURN`,
          `-A FLANNEL-POSTRTG -s ${cluster} ! -d 224.0.0.0/4 -j MASQUERADE --random-fully`,
        ],
      };
    case 'calico':
      return {
        by: 'Felix (IP pool natOutgoing: true)',
        on: `The IP pool ${cluster} has natOutgoing: true (the default pool's setting), so Felix masquerades pod traffic to destinations outside every Calico pool`,
        off: `The IP pool ${cluster} has natOutgoing: false`,
        rules: [
          '-A cali-nat-outgoing -m set --match-set cali40masq-ipam-pools src -m set ! --match-set cali40all-ipam-pools dst -j MASQUERADE',
        ],
      };
    case 'cilium':
      return {
        by: 'Cilium masquerading (enable-ipv4-masquerade: true)',
        on: `Cilium masquerades traffic leaving the cluster to the node's address (enable-ipv4-masquerade: true, its default)`,
        off: 'Cilium runs with enable-ipv4-masquerade: false',
        rules: [
          `SNAT ${node.podCidr} -> ${node.ip} for destinations outside ${cluster} (the native routing CIDR), leaving by eth0`,
        ],
      };
    case 'weave':
      return {
        by: 'Weave Net (WEAVE nat chain)',
        on: `Weave Net masquerades traffic from the Weave network to a destination outside it`,
        off: 'Weave Net is set not to masquerade',
        rules: [`-A WEAVE -s ${cluster} ! -d ${cluster} -j MASQUERADE`],
      };
    case 'kube-router':
      return {
        by: 'kube-router --enable-pod-egress',
        on: `kube-router runs with --enable-pod-egress (its default) and masquerades pod traffic to destinations outside the pod subnets and the nodes`,
        off: 'kube-router runs with --enable-pod-egress=false',
        rules: [
          '-A POSTROUTING -m set --match-set kube-router-pod-subnets src -m set ! --match-set kube-router-pod-subnets dst -m set ! --match-set kube-router-node-ips dst -j MASQUERADE',
        ],
      };
    default: {
      const never: never = cni.plugin;
      throw new Error(`unknown CNI ${String(never)}`);
    }
  }
}

/**
 * Adds the hop where the packet from `pod` to `dst` leaves `node` by eth0: masqueraded to the
 * node's address (Translated, with the rule), or told why it keeps the pod IP. Returns what
 * happened, so the reply can be turned back.
 */
export function masqueradeOnTheWayOut(
  ctx: Pick<ClusterIndex, 'model' | 'cni'>,
  j: Journey,
  pod: PodModel,
  node: NodeModel,
  dst: Ipv4,
): EgressSnat {
  const snat = egressSnat(ctx, pod, node, dst);
  const from = j.packet.src;
  if (snat.masquerade) {
    j.step(
      nodeLocation(node, Place.Node, 'eth0'),
      Verdict.Translated,
      `${snat.why} Conntrack records the rewrite so the reply can be turned back.`,
      {
        to: withSource(j.packet, node.ip, from.port),
        decisions: [
          {
            kind: 'cni',
            summary: `MASQUERADE ${from.ip} -> ${node.ip} (${snat.by})`,
            rules: snat.rules,
          },
        ],
      },
    );
  } else {
    j.step(nodeLocation(node, Place.Node, 'eth0'), Verdict.Forwarded, snat.why, {
      decisions: [{ kind: 'cni', summary: `no masquerade (${snat.by})`, rules: snat.rules }],
    });
  }
  return snat;
}
