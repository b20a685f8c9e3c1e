import { cniProfile } from './datapath/cni.ts';
import { fnv1a, hex } from './hash.ts';
import { apiServerEndpointPods, isApiServerService } from './apiServer.ts';
import { buildExternalClients } from './cluster/externalClients.ts';
import type {
  ClusterModel,
  Diagnostic,
  EndpointModel,
  NamespaceModel,
  NodeModel,
  PodModel,
  ResolvedSettings,
  ServiceModel,
  ServicePortModel,
} from './model.ts';
import {
  cidr,
  cidrContains,
  cidrRange,
  cidrsOverlap,
  coveringCidr,
  rangeWithin,
  widenCidr,
  type CidrRange,
  intToIpv4,
  ipv4ToInt,
  nthAddress,
  parseCidr,
  parseIpv4,
  parsePortRange,
  subnetOf,
  type Cidr,
  type Ipv4,
} from './net.ts';
import { matchesServiceSelector } from './selectors.ts';
import {
  CNI_MODES,
  DEFAULT_NAMESPACE,
  DEFAULT_SETTINGS,
  IngressControllerType,
  LoadBalancerMode,
  ProxyMode,
  proxyFitsCni,
  type CniMode,
  type ClusterSettings,
  type ClusterSpec,
  type Labels,
  type PodSpec,
  type ServiceSpec,
} from './spec.ts';
import {
  addSystemObjects,
  DNS_NAMESPACE,
  DNS_SERVICE,
  SYSTEM_NAMESPACES,
} from './systemObjects.ts';
import type { ObjectRef } from './trace.ts';

/** A cloud provider's pool for LoadBalancer addresses (TEST-NET-3, documentation range). */
const LOAD_BALANCER_POOL = cidr('203.0.113.0/24');

/**
 * Builds the cluster model from a spec: allocates what Kubernetes would allocate, resolves
 * Service endpoints from selectors and readiness, and reports conflicts as diagnostics.
 */
export function buildCluster(input: ClusterSpec): ClusterModel {
  const diagnostics: Diagnostic[] = [];
  const parsed = resolveSettings(input.settings ?? DEFAULT_SETTINGS, diagnostics);
  const spec = addSystemObjects(input, parsed);
  const settings = followExplicitAddresses(spec, parsed, diagnostics);

  const nodes = buildNodes(spec, settings, diagnostics);
  const namespaces = buildNamespaces(spec);
  const pods = buildPods(spec, settings, nodes, diagnostics);
  const services = buildServices(spec, settings, nodes, pods, diagnostics);
  const externalClients = buildExternalClients(spec, diagnostics);

  return {
    settings,
    nodes,
    namespaces,
    pods,
    services,
    ingresses: spec.ingresses ?? [],
    networkPolicies: spec.networkPolicies ?? [],
    externalClients,
    gatewayClasses: spec.gatewayClasses ?? [],
    gateways: spec.gateways ?? [],
    httpRoutes: spec.httpRoutes ?? [],
    referenceGrants: spec.referenceGrants ?? [],
    ciliumPolicies: spec.ciliumPolicies ?? [],
    diagnostics,
  };
}

function resolveSettings(s: ClusterSettings, diagnostics: Diagnostic[]): ResolvedSettings {
  const field = <T>(
    name: keyof ClusterSettings,
    value: T | undefined,
    fallback: T,
    what: string,
  ): T => {
    if (value !== undefined) return value;
    diagnostics.push({
      severity: 'error',
      message: `${what} "${String(s[name])}" is not valid; using ${String(fallback)}.`,
      field: `settings.${name}`,
    });
    return fallback;
  };
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const defaultCluster = cidr(DEFAULT_SETTINGS.clusterCidr);
  let mask = s.nodeCidrMaskSize ?? 24;
  if (!Number.isInteger(mask) || mask < 8 || mask > 30) {
    diagnostics.push({
      severity: 'error',
      message: `Node pod CIDR size /${String(mask)} is not valid; using /24.`,
      field: 'settings.nodeCidrMaskSize',
    });
    mask = 24;
  }
  const defaultService = cidr(DEFAULT_SETTINGS.serviceCidr);
  const clusterCidrParsed = notTooWide(
    roomy(
      'clusterCidr',
      field('clusterCidr', parseCidr(text(s.clusterCidr)), defaultCluster, 'Cluster CIDR'),
      defaultCluster,
      diagnostics,
    ),
    mask,
    defaultCluster,
    diagnostics,
  );
  const serviceCidrParsed = roomy(
    'serviceCidr',
    field('serviceCidr', parseCidr(text(s.serviceCidr)), defaultService, 'Service CIDR'),
    defaultService,
    diagnostics,
  );
  const nodeNetworkParsed = field(
    'nodeNetwork',
    parseCidr(text(s.nodeNetwork)),
    cidr(DEFAULT_SETTINGS.nodeNetwork),
    'Node network',
  );
  const nodePorts = field(
    'nodePortRange',
    parsePortRange(text(s.nodePortRange)),
    { from: 30000, to: 32767 },
    'NodePort range',
  );
  const cni = resolveCni(s, diagnostics);
  let proxyMode: ProxyMode = s.proxyMode;
  if (!(Object.values(ProxyMode) as string[]).includes(proxyMode)) {
    diagnostics.push({
      severity: 'error',
      message: `kube-proxy mode "${String(proxyMode)}" is not one of ${Object.values(ProxyMode).join(', ')}; using iptables.`,
      field: 'settings.proxyMode',
    });
    proxyMode = 'iptables';
  } else if (!proxyFitsCni(proxyMode, cni.plugin)) {
    // The eBPF kube-proxy replacement is part of Cilium; the datapath falls back to iptables.
    diagnostics.push({
      severity: 'error',
      message: `The eBPF kube-proxy replacement is part of Cilium; with ${cni.plugin} there is none, so kube-proxy is simulated in iptables mode. Choose Cilium as the CNI or another kube-proxy mode.`,
      field: 'settings.proxyMode',
    });
  }
  let ingressControllerType = s.ingressControllerType;
  if (
    ingressControllerType !== undefined &&
    !Object.hasOwn(IngressControllerType, ingressControllerType)
  ) {
    diagnostics.push({
      severity: 'error',
      message: `Ingress controller "${String(ingressControllerType)}" is not one of ${Object.values(IngressControllerType).join(', ')}; using nginx.`,
      field: 'settings.ingressControllerType',
    });
    ingressControllerType = 'nginx';
  }
  let loadBalancer = s.loadBalancer;
  if (loadBalancer !== undefined && !Object.hasOwn(LoadBalancerMode, loadBalancer)) {
    diagnostics.push({
      severity: 'error',
      message: `Load balancer mode "${String(loadBalancer)}" is not one of ${Object.values(LoadBalancerMode).join(', ')}; using nodeport.`,
      field: 'settings.loadBalancer',
    });
    loadBalancer = 'nodeport';
  }
  return {
    ...s,
    cni,
    proxyMode,
    ingressControllerType,
    loadBalancer,
    clusterCidr: clusterCidrParsed,
    serviceCidr: serviceCidrParsed,
    nodeNetwork: nodeNetworkParsed,
    nodeCidrMaskSize: mask,
    clusterDomain: s.clusterDomain || DEFAULT_SETTINGS.clusterDomain,
    clusterCidrParsed,
    serviceCidrParsed,
    nodeNetworkParsed,
    nodePorts,
    // kubeadm's convention: the tenth address of the Service range.
    dnsServiceIp: nthAddress(serviceCidrParsed, 10),
  };
}

