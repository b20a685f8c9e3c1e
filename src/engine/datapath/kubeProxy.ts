/**
 * kube-proxy (and what replaces it: Cilium's eBPF service map, kube-router's IPVS): which
 * endpoints a Service port has on a node, how one is chosen, and when the node masquerades.
 * The rules each mode writes are in proxyRules.ts.
 */
import { fnv1a } from '../hash.ts';
import type { EndpointModel, NodeModel, ServiceModel, ServicePortModel } from '../model.ts';
import { cidrContains, type Ipv4, type Protocol } from '../net.ts';
import type { ProxyMode } from '../spec.ts';
import type { LoadBalancingCandidate, Location } from '../trace.ts';
import { DropReason, Place, Verdict } from '../vocabulary.ts';
import type { TraceContext } from './context.ts';
import type { Journey } from './journey.ts';
import { podLocation, withSource } from './paths.ts';
import {
  hairpinMasqueradeDecision,
  kubeRouterMasqueradeRule,
  nodePortMasqueradeDecision,
  proxyRules,
} from './proxyRules.ts';

export interface EndpointChoice {
  readonly endpoint: EndpointModel;
  readonly candidates: readonly LoadBalancingCandidate[];
  readonly rules: readonly string[];
  readonly how: string;
}

/**
 * Picks one endpoint among the candidates the way the proxy mode does. With ClientIP session
 * affinity the choice depends on the client address only, so repeated requests stick.
 */
export function chooseEndpoint(
  mode: ProxyMode,
  svc: ServiceModel,
  port: ServicePortModel,
  vip: Ipv4,
  vipPort: number,
  candidates: readonly EndpointModel[],
  clientIp: Ipv4,
  random: () => number,
): EndpointChoice {
  const n = candidates.length;
  const affinity = svc.sessionAffinity === 'ClientIP';
  const index = affinity ? fnv1a(clientIp) % n : Math.min(n - 1, Math.floor(random() * n));
  const rules = proxyRules(mode, svc, port, vip, vipPort, candidates);
  const how = affinity
    ? `sessionAffinity ClientIP pins ${clientIp} to one endpoint for ${svc.sessionAffinityTimeoutSeconds} s`
    : mode === 'ipvs' || mode === 'kube-router'
      ? 'the IPVS rr scheduler takes the next real server in turn'
      : mode === 'ebpf'
        ? 'the eBPF service map picks a backend slot at random'
        : mode === 'nftables'
          ? 'numgen random picks one element of the verdict map, each equally likely'
          : 'the statistic match gives endpoint i of n the probability 1/(n-i), so each is equally likely';
  return {
    endpoint: candidates[index],
    candidates: loadBalancingCandidates(candidates, index, (i) =>
      affinity ? (i === index ? 1 : 0) : 1 / n,
    ),
    rules,
    how,
  };
}

/**
 * The endpoints a load balancer chooses among, as the trace shows them, the chosen one marked.
 * Each is equally likely unless `probability` says otherwise.
 */
export function loadBalancingCandidates(
  endpoints: readonly EndpointModel[],
  chosen: number,
  probability: (index: number) => number = () => 1 / endpoints.length,
): LoadBalancingCandidate[] {
  return endpoints.map((e, i) => ({
    label: `${e.pod.namespace}/${e.pod.name}`,
    endpoint: { ip: e.ip, port: e.port },
    pod: e.pod.ref,
    node: e.pod.node,
    probability: probability(i),
    chosen: i === chosen,
  }));
}

export function findServicePort(
  svc: ServiceModel,
  port: number,
  protocol: Protocol,
  byNodePort = false,
): number {
  return svc.ports.findIndex(
    (p) => (byNodePort ? p.nodePort === port : p.port === port) && p.protocol === protocol,
  );
}

const PROXY_DEVICE: Record<ProxyMode, string> = {
  iptables: 'iptables nat (KUBE-SERVICES)',
  ipvs: 'IPVS (kube-ipvs0)',
  nftables: 'nftables (table ip kube-proxy)',
  ebpf: 'eBPF service map',
  'kube-router': 'IPVS (kube-dummy-if, kube-router)',
};

export function proxyLocation(ctx: TraceContext, node: NodeModel, svc: ServiceModel): Location {
  return {
    place: Place.KubeProxy,
    device: PROXY_DEVICE[ctx.proxyMode],
    node: node.name,
    at: svc.ref,
  };
}

export function proxyName(ctx: TraceContext): string {
  return ctx.proxyMode === 'ebpf'
    ? "Cilium's kube-proxy replacement"
    : ctx.proxyMode === 'kube-router'
      ? "kube-router's service proxy (IPVS, in place of kube-proxy)"
      : `kube-proxy (${ctx.proxyMode} mode)`;
}

/** Ready endpoints of one Service port (on one node), kept per model: the lists never change. */
const candidateCache = new WeakMap<
  readonly EndpointModel[],
  Map<string, readonly EndpointModel[]>
>();

export function endpointCandidates(
  svc: ServiceModel,
  portIndex: number,
  localTo?: NodeModel,
): readonly EndpointModel[] {
  const all = svc.endpoints[portIndex];
  let byNode = candidateCache.get(all);
  if (!byNode) {
    byNode = new Map();
    candidateCache.set(all, byNode);
  }
  const key = localTo?.name ?? '';
  let list = byNode.get(key);
  if (!list) {
    const ready = all.filter((e) => e.ready);
    list = localTo ? ready.filter((e) => e.pod.node === localTo.name) : ready;
    byNode.set(key, list);
  }
  return list;
}

