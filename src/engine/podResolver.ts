/**
 * The pod's /etc/resolv.conf as the kubelet writes it (pkg/kubelet/network/dns/dns.go, and
 * kubernetes.io "DNS for Services and Pods": Pod's DNS Policy, Pod's DNS Config): which
 * nameserver the pod asks, which search domains it tries and its ndots.
 */
import { nthAddress, parseIpv4, type Ipv4 } from './net.ts';
import { subnetRouter } from './datapath/l2Adjacency.ts';
import type { ClusterModel, NodeModel, PodModel } from './model.ts';

/** What the kubelet based the file on, after its own fallback. */
export type ResolverSource = 'cluster' | 'node' | 'none';

export interface PodResolver {
  readonly source: ResolverSource;
  readonly nameservers: readonly Ipv4[];
  readonly searches: readonly string[];
  readonly ndots: number;
  /** The file as the pod sees it. */
  readonly lines: readonly string[];
  /** Why the file looks this way, in plain words (the policy and any fallback). */
  readonly why: string;
  /** True when the node's own nameserver is in the file: its address is assumed. */
  readonly nodeResolverAssumed: boolean;
}

/** The pod fields the kubelet reads. */
export type ResolverPod = Pick<PodModel, 'namespace' | 'hostNetwork' | 'dnsPolicy' | 'dnsConfig'>;

/** glibc's default when resolv.conf has no ndots option (resolv.conf(5)). */
const GLIBC_NDOTS = 1;

/**
 * The node's resolver. The scenario does not say what the node's /etc/resolv.conf holds, so
 * PodPath assumes what minikube's and many clouds' nodes have: one nameserver, the router at
 * the first address of the node's subnet, and no search domains.
 */
export function nodeNameserver(node: NodeModel): Ipv4 {
  return subnetRouter(node) ?? nthAddress(node.subnet, 0);
}

/** The kubelet's choice (getPodDNSType): ClusterFirst on hostNetwork falls back to the node's. */
export function resolverSource(pod: ResolverPod): ResolverSource {
  switch (pod.dnsPolicy) {
    case 'None':
      return 'none';
    case 'ClusterFirstWithHostNet':
      return 'cluster';
    case 'ClusterFirst':
      return pod.hostNetwork ? 'node' : 'cluster';
    case 'Default':
      return 'node';
  }
}

export function podResolver(model: ClusterModel, pod: ResolverPod, node: NodeModel): PodResolver {
  const source = resolverSource(pod);
  const zone = model.settings.clusterDomain;
  let nameservers: Ipv4[] = [];
  let searches: string[] = [];
  let options: { name: string; value?: string }[] = [];
  if (source === 'cluster') {
    nameservers = [model.settings.dnsServiceIp];
    searches = [`${pod.namespace}.svc.${zone}`, `svc.${zone}`, zone];
    options = [{ name: 'ndots', value: '5' }];
  } else if (source === 'node') {
    nameservers = [nodeNameserver(node)];
  }
  // The pod's dnsConfig is appended (duplicates left out); its options replace same-named ones.
  const config = pod.dnsConfig;
  if (config) {
    const given = (config.nameservers ?? []).flatMap((n) => {
      const ip = parseIpv4(n.trim());
      return ip ? [ip] : [];
    });
    nameservers = unique([...nameservers, ...given]);
    searches = unique([...searches, ...(config.searches ?? []).map((s) => s.replace(/\.$/, ''))]);
    for (const o of config.options ?? []) {
      options = [...options.filter((x) => x.name !== o.name), o];
    }
  }
  const ndotsOption = options.find((o) => o.name === 'ndots');
  const ndotsValue = ndotsOption?.value === undefined ? NaN : Number(ndotsOption.value);
  // resolv.conf(5): ndots is capped at 15.
  const ndots =
    Number.isInteger(ndotsValue) && ndotsValue >= 0 ? Math.min(ndotsValue, 15) : GLIBC_NDOTS;
  const lines = [
    ...(searches.length > 0 ? [`search ${searches.join(' ')}`] : []),
    ...nameservers.map((n) => `nameserver ${n}`),
    ...(options.length > 0
      ? [
          `options ${options.map((o) => (o.value === undefined ? o.name : `${o.name}:${o.value}`)).join(' ')}`,
        ]
      : []),
  ];
  const nodeResolverAssumed = source === 'node';
  return {
    source,
    nameservers,
    searches,
    ndots,
    lines,
    why: explain(pod, source, node, config !== undefined),
    nodeResolverAssumed,
  };
}

function explain(
  pod: ResolverPod,
  source: ResolverSource,
  node: NodeModel,
  withConfig: boolean,
): string {
  const config = withConfig ? ' The pod’s dnsConfig is added to it.' : '';
  const nodeFile = `${node.name}'s own /etc/resolv.conf (its nameserver ${nodeNameserver(node)} is assumed: the scenario does not give it), which knows no cluster names`;
  switch (pod.dnsPolicy) {
    case 'None':
      return `dnsPolicy None: the kubelet writes only what the pod’s dnsConfig gives.`;
    case 'Default':
      return `dnsPolicy Default: the pod gets ${nodeFile}.${config}`;
    case 'ClusterFirstWithHostNet':
      return `dnsPolicy ClusterFirstWithHostNet: the pod asks the cluster DNS Service even though it shares the node’s network.${config}`;
    case 'ClusterFirst':
      return source === 'node'
        ? `dnsPolicy ClusterFirst on a hostNetwork pod falls back to Default: the pod gets ${nodeFile}. Set ClusterFirstWithHostNet for cluster names.${config}`
        : `dnsPolicy ClusterFirst: the pod asks the cluster DNS Service.${config}`;
  }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** The candidate names a resolver queries, in order, for its search list and ndots. */
export function candidatesFor(
  resolver: Pick<PodResolver, 'searches' | 'ndots'>,
  name: string,
): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const expanded = resolver.searches.map((s) => `${name}.${s}`);
  return dots >= resolver.ndots ? [name, ...expanded] : [...expanded, name];
}