/**
 * The narrowest ranges the model can lay out. kubeadm puts cluster DNS at the tenth address of
 * the Service range and refuses a range without one (cmd/kubeadm/app/constants GetDNSIP, via
 * netutils.GetIndexedIP), so /28 is the narrowest; a node's pod range holds its network address,
 * the bridge at .1 and at least one pod, so /30. A pod range wider than /8 is not a node's share.
 */
export const RANGE_LIMITS = {
  serviceCidr: { narrowest: 28, why: 'cluster DNS sits at its tenth address (kubeadm)' },
  clusterCidr: { narrowest: 30, why: "a node's pod range needs a gateway and a pod address" },
  podCidr: { narrowest: 30, widest: 8 },
} as const;

function roomy(
  name: 'serviceCidr' | 'clusterCidr',
  value: Cidr,
  fallback: Cidr,
  diagnostics: Diagnostic[],
): Cidr {
  const { narrowest, why } = RANGE_LIMITS[name];
  if (cidrRange(value).prefix <= narrowest) return value;
  const label = name === 'serviceCidr' ? 'Service CIDR' : 'Cluster CIDR';
  diagnostics.push({
    severity: 'error',
    message: `${label} ${value} is too small: ${why}, so it must be /${narrowest} or wider; using ${fallback}.`,
    field: `settings.${name}`,
  });
  return fallback;
}

/**
 * kube-controller-manager hands node ranges out of the cluster CIDR with a bitmap, so a node's
 * mask may be at most 16 bits longer than the cluster's (cidrset/cidr_set.go,
 * clusterSubnetMaxDiff): with /24 nodes the cluster CIDR is /8 or narrower. A wider range (such
 * as 0.0.0.0/0) is named on the field the person wrote, not on a setting they never touched.
 */
export const CLUSTER_SUBNET_MAX_DIFF = 16;

function notTooWide(
  value: Cidr,
  nodeMask: number,
  fallback: Cidr,
  diagnostics: Diagnostic[],
): Cidr {
  const widest = nodeMask - CLUSTER_SUBNET_MAX_DIFF;
  if (cidrRange(value).prefix >= widest) return value;
  diagnostics.push({
    severity: 'error',
    message: `Cluster CIDR ${value} is too wide: with /${nodeMask} node ranges it must be /${widest} or narrower (kube-controller-manager gives out at most 65,536 node ranges); using ${fallback}.`,
    field: 'settings.clusterCidr',
  });
  return fallback;
}

/** Why a node's own pod CIDR cannot be used, or undefined when it can. */
function podCidrProblem(c: Cidr): string | undefined {
  const { prefix } = cidrRange(c);
  const { narrowest, widest } = RANGE_LIMITS.podCidr;
  if (prefix > narrowest)
    return `Pod CIDR ${c} is too small: a node's pod range holds the gateway at .1 and its pods, so it must be /${narrowest} or wider; another range is allocated.`;
  if (prefix < widest)
    return `Pod CIDR ${c} is too large for one node's pods (at most /${widest}); another range is allocated.`;
  return undefined;
}

/** A node's own pod CIDR when it parses and fits a node, else undefined. */
function usablePodCidr(text: unknown): Cidr | undefined {
  const c = typeof text === 'string' ? parseCidr(text) : undefined;
  return c && !podCidrProblem(c) ? c : undefined;
}

/**
 * The first subnet of the given size at or after `from` that overlaps none of `used`. Each step
 * jumps past the range in the way, so the search takes at most used.length + 1 steps whatever
 * the size of the parent range.
 */