export function noEndpointsText(svc: ServiceModel, portIndex: number): string {
  const notReady = svc.endpoints[portIndex].filter((e) => !e.ready).length;
  if (svc.selectedPods.length === 0)
    return `the selector ${
      Object.entries(svc.selector ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(',') || '(none)'
    } matches no pod`;
  if (notReady > 0)
    return `${notReady} selected pod${notReady > 1 ? 's are' : ' is'} not Ready, and a pod that is not Ready is not an endpoint`;
  return 'no selected pod has the target port';
}

/**
 * The source a hairpin connection is masqueraded to. MASQUERADE takes the address of the
 * interface the packet leaves by: the bridge, or for Calico (no bridge, address-less cali*
 * veths) the node's own address.
 */
export function hairpinAddress(ctx: TraceContext, node: NodeModel): Ipv4 {
  return ctx.cni.plugin === 'calico' ? node.ip : node.gateway;
}

/**
 * Whether traffic that arrived for a nodePort is masqueraded to the node's address before it
 * goes on. kube-router masquerades IPVS traffic that neither comes from nor goes to this node's
 * pods (its masquerade rule: ! -s podCIDR ! -d podCIDR); kube-proxy masquerades all traffic
 * from outside under the Cluster policy. Local keeps the source.
 */
export function masqueradesNodePort(
  mode: ProxyMode,
  local: boolean,
  node: NodeModel,
  endpointIp: Ipv4,
  source: Ipv4,
): boolean {
  return (
    !local &&
    (mode !== 'kube-router' ||
      (!cidrContains(node.podCidr, endpointIp) && !cidrContains(node.podCidr, source)))
  );
}

/**
 * The hairpin masquerade: the chosen endpoint is the client itself, and without SNAT it would
 * answer its own address directly, so its endpoint chain marks the packet and the source
 * becomes `masq`.
 */
export function masqueradeHairpin(
  j: Journey,
  at: Location,
  masq: Ipv4,
  endpointIp: Ipv4,
  explanation: string,
): void {
  j.step(at, Verdict.Translated, explanation, {
    to: withSource(j.packet, masq, j.packet.src.port),
    decisions: [hairpinMasqueradeDecision(endpointIp)],
  });
}

/**
 * kube-router and a hairpin connection: kube-router docs, "Hairpin Mode": not supported unless
 * --hairpin-mode or the kube-router.io/service.hairpin annotation asks for it.
 */
export function refuseHairpin(
  ctx: TraceContext,
  j: Journey,
  svc: ServiceModel,
  ep: EndpointModel,
  vip: Ipv4,
  vipPort: number,
): void {
  j.step(
    podLocation(ep.pod),
    Verdict.Forwarded,
    `The chosen endpoint is ${ep.pod.name} itself (hairpin). kube-router does not masquerade hairpin traffic by default, so the packet comes back into ${ep.pod.name} from its own address ${ep.pod.ip}, reflected by the hairpin port of ${ctx.cni.bridge ?? 'the bridge'}.`,
  );
  j.drop(
    podLocation(ep.pod, `${j.packet.protocol}/${ep.port}`),
    DropReason.HairpinNotSupported,
    `${ep.pod.name} answers its own address ${ep.ip} directly, inside the pod, so the answer never passes IPVS to be turned back into ${vip}:${vipPort}; the client socket, connected to ${vip}:${vipPort}, does not recognise it and the connection fails. kube-router supports hairpin traffic only with --hairpin-mode or the annotation kube-router.io/service.hairpin on the Service.`,
    [
      {
        kind: 'kube-proxy',
        summary: 'kube-router: no hairpin masquerade rule for this Service',
        ref: svc.ref,
        rules: [
          'kube-router --hairpin-mode=false (default)',
          'no kube-router.io/service.hairpin annotation',
        ],
      },
    ],
  );
}

/**
 * The node's masquerade of nodePort traffic under externalTrafficPolicy: Cluster (see
 * masqueradesNodePort), or for kube-router why the source is kept. Local keeps the source
 * without a word.
 */
export function masqueradeNodePort(
  ctx: TraceContext,
  j: Journey,
  at: Location,
  node: NodeModel,
  ep: EndpointModel,
  snat: boolean,
  local: boolean,
): void {
  const arriving = j.packet.src.ip;
  if (snat) {
    j.step(
      at,
      Verdict.Translated,
      ctx.proxyMode === 'kube-router'
        ? `externalTrafficPolicy is Cluster and ${ep.pod.name} runs on ${ep.pod.node}, not on ${node.name}, so kube-router's masquerade rule applies: the source ${arriving}:${j.packet.src.port} becomes the node's own address ${node.ip} (SNAT). The reply must come back through ${node.name} to be un-translated, and the backend never sees the client's IP.`
        : `externalTrafficPolicy is Cluster, so ${node.name} masquerades: the source ${arriving}:${j.packet.src.port} becomes the node's own address ${node.ip} (SNAT). The reply must come back through ${node.name} to be un-translated, and the backend never sees the client's IP.`,
      {
        to: withSource(j.packet, node.ip, j.packet.src.port),
        decisions: [nodePortMasqueradeDecision(ctx.proxyMode, node)],
      },
    );
  } else if (!local) {
    j.step(
      at,
      Verdict.Forwarded,
      `externalTrafficPolicy is Cluster, but kube-router masquerades only traffic for endpoints on other nodes (or from outside this node's pods): ${ep.pod.name} runs on ${node.name} itself, so the source ${arriving} is kept.`,
      {
        decisions: [
          {
            kind: 'kube-proxy',
            summary: `kube-router: no SNAT, the endpoint ${ep.ip} is in this node's ${node.podCidr}`,
            rules: [kubeRouterMasqueradeRule(node)],
          },
        ],
      },
    );
  }
}
