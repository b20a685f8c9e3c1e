/** The cluster's settings as the engine uses them: each checked, a bad one replaced and named. */
import type { Diagnostic, ResolvedSettings } from '../model.ts';
import { cidr, cidrRange, nthAddress, parseCidr, parsePortRange, type Cidr } from '../net.ts';
import {
  CNI_MODES,
  DEFAULT_SETTINGS,
  IngressControllerType,
  LoadBalancerMode,
  ProxyMode,
  proxyFitsCni,
  type CniMode,
  type ClusterSettings,
} from '../spec.ts';

/** Checks each setting; one that is not valid is replaced by its default and named in a diagnostic. */
export function resolveSettings(s: ClusterSettings, diagnostics: Diagnostic[]): ResolvedSettings {
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