function firstFreeSubnet(
  parent: Cidr,
  mask: number,
  from: number,
  used: readonly Cidr[],
): { cidr: Cidr; index: number } | undefined {
  const { base } = cidrRange(parent);
  const step = 2 ** (32 - mask);
  let index = from;
  for (;;) {
    const candidate = subnetOf(parent, mask, index);
    if (!candidate) return undefined;
    const blocker = used.find((c) => cidrsOverlap(c, candidate));
    if (!blocker) return { cidr: candidate, index };
    const b = cidrRange(blocker);
    index = Math.max(index + 1, Math.floor((b.base + b.size - base) / step));
  }
}

function resolveCni(s: ClusterSettings, diagnostics: Diagnostic[]): ClusterSettings['cni'] {
  const plugin = s.cni?.plugin;
  if (!plugin || !Object.hasOwn(CNI_MODES, plugin)) {
    diagnostics.push({
      severity: 'error',
      message: `CNI plugin "${String(plugin)}" is not one of ${Object.keys(CNI_MODES).join(', ')}; using flannel.`,
      field: 'settings.cni.plugin',
    });
    return DEFAULT_SETTINGS.cni;
  }
  const modes: readonly string[] = CNI_MODES[plugin];
  if (!modes.includes(s.cni.mode)) {
    diagnostics.push({
      severity: 'error',
      message: `${plugin} has no mode "${String(s.cni.mode)}" (it offers ${modes.join(', ')}); using ${modes[0]}.`,
      field: 'settings.cni.mode',
    });
    return { plugin, mode: modes[0] as CniMode };
  }
  return s.cni;
}

interface ExplicitRange {
  readonly range: CidrRange;
  readonly what: string;
}

/**
 * A dump of a real cluster brings its own addresses. Rather than reject them, the configured
 * ranges follow: a range that holds none of them is replaced by one that does (as large as the
 * configured one where it does not run into another range), a range that holds some is widened.
 * Each change is a note, so the person sees why the settings differ from what they chose.
 */
function followExplicitAddresses(
  spec: ClusterSpec,
  s: ResolvedSettings,
  diagnostics: Diagnostic[],
): ResolvedSettings {
  const one = (ip: Ipv4): CidrRange => ({ base: ipv4ToInt(ip), prefix: 32, size: 1 });
  const podRanges: ExplicitRange[] = [];
  const nodeIps: ExplicitRange[] = [];
  for (const n of spec.nodes) {
    const c = usablePodCidr(n.podCidr);
    if (c) podRanges.push({ range: cidrRange(c), what: `node ${n.name}'s pod CIDR ${c}` });
    const ip = typeof n.ip === 'string' ? parseIpv4(n.ip) : undefined;
    if (ip) nodeIps.push({ range: one(ip), what: `node ${n.name}'s IP ${ip}` });
    const subnet = typeof n.subnet === 'string' ? parseCidr(n.subnet) : undefined;
    if (subnet)
      nodeIps.push({ range: cidrRange(subnet), what: `node ${n.name}'s subnet ${subnet}` });
  }
  for (const p of spec.pods) {
    if (p.hostNetwork || typeof p.ip !== 'string') continue;
    const ip = parseIpv4(p.ip);
    if (ip) podRanges.push({ range: one(ip), what: `pod ${p.name}'s IP ${ip}` });
  }
  const serviceIps: ExplicitRange[] = [];
  let dnsIp: Ipv4 | undefined;
  for (const svc of spec.services) {
    if (svc.type === 'ExternalName' || typeof svc.clusterIP !== 'string') continue;
    const ip = parseIpv4(svc.clusterIP);
    if (!ip) continue;
    serviceIps.push({ range: one(ip), what: `Service ${svc.name}'s clusterIP ${ip}` });
    if (svc.name === DNS_SERVICE && svc.namespace === DNS_NAMESPACE) dnsIp = ip;
  }

  const clusterCidr = followRange(
    s.clusterCidrParsed,
    podRanges,
    [s.serviceCidrParsed, s.nodeNetworkParsed],
    'cluster CIDR',
    'clusterCidr',
    diagnostics,
    RANGE_LIMITS.clusterCidr.narrowest,
  );
  const serviceCidr = followRange(
    s.serviceCidrParsed,
    serviceIps,
    [clusterCidr, s.nodeNetworkParsed],
    'Service CIDR',
    'serviceCidr',
    diagnostics,
    RANGE_LIMITS.serviceCidr.narrowest,
  );
  const nodeNetwork = followRange(
    s.nodeNetworkParsed,
    nodeIps,
    [clusterCidr, serviceCidr],
    'node network',
    'nodeNetwork',
    diagnostics,
  );
  if (cidrsOverlap(clusterCidr, serviceCidr)) {
    diagnostics.push({
      severity: 'error',
      message: `The cluster CIDR ${clusterCidr} and the Service CIDR ${serviceCidr} overlap.`,
      field: 'settings.serviceCidr',
    });
  }
  return {
    ...s,
    clusterCidr,
    serviceCidr,
    nodeNetwork,
    clusterCidrParsed: clusterCidr,
    serviceCidrParsed: serviceCidr,
    nodeNetworkParsed: nodeNetwork,
    // kubeadm's convention is the tenth address of the Service range; a given kube-dns wins.
    dnsServiceIp: dnsIp ?? nthAddress(serviceCidr, 10),
  };
}

function followRange(
  configured: Cidr,
  explicit: readonly ExplicitRange[],
  others: readonly Cidr[],
  label: string,
  name: keyof ClusterSettings,
  diagnostics: Diagnostic[],
  narrowest?: number,
): Cidr {
  const cfg = cidrRange(configured);
  const outside = explicit.filter((e) => !rangeWithin(e.range, cfg));
  if (outside.length === 0) return configured;
  let result: Cidr;
  if (outside.length === explicit.length) {
    // None fits: adopt the block that holds them, grown toward the configured size.
    result = coveringCidr(explicit.map((e) => e.range));
    let prefix = cidrRange(result).prefix;
    while (prefix > cfg.prefix) {
      const bigger = widenCidr(result, prefix - 1);
      if (others.some((o) => cidrsOverlap(o, bigger))) break;
      result = bigger;
      prefix--;
    }
  } else {
    result = coveringCidr([cfg, ...explicit.map((e) => e.range)]);
  }
  if (narrowest !== undefined && cidrRange(result).prefix > narrowest) {
    result = widenCidr(result, narrowest);
  }
  const first = outside[0].what;
  const more =
    outside.length > 1
      ? ` and ${outside.length - 1} more address${outside.length > 2 ? 'es' : ''}`
      : '';
  diagnostics.push({
    severity: 'note',
    message: `The ${label} ${configured} does not hold ${first}${more}; using ${result} so the given addresses are kept.`,
    field: `settings.${name}`,
  });
  return result;
}

function buildNodes(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  diagnostics: Diagnostic[],
): NodeModel[] {
  const usedIps = new Set<number>();
  const usedCidrs: Cidr[] = [];
  const explicit = spec.nodes.map((n) => {
    const ref: ObjectRef = { kind: 'Node', name: n.name };
    const ip = n.ip === undefined ? undefined : parseIpv4(n.ip);
    if (n.ip !== undefined && !ip) {
      diagnostics.push({
        severity: 'error',
        message: `Node IP "${n.ip}" is not an IPv4 address.`,
        ref,
        field: 'ip',
      });
    }
    if (ip) {
      if (usedIps.has(ipv4ToInt(ip))) {
        diagnostics.push({
          severity: 'error',
          message: `Node IP ${ip} is used twice.`,
          ref,
          field: 'ip',
        });
      }
      usedIps.add(ipv4ToInt(ip));
    }
    const given = n.podCidr === undefined ? undefined : parseCidr(n.podCidr);
    if (n.podCidr !== undefined && !given) {
      diagnostics.push({
        severity: 'error',
        message: `Pod CIDR "${n.podCidr}" is not valid.`,
        ref,
        field: 'podCidr',
      });
    }
    const problem = given && podCidrProblem(given);
    if (problem) diagnostics.push({ severity: 'error', message: problem, ref, field: 'podCidr' });
    const podCidr = problem ? undefined : given;
    if (podCidr) {
      if (usedCidrs.some((c) => cidrsOverlap(c, podCidr))) {
        diagnostics.push({
          severity: 'error',
          message: `Pod CIDR ${podCidr} overlaps another node's.`,
          ref,
          field: 'podCidr',
        });
      }
      usedCidrs.push(podCidr);
    }
    const subnet = n.subnet === undefined ? undefined : parseCidr(n.subnet);
    if (n.subnet !== undefined && !subnet) {
      diagnostics.push({
        severity: 'error',
        message: `Subnet "${n.subnet}" is not a CIDR; the node is taken to be on the node network.`,
        ref,
        field: 'subnet',
      });
    }
    if (ip && subnet && !cidrContains(subnet, ip)) {
      diagnostics.push({
        severity: 'error',
        message: `Node IP ${ip} is not in the node's subnet ${subnet}.`,
        ref,
        field: 'subnet',
      });
    }
    return { ip, podCidr, subnet };
  });

  const mask = settings.nodeCidrMaskSize ?? 24;
  // A node without a pod CIDR whose pods have addresses (a dump of a real cluster) gets the
  // block those addresses come from, when it is free.
  const explicitPodIps = new Map<string, Ipv4[]>();
  for (const p of spec.pods) {
    const ip = !p.hostNetwork && typeof p.ip === 'string' ? parseIpv4(p.ip) : undefined;
    if (!ip || !cidrContains(settings.clusterCidrParsed, ip)) continue;
    const list = explicitPodIps.get(p.nodeName) ?? [];
    list.push(ip);
    explicitPodIps.set(p.nodeName, list);
  }
  const blockOfExplicitPods = (node: string): Cidr | undefined => {
    for (const ip of explicitPodIps.get(node) ?? []) {
      const block = widenCidr(`${ip}/32` as Cidr, mask);
      if (!usedCidrs.some((c) => cidrsOverlap(c, block))) return block;
    }
    return undefined;
  };
  const derived = spec.nodes.map((n, i) => {
    if (explicit[i].podCidr) return undefined;
    const block = blockOfExplicitPods(n.name);
    if (block) usedCidrs.push(block);
    return block;
  });

  const seen = new Set<string>();
  // .1 of each subnet is its router; hosts are numbered from .2, per subnet.
  const nextHostIn = new Map<string, number>();
  let nextSubnet = 1; // node i gets 10.244.i.0/24 (kubeadm + flannel style)
  return spec.nodes.map((n, index) => {
    const ref: ObjectRef = { kind: 'Node', name: n.name };
    if (seen.has(n.name)) {
      diagnostics.push({
        severity: 'error',
        message: `Two nodes are named ${n.name}.`,
        ref,
        field: 'name',
      });
    }
    seen.add(n.name);
    const subnet = explicit[index].subnet ?? settings.nodeNetworkParsed;
    let ip = explicit[index].ip;
    if (!ip) {
      const { size } = cidrRange(subnet);
      let nextHost = nextHostIn.get(subnet) ?? 2;
      while (nextHost < size - 1 && usedIps.has(ipv4ToInt(nthAddress(subnet, nextHost)))) {
        nextHost++;
      }
      ip = nthAddress(subnet, Math.min(nextHost, size - 1));
      usedIps.add(ipv4ToInt(ip));
      nextHostIn.set(subnet, nextHost + 1);
    }
    let podCidr = explicit[index].podCidr ?? derived[index];
    if (!podCidr) {
      const free = firstFreeSubnet(settings.clusterCidrParsed, mask, nextSubnet, usedCidrs);
      let candidate = free?.cidr;
      if (free) nextSubnet = free.index;
      if (!candidate) {
        diagnostics.push({
          severity: 'error',
          message: `The cluster CIDR ${settings.clusterCidrParsed} has no /${mask} left for node ${n.name}.`,
          ref,
        });
        candidate = subnetOf(
          settings.clusterCidrParsed,
          Math.max(mask, cidrRange(settings.clusterCidrParsed).prefix),
          0,
        ) as Cidr;
      }
      podCidr = candidate;
      usedCidrs.push(podCidr);
      nextSubnet++;
    }
    return {
      ref,
      name: n.name,
      index,
      ip,
      subnet,
      podCidr,
      gateway: nthAddress(podCidr, 1),
      labels: { 'kubernetes.io/hostname': n.name, ...(n.labels ?? {}) },
    };
  });
}

function buildNamespaces(spec: ClusterSpec): NamespaceModel[] {
  const byName = new Map<string, NamespaceModel>();
  const add = (name: string, labels?: Record<string, string>) => {
    const prev = byName.get(name);
    byName.set(name, {
      name,
      // The API server sets this label on every namespace (v1.22+).
      labels: { ...(prev?.labels ?? {}), ...(labels ?? {}), 'kubernetes.io/metadata.name': name },
    });
  };
  add(DEFAULT_NAMESPACE);
  for (const ns of spec.namespaces ?? []) add(ns.name, ns.labels);
  for (const obj of [...spec.pods, ...spec.services]) {
    const name = obj.namespace ?? DEFAULT_NAMESPACE;
    if (!byName.has(name)) add(name);
  }
  return [...byName.values()];
}

export function hostVethName(settings: ClusterSettings, namespace: string, name: string): string {
  const h = fnv1a(`${namespace}/${name}`);
  const h2 = fnv1a(`${name}/${namespace}`);
  switch (settings.cni.plugin) {
    case 'calico':
      return `cali${hex(h, 8)}${hex(h2, 3)}`;
    case 'cilium':
      return `lxc${hex(h, 8)}${hex(h2, 4)}`;
    case 'weave':
      return `vethwepl${hex(h, 7)}`;
    case 'flannel':
    case 'kube-router':
      // Both attach pods with the bridge CNI plugin, which names the host end veth + 8 hex.
      return `veth${hex(h, 8)}`;
    default: {
      const never: never = settings.cni.plugin;
      return `veth${String(never)}`;
    }
  }
}

function buildPods(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  nodes: readonly NodeModel[],
  diagnostics: Diagnostic[],
): PodModel[] {
  const nodeByName = new Map(nodes.map((n) => [n.name, n]));
  const taken = new Map<number, string>();
  for (const n of nodes) taken.set(ipv4ToInt(n.gateway), `${n.name}'s bridge`);

  const refOf = (p: PodSpec): ObjectRef => ({
    kind: 'Pod',
    namespace: p.namespace ?? DEFAULT_NAMESPACE,
    name: p.name,
  });
  const names = new Set<string>();
  const explicitIps = new Map<PodSpec, Ipv4>();
  for (const p of spec.pods) {
    const ref = refOf(p);
    const key = `${ref.namespace}/${ref.name}`;
    if (names.has(key)) {
      diagnostics.push({
        severity: 'error',
        message: `Two pods are named ${key}.`,
        ref,
        field: 'name',
      });
    }
    names.add(key);
    checkContainerPorts(p, ref, diagnostics);
    if (p.hostNetwork || p.ip === undefined) continue;
    const ip = parseIpv4(p.ip);
    if (!ip) {
      diagnostics.push({
        severity: 'error',
        message: `Pod IP "${p.ip}" is not an IPv4 address.`,
        ref,
        field: 'ip',
      });
      continue;
    }
    const owner = taken.get(ipv4ToInt(ip));
    if (owner) {
      diagnostics.push({
        severity: 'error',
        message: `Pod IP ${ip} is already used by ${owner}.`,
        ref,
        field: 'ip',
      });
      continue;
    }
    const node = nodeByName.get(p.nodeName);
    if (node && !cidrContains(node.podCidr, ip)) {
      diagnostics.push({
        severity: 'warning',
        message: `Pod IP ${ip} is outside ${node.name}'s pod CIDR ${node.podCidr}.`,
        ref,
        field: 'ip',
      });
    }
    taken.set(ipv4ToInt(ip), `pod ${key}`);
    explicitIps.set(p, ip);
  }

  const nextIndex = new Map<string, number>();
  const pods: PodModel[] = [];
  for (const p of spec.pods) {
    const ref = refOf(p);
    const node = nodeByName.get(p.nodeName);
    if (!node) {
      diagnostics.push({
        severity: 'error',
        message: `Pod ${ref.namespace}/${p.name} is on node "${p.nodeName}", which does not exist; it stays Pending.`,
        ref,
        field: 'nodeName',
      });
      continue;
    }
    let ip: Ipv4 | undefined = p.hostNetwork ? node.ip : explicitIps.get(p);
    if (!ip) {
      const { size } = cidrRange(node.podCidr);
      let i = nextIndex.get(node.name) ?? 2;
      while (i < size - 1 && taken.has(ipv4ToInt(nthAddress(node.podCidr, i)))) i++;
      if (i >= size - 1) {
        diagnostics.push({
          severity: 'error',
          message: `Node ${node.name}'s pod CIDR ${node.podCidr} has no address left for ${ref.namespace}/${p.name}.`,
          ref,
        });
        continue;
      }
      ip = nthAddress(node.podCidr, i);
      taken.set(ipv4ToInt(ip), `pod ${ref.namespace}/${p.name}`);
      nextIndex.set(node.name, i + 1);
    }
    pods.push({
      ref,
      name: p.name,
      namespace: ref.namespace as string,
      labels: p.labels ?? {},
      node: node.name,
      ip,
      ready: p.ready ?? true,
      containers: p.containers,
      hostname: p.hostname,
      subdomain: p.subdomain,
      hostNetwork: p.hostNetwork ?? false,
      hostVeth: p.hostNetwork ? 'eth0' : hostVethName(settings, ref.namespace as string, p.name),
      system: isSystemPod(p),
      ownerRef: p.ownerRef,
    });
  }
  return pods;
}

function isSystemPod(p: PodSpec): boolean {
  return SYSTEM_NAMESPACES.includes(p.namespace ?? DEFAULT_NAMESPACE);
}

function checkContainerPorts(p: PodSpec, ref: ObjectRef, diagnostics: Diagnostic[]): void {
  const ports = new Map<string, string>();
  const names = new Set<string>();
  p.containers.forEach((c, ci) => {
    (c.ports ?? []).forEach((port, pi) => {
      const key = `${port.protocol ?? 'TCP'}/${port.containerPort}`;
      const field = `containers[${ci}].ports[${pi}]`;
      const owner = ports.get(key);
      if (owner !== undefined) {
        diagnostics.push({
          severity: 'error',
          message: `Containers ${owner} and ${c.name} both bind ${key}; containers of a pod share one network namespace and its ports.`,
          ref,
          field,
        });
      }
      ports.set(key, c.name);
      if (port.name) {
        if (names.has(port.name)) {
          diagnostics.push({
            severity: 'error',
            message: `Port name ${port.name} is used twice in the pod.`,
            ref,
            field,
          });
        }
        names.add(port.name);
      }
    });
  });
}

/** Spreads allocations over the range by name so adding one object does not renumber others. */
function allocateByHash(
  key: string,
  size: number,
  isFree: (offset: number) => boolean,
): number | undefined {
  const start = fnv1a(key) % size;
  for (let i = 0; i < size; i++) {
    const offset = (start + i) % size;
    if (isFree(offset)) return offset;
  }
  return undefined;
}

function buildServices(
  spec: ClusterSpec,
  settings: ResolvedSettings,
  nodes: readonly NodeModel[],
  pods: readonly PodModel[],
  diagnostics: Diagnostic[],
): ServiceModel[] {
  const cni = cniProfile(settings);
  // Load balancers that open their own connections get addresses from the top of the node
  // network, clear of the nodes.
  const nodeNet = cidrRange(settings.nodeNetworkParsed);
  const takenOnNodeNet = new Set(nodes.map((n) => ipv4ToInt(n.ip)));
  let nextLbSource = nodeNet.size - 2;
  const lbSourceIp = (): Ipv4 | null => {
    while (nextLbSource > 1 && takenOnNodeNet.has(nodeNet.base + nextLbSource)) nextLbSource--;
    if (nextLbSource <= 1) return null;
    const ip = intToIpv4(nodeNet.base + nextLbSource);
    takenOnNodeNet.add(nodeNet.base + nextLbSource);
    return ip;
  };
  // Pods by namespace and label, so a selector looks at the pods with its rarest label only.
  const byLabel = new Map<string, PodModel[]>();
  for (const p of pods) {
    for (const [k, v] of Object.entries(p.labels)) {
      const key = `${p.namespace}\u0000${k}\u0000${v}`;
      const list = byLabel.get(key);
      if (list) list.push(p);
      else byLabel.set(key, [p]);
    }
  }
  const selectPods = (namespace: string, selector: Labels | undefined): PodModel[] => {
    const entries = Object.entries(selector ?? {});
    if (entries.length === 0) return [];
    let smallest: readonly PodModel[] | undefined;
    for (const [k, v] of entries) {
      const list = byLabel.get(`${namespace}\u0000${k}\u0000${v}`) ?? [];
      if (!smallest || list.length < smallest.length) smallest = list;
    }
    return (smallest ?? []).filter((p) => matchesServiceSelector(selector, p.labels));
  };
  const svcRange = cidrRange(settings.serviceCidrParsed);
  const usedIps = new Set<number>([
    svcRange.base, // network address
    svcRange.base + 1, // the kubernetes Service
    ipv4ToInt(settings.dnsServiceIp),
    svcRange.base + svcRange.size - 1,
  ]);
  const usedNodePorts = new Set<number>();
  const usedLbIps = new Set<number>();
  const refOf = (s: ServiceSpec): ObjectRef => ({
    kind: 'Service',
    namespace: s.namespace ?? DEFAULT_NAMESPACE,
    name: s.name,
  });
  const isDns = (s: ServiceSpec) => s.name === 'kube-dns' && s.namespace === 'kube-system';
  // The first address of the range is the API server's Service's (kube-apiserver reserves it).
  const apiServerIp = intToIpv4(svcRange.base + 1);

  // Pass 1: keep every explicit address and port, report conflicts.
  const explicitIp = new Map<ServiceSpec, Ipv4>();
  for (const s of spec.services) {
    const ref = refOf(s);
    if (
      s.clusterIP === undefined ||
      s.clusterIP === 'None' ||
      s.clusterIP === '' ||
      s.type === 'ExternalName'
    )
      continue;
    const ip = parseIpv4(s.clusterIP);
    if (!ip) {
      diagnostics.push({
        severity: 'error',
        message: `clusterIP "${s.clusterIP}" is not an IPv4 address.`,
        ref,
        field: 'clusterIP',
      });
      continue;
    }
    if (
      usedIps.has(ipv4ToInt(ip)) &&
      !(isDns(s) && ip === settings.dnsServiceIp) &&
      !(isApiServerService(s) && ip === apiServerIp)
    ) {
      diagnostics.push({
        severity: 'error',
        message: `clusterIP ${ip} is already allocated.`,
        ref,
        field: 'clusterIP',
      });
      continue;
    }
    usedIps.add(ipv4ToInt(ip));
    explicitIp.set(s, ip);
  }
  for (const s of spec.services) {
    s.ports.forEach((p, i) => {
      if (p.nodePort === undefined) return;
      const ref = refOf(s);
      const { from, to } = settings.nodePorts;
      if (p.nodePort < from || p.nodePort > to) {
        diagnostics.push({
          severity: 'error',
          message: `nodePort ${p.nodePort} is outside the NodePort range ${from}-${to}.`,
          ref,
          field: `ports[${i}].nodePort`,
        });
      } else if (usedNodePorts.has(p.nodePort)) {
        diagnostics.push({
          severity: 'error',
          message: `nodePort ${p.nodePort} is already allocated.`,
          ref,
          field: `ports[${i}].nodePort`,
        });
      } else {
        usedNodePorts.add(p.nodePort);
      }
    });
  }

  const names = new Set<string>();
  return spec.services.map((s) => {
    const ref = refOf(s);
    const namespace = ref.namespace as string;
    const key = `${namespace}/${s.name}`;
    if (names.has(key))
      diagnostics.push({
        severity: 'error',
        message: `Two Services are named ${key}.`,
        ref,
        field: 'name',
      });
    names.add(key);
    const type = s.type ?? 'ClusterIP';
    const headless = type !== 'ExternalName' && s.clusterIP === 'None';
    if (headless && type !== 'ClusterIP') {
      diagnostics.push({
        severity: 'error',
        message: `A headless Service (clusterIP: None) must be of type ClusterIP, not ${type}.`,
        ref,
        field: 'clusterIP',
      });
    }
    if (type === 'ExternalName' && !s.externalName) {
      diagnostics.push({
        severity: 'error',
        message: 'An ExternalName Service needs externalName.',
        ref,
        field: 'externalName',
      });
    }

    let clusterIP: Ipv4 | null = null;
    if (type !== 'ExternalName' && !headless) {
      clusterIP = explicitIp.get(s) ?? null;
      if (!clusterIP && isDns(s) && !usedIpsHasOther(settings.dnsServiceIp))
        clusterIP = settings.dnsServiceIp;
      if (!clusterIP && isApiServerService(s)) clusterIP = apiServerIp;
      if (!clusterIP) {
        const offset = allocateByHash(key, svcRange.size, (o) => !usedIps.has(svcRange.base + o));
        if (offset === undefined) {
          diagnostics.push({
            severity: 'error',
            message: `The Service CIDR ${settings.serviceCidrParsed} is full.`,
            ref,
          });
        } else {
          clusterIP = intToIpv4(svcRange.base + offset);
          usedIps.add(svcRange.base + offset);
        }
      }
    }

    const needsNodePort = type === 'NodePort' || type === 'LoadBalancer';
    const ports: ServicePortModel[] = s.ports.map((p, i) => {
      let nodePort = needsNodePort ? p.nodePort : undefined;
      if (
        nodePort !== undefined &&
        (nodePort < settings.nodePorts.from || nodePort > settings.nodePorts.to)
      ) {
        nodePort = undefined; // reported above; the invalid value never reaches the datapath
      }
      if (needsNodePort && nodePort === undefined) {
        const size = settings.nodePorts.to - settings.nodePorts.from + 1;
        const offset = allocateByHash(
          `${key}:${p.port}:${i}`,
          size,
          (o) => !usedNodePorts.has(settings.nodePorts.from + o),
        );
        if (offset !== undefined) {
          nodePort = settings.nodePorts.from + offset;
          usedNodePorts.add(nodePort);
        }
      }
      return {
        name: p.name,
        port: p.port,
        protocol: p.protocol ?? 'TCP',
        targetPort: p.targetPort ?? p.port,
        nodePort,
      };
    });
    checkServicePorts(s, ref, diagnostics);

    let loadBalancerIP: Ipv4 | null = null;
    if (type === 'LoadBalancer') {
      const given = s.loadBalancerIP ? parseIpv4(s.loadBalancerIP) : undefined;
      if (s.loadBalancerIP && !given) {
        diagnostics.push({
          severity: 'error',
          message: `loadBalancerIP "${s.loadBalancerIP}" is not an IPv4 address.`,
          ref,
          field: 'loadBalancerIP',
        });
      }
      if (given) {
        loadBalancerIP = given;
      } else {
        const pool = cidrRange(LOAD_BALANCER_POOL);
        const offset = allocateByHash(key, pool.size - 2, (o) => !usedLbIps.has(pool.base + 1 + o));
        if (offset !== undefined) loadBalancerIP = intToIpv4(pool.base + 1 + offset);
      }
      if (loadBalancerIP) usedLbIps.add(ipv4ToInt(loadBalancerIP));
    }

    let loadBalancerMode: LoadBalancerMode | null = null;
    let loadBalancerSourceIP: Ipv4 | null = null;
    if (type === 'LoadBalancer') {
      loadBalancerMode = s.loadBalancerMode ?? settings.loadBalancer ?? 'nodeport';
      if (!Object.hasOwn(LoadBalancerMode, loadBalancerMode)) {
        diagnostics.push({
          severity: 'error',
          message: `Load balancer mode "${String(loadBalancerMode)}" is not one of ${Object.values(LoadBalancerMode).join(', ')}; using nodeport.`,
          ref,
          field: 'loadBalancerMode',
        });
        loadBalancerMode = 'nodeport';
      }
      if (loadBalancerMode === 'proxy' || loadBalancerMode === 'ip')
        loadBalancerSourceIP = lbSourceIp();
      if ((loadBalancerMode === 'ip' || loadBalancerMode === 'ip-preserve') && !cni.podsRouted) {
        diagnostics.push({
          severity: 'warning',
          message: `Its load balancer targets pod IPs, but ${cni.title} keeps pod IPs inside its tunnels: nothing on the node network routes to them, so the load balancer cannot reach the pods. IP targets need routable pod IPs (on AWS, the VPC CNI gives pods VPC addresses); choose a CNI that routes without an overlay, or the nodeport mode.`,
          ref,
          field: 'loadBalancerMode',
        });
      }
    }

    // The API server's Service has no selector: the API server reports its own endpoints.
    const selectedPods =
      type === 'ExternalName'
        ? []
        : isApiServerService(s) && !s.selector
          ? apiServerEndpointPods(pods)
          : selectPods(namespace, s.selector);
    const endpoints = ports.map((port) => resolveEndpoints(port, selectedPods));

    const externalTrafficPolicy = s.externalTrafficPolicy ?? 'Cluster';
    let healthCheckNodePort: number | undefined;
    if (type === 'LoadBalancer' && externalTrafficPolicy === 'Local') {
      healthCheckNodePort = s.healthCheckNodePort;
      if (healthCheckNodePort === undefined) {
        const size = settings.nodePorts.to - settings.nodePorts.from + 1;
        const offset = allocateByHash(
          `${key}:healthz`,
          size,
          (o) => !usedNodePorts.has(settings.nodePorts.from + o),
        );
        if (offset !== undefined) {
          healthCheckNodePort = settings.nodePorts.from + offset;
          usedNodePorts.add(healthCheckNodePort);
        }
      }
    }

    return {
      ref,
      name: s.name,
      namespace,
      type,
      headless,
      clusterIP,
      loadBalancerIP,
      loadBalancerMode,
      loadBalancerSourceIP,
      ports,
      selector: s.selector,
      externalName: s.externalName,
      externalTrafficPolicy,
      internalTrafficPolicy: s.internalTrafficPolicy ?? 'Cluster',
      sessionAffinity: s.sessionAffinity ?? 'None',
      sessionAffinityTimeoutSeconds: s.sessionAffinityTimeoutSeconds ?? 10800,
      healthCheckNodePort,
      endpoints,
      selectedPods,
      system: SYSTEM_NAMESPACES.includes(namespace) || isApiServerService(s),
    };
  });

  function usedIpsHasOther(ip: Ipv4): boolean {
    return spec.services.some((o) => !isDns(o) && o.clusterIP === ip);
  }
}

function checkServicePorts(s: ServiceSpec, ref: ObjectRef, diagnostics: Diagnostic[]): void {
  const seen = new Set<string>();
  const names = new Set<string>();
  s.ports.forEach((p, i) => {
    const key = `${p.protocol ?? 'TCP'}/${p.port}`;
    if (seen.has(key))
      diagnostics.push({
        severity: 'error',
        message: `Port ${key} is listed twice.`,
        ref,
        field: `ports[${i}].port`,
      });
    seen.add(key);
    if (s.ports.length > 1 && !p.name) {
      diagnostics.push({
        severity: 'error',
        message: 'Every port of a multi-port Service needs a name.',
        ref,
        field: `ports[${i}].name`,
      });
    }
    if (p.name) {
      if (names.has(p.name))
        diagnostics.push({
          severity: 'error',
          message: `Port name ${p.name} is used twice.`,
          ref,
          field: `ports[${i}].name`,
        });
      names.add(p.name);
    }
  });
}

/** Resolves targetPort per pod; a pod without the named port is not an endpoint of that port. */
export function resolveEndpoints(
  port: ServicePortModel,
  selected: readonly PodModel[],
): EndpointModel[] {
  const endpoints: EndpointModel[] = [];
  for (const pod of selected) {
    const target = resolveTargetPort(port, pod);
    if (target === undefined) continue;
    endpoints.push({ pod, ip: pod.ip, port: target, ready: pod.ready });
  }
  return endpoints.sort(
    (a, b) => Number(b.ready) - Number(a.ready) || ipv4ToInt(a.ip) - ipv4ToInt(b.ip),
  );
}

export function resolveTargetPort(port: ServicePortModel, pod: PodModel): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  if (/^\d+$/.test(port.targetPort)) return Number(port.targetPort);
  for (const c of pod.containers) {
    for (const cp of c.ports ?? []) {
      if (cp.name === port.targetPort && (cp.protocol ?? 'TCP') === port.protocol)
        return cp.containerPort;
    }
  }
  return undefined;
}
