/**
 * A dump of a real cluster carries its settings in its objects: kubeadm's ClusterConfiguration,
 * the CNI's own ConfigMap or DaemonSet, kube-proxy's mode, and the addresses themselves. The
 * import reads them so that, for example, a cluster with pod CIDR 172.16.0.0/16 and Services in
 * 10.100.0.0/16 is simulated with those ranges and kube-dns at the address the pods really use.
 */
import {
  cidrContains,
  cidrRange,
  intToIpv4,
  ipv4ToInt,
  nthAddress,
  parseCidr,
  parseIpv4,
  parsePortRange,
  type Cidr,
  type Ipv4,
} from '../../engine/net.ts';
import {
  CNI_MODES,
  DEFAULT_SETTINGS,
  INGRESS_CONTROLLERS,
  type ClusterSettings,
  type CniMode,
  type CniPlugin,
  type ClusterSpec,
  type IngressControllerType,
  type ProxyMode,
} from '../../engine/spec.ts';
import { RANGE_LIMITS } from '../../engine/cluster/settings.ts';
import { isRecord } from './parseDocuments.ts';

/** What the objects of a dump say about the cluster's settings, each with where it was read. */
export interface SettingsHints {
  clusterCidr?: { value: string; from: string };
  serviceCidr?: { value: string; from: string };
  clusterDomain?: { value: string; from: string };
  cni?: { plugin: CniPlugin; mode?: CniMode; from: string };
  proxyMode?: { value: ProxyMode; from: string };
  ingressController?: { value: IngressControllerType; from: string };
}

/**
 * The value of `name:` on a line of an embedded YAML text (kubeadm's ClusterConfiguration,
 * kube-proxy's config.conf), quotes and a trailing comment removed. Read line by line, without a
 * regular expression, so long runs of whitespace cost linear time.
 */
export function field(text: string, name: string): string | undefined {
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith(`${name}:`)) continue;
    let value = line.slice(name.length + 1).trim();
    const hash = value.indexOf('#');
    if (hash >= 0) value = value.slice(0, hash).trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
    }
    if (/["'\s]/.test(value)) continue;
    return value;
  }
  return undefined;
}

function dataOf(obj: Record<string, unknown>): Record<string, string> {
  const data = obj.data;
  if (!isRecord(data)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v;
  return out;
}

const CNI_WORKLOADS: readonly [RegExp, CniPlugin][] = [
  [/^kube-flannel|^flannel/, 'flannel'],
  [/^calico-node$/, 'calico'],
  [/^cilium$/, 'cilium'],
  [/^weave-net$/, 'weave'],
];

/** The containers of a Pod or of a workload's pod template. */
function containersOf(kind: string, obj: Record<string, unknown>): Record<string, unknown>[] {
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const podSpec =
    kind === 'Pod'
      ? spec
      : isRecord(spec.template) && isRecord(spec.template.spec)
        ? spec.template.spec
        : {};
  return Array.isArray(podSpec.containers) ? podSpec.containers.filter(isRecord) : [];
}

/** `--name=value` or a bare `--name` (true) among a container's command and args. */
function flagValue(args: readonly string[], name: string): string | undefined {
  for (const a of args) {
    if (a === `--${name}`) return 'true';
    if (a.startsWith(`--${name}=`)) return a.slice(name.length + 3);
  }
  return undefined;
}

const strings = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/**
 * kube-router's DaemonSet says what it runs (docs/user-guide.md): --run-router (pod routes
 * over BGP, the CNI; default true), --run-service-proxy (its IPVS proxy; default true), and the
 * overlay: --enable-overlay (default true) with --overlay-type subnet (default) or full.
 */
function kubeRouterHints(hints: SettingsHints, args: readonly string[], where: string): string {
  const on = (name: string) => (flagValue(args, name) ?? 'true') !== 'false';
  const used: string[] = [];
  if (on('run-router')) {
    const mode: CniMode = !on('enable-overlay')
      ? 'none'
      : flagValue(args, 'overlay-type') === 'full'
        ? 'full'
        : 'subnet';
    hints.cni = { plugin: 'kube-router', mode, from: where };
    used.push('pod routing and overlay');
  }
  if (on('run-service-proxy')) {
    hints.proxyMode = { value: 'kube-router', from: where };
    used.push('service proxy');
  }
  return `kube-router ${used.join(' and ') || 'flags'}`;
}

/** The ingress controller a workload or an IngressClass belongs to, if PodPath simulates it. */
function ingressControllerFrom(
  kind: string,
  name: string,
  obj: Record<string, unknown>,
): IngressControllerType | undefined {
  if (kind === 'IngressClass') {
    const controller = isRecord(obj.spec) ? obj.spec.controller : undefined;
    return INGRESS_CONTROLLERS.find((c) => c.ingressClassController === controller)?.value;
  }
  if (kind !== 'Deployment' && kind !== 'DaemonSet') return undefined;
  const images = containersOf(kind, obj).map((c) => (typeof c.image === 'string' ? c.image : ''));
  // jcmoraisjr/haproxy-ingress, not HAProxy Technologies' kubernetes-ingress (another project).
  if (images.some((i) => /(^|\/)haproxy-ingress(:|@|$)/.test(i))) return 'haproxy';
  if (images.some((i) => /ingress-nginx\/controller(:|@|$)/.test(i))) return 'nginx';
  if (name === 'haproxy-ingress') return 'haproxy';
  if (name === 'ingress-nginx-controller') return 'nginx';
  return undefined;
}

/** Reads a kube-system object for settings; returns a description when it was used. */
export function collectHints(
  hints: SettingsHints,
  kind: string,
  namespace: string | undefined,
  name: string,
  obj: Record<string, unknown>,
): string | undefined {
  const where = `${kind} ${namespace ? `${namespace}/` : ''}${name}`;
  if (kind === 'ConfigMap') {
    const data = dataOf(obj);
    if (name === 'kubeadm-config' && data.ClusterConfiguration) {
      const c = data.ClusterConfiguration;
      const pod = field(c, 'podSubnet');
      const svc = field(c, 'serviceSubnet');
      const domain = field(c, 'dnsDomain');
      if (pod && parseCidr(pod.split(',')[0]))
        hints.clusterCidr = { value: pod.split(',')[0], from: where };
      if (svc && parseCidr(svc.split(',')[0]))
        hints.serviceCidr = { value: svc.split(',')[0], from: where };
      if (domain) hints.clusterDomain = { value: domain, from: where };
      return 'kubeadm ClusterConfiguration (pod and Service subnets, DNS domain)';
    }
    if (name === 'kubelet-config' && data.kubelet) {
      const domain = field(data.kubelet, 'clusterDomain');
      if (domain && !hints.clusterDomain) hints.clusterDomain = { value: domain, from: where };
      return 'kubelet clusterDomain';
    }
    if (name === 'kube-proxy' && data['config.conf'] !== undefined) {
      const mode = field(data['config.conf'], 'mode');
      const value: ProxyMode | undefined =
        mode === '' || mode === 'iptables'
          ? 'iptables'
          : mode === 'ipvs' || mode === 'nftables'
            ? mode
            : undefined;
      if (value) hints.proxyMode = { value, from: where };
      return 'kube-proxy mode';
    }
    if (name === 'kube-flannel-cfg' && data['net-conf.json']) {
      try {
        const conf = JSON.parse(data['net-conf.json']) as unknown;
        if (isRecord(conf)) {
          const network = typeof conf.Network === 'string' ? conf.Network : undefined;
          if (network && parseCidr(network) && !hints.clusterCidr)
            hints.clusterCidr = { value: network, from: where };
          const backend =
            isRecord(conf.Backend) && typeof conf.Backend.Type === 'string'
              ? conf.Backend.Type
              : 'vxlan';
          hints.cni = {
            plugin: 'flannel',
            mode: backend === 'host-gw' ? 'host-gw' : 'vxlan',
            from: where,
          };
        }
      } catch {
        return undefined;
      }
      return 'Flannel network and backend';
    }
    if (name === 'cilium-config') {
      const native = data['routing-mode'] === 'native' || data.tunnel === 'disabled';
      const proto = data['tunnel-protocol'] ?? data.tunnel;
      hints.cni = {
        plugin: 'cilium',
        mode: native ? 'native' : proto === 'geneve' ? 'geneve' : 'vxlan',
        from: where,
      };
      const kpr = data['kube-proxy-replacement'];
      if (kpr === 'true' || kpr === 'strict') hints.proxyMode = { value: 'ebpf', from: where };
      return 'Cilium routing mode and kube-proxy replacement';
    }
    return undefined;
  }
  if (kind === 'IPPool') {
    const spec = isRecord(obj.spec) ? obj.spec : {};
    const on = (v: unknown) => v === 'Always' || v === 'CrossSubnet';
    const mode: CniMode = on(spec.vxlanMode) ? 'vxlan' : on(spec.ipipMode) ? 'ipip' : 'bgp';
    hints.cni = { plugin: 'calico', mode, from: where };
    if (typeof spec.cidr === 'string' && parseCidr(spec.cidr) && !hints.clusterCidr) {
      hints.clusterCidr = { value: spec.cidr, from: where };
    }
    return 'Calico IP pool (CIDR and encapsulation)';
  }
  const controller = ingressControllerFrom(kind, name, obj);
  if (controller && (!hints.ingressController || kind !== 'IngressClass')) {
    hints.ingressController = { value: controller, from: where };
    return `the ingress controller (${INGRESS_CONTROLLERS.find((c) => c.value === controller)?.label})`;
  }
  const systemNamespace = namespace === 'kube-system' || namespace === 'kube-flannel';
  const base = kind === 'Pod' ? name.replace(/-[a-z0-9]{5}$/, '') : name;
  if ((kind === 'DaemonSet' || kind === 'Pod') && systemNamespace && base === 'kube-router') {
    if (kind === 'Pod' && hints.cni?.plugin === 'kube-router') return undefined;
    const args = containersOf(kind, obj).flatMap((c) => [
      ...strings(c.command),
      ...strings(c.args),
    ]);
    return kubeRouterHints(hints, args, where);
  }
  if ((kind === 'DaemonSet' || kind === 'Pod') && systemNamespace && !hints.cni) {
    const found = CNI_WORKLOADS.find(([re]) => re.test(base));
    if (found) hints.cni = { plugin: found[1], from: where };
  }
  return undefined;
}

/** The smallest range holding every address, widened to at most `widest` bits of prefix. */
export function coveringCidr(ips: readonly Ipv4[], widest: number): Cidr | undefined {
  if (ips.length === 0) return undefined;
  const ints = ips.map(ipv4ToInt);
  let prefix = 32;
  const first = ints[0];
  for (const v of ints) {
    while (prefix > 0 && (first ^ v) >>> (32 - prefix) !== 0) prefix--;
  }
  prefix = Math.min(prefix, widest);
  return parseCidr(`${intToIpv4(first)}/${prefix}`);
}

/**
 * A Service range in which kube-dns sits at the tenth address, as kubeadm places it, holding
 * every ClusterIP. Prefers /16; narrower or wider when the addresses need it.
 */
function serviceRangeFor(dnsIp: Ipv4, ips: readonly Ipv4[]): Cidr | undefined {
  const base = ipv4ToInt(dnsIp) - 10;
  if (base < 0) return undefined;
  const fits = (prefix: number) => {
    const c = parseCidr(`${intToIpv4(base)}/${prefix}`);
    return c && ipv4ToInt(nthAddress(c, 0)) === base && ips.every((ip) => cidrContains(c, ip))
      ? c
      : undefined;
  };
  for (let p = 16; p <= 28; p++) if (fits(p)) return fits(p);
  for (let p = 15; p >= 8; p--) if (fits(p)) return fits(p);
  return undefined;
}

export interface InferredSettings {
  readonly settings: ClusterSettings;
  /** One line per setting that differs from the base, saying where it came from. */
  readonly notes: readonly string[];
}

/**
 * Settings for an imported cluster: the base, then what the dump's configuration objects say,
 * then ranges that follow the addresses when the addresses lie outside the base ranges.
 */
export function inferSettings(
  base: ClusterSettings,
  spec: Omit<ClusterSpec, 'settings'>,
  hints: SettingsHints,
): InferredSettings {
  const notes: string[] = [];
  const s: { -readonly [K in keyof ClusterSettings]: ClusterSettings[K] } = { ...base };
  /** Takes a setting the configuration objects name, with a note when it changes; false: none. */
  const takeHint = (field: 'clusterCidr' | 'serviceCidr' | 'clusterDomain', what: string) => {
    const hint = hints[field];
    if (!hint) return false;
    if (s[field] !== hint.value) notes.push(`${what} ${hint.value}, from ${hint.from}`);
    s[field] = hint.value;
    return true;
  };

  if (hints.cni) {
    const mode = hints.cni.mode ?? CNI_MODES[hints.cni.plugin][0];
    if (s.cni.plugin !== hints.cni.plugin || s.cni.mode !== mode) {
      s.cni = { plugin: hints.cni.plugin, mode };
      notes.push(`CNI ${hints.cni.plugin} (${mode}), from ${hints.cni.from}`);
    }
  }
  if (hints.proxyMode && s.proxyMode !== hints.proxyMode.value) {
    s.proxyMode = hints.proxyMode.value;
    notes.push(`kube-proxy mode ${s.proxyMode}, from ${hints.proxyMode.from}`);
  }
  if (
    hints.ingressController &&
    (s.ingressControllerType ?? 'nginx') !== hints.ingressController.value
  ) {
    s.ingressControllerType = hints.ingressController.value;
    const label = INGRESS_CONTROLLERS.find((c) => c.value === s.ingressControllerType)?.label;
    notes.push(`ingress controller ${label}, from ${hints.ingressController.from}`);
  }
  takeHint('clusterDomain', 'cluster domain');

  // Pod addresses: node pod CIDRs and pod IPs.
  // Only ranges a node can hold: a pod CIDR such as 0.0.0.0/0 is the node's own error (the
  // engine names it on the node), not a reason to change the cluster-wide settings.
  const { narrowest, widest } = RANGE_LIMITS.podCidr;
  const nodeCidrs = spec.nodes
    .flatMap((n) => (n.podCidr ? [parseCidr(n.podCidr)] : []))
    .filter((c): c is Cidr => !!c)
    .filter((c) => cidrRange(c).prefix >= widest && cidrRange(c).prefix <= narrowest);
  const podIps = spec.pods
    .flatMap((p) => (p.ip && !p.hostNetwork ? [parseIpv4(p.ip)] : []))
    .filter((ip): ip is Ipv4 => !!ip);
  const podAddresses = [
    ...nodeCidrs.map((c) => nthAddress(c, 0)),
    ...nodeCidrs.map((c) => nthAddress(c, cidrRange(c).size - 1)),
    ...podIps,
  ];
  if (!takeHint('clusterCidr', 'cluster CIDR')) {
    const current = parseCidr(s.clusterCidr);
    if (
      podAddresses.length > 0 &&
      (!current || !podAddresses.every((ip) => cidrContains(current, ip)))
    ) {
      const c = coveringCidr(podAddresses, 16);
      if (c) {
        s.clusterCidr = c;
        notes.push(`cluster CIDR ${c}, the /16 (or wider) range holding the pod addresses`);
      }
    }
  }
  const masks = new Set(nodeCidrs.map((c) => cidrRange(c).prefix));
  if (masks.size === 1) {
    const mask = [...masks][0];
    if ((s.nodeCidrMaskSize ?? 24) !== mask) {
      s.nodeCidrMaskSize = mask;
      notes.push(`node pod CIDR size /${mask}, from the nodes' pod CIDRs`);
    }
  }

  // Service addresses: ClusterIPs, and kube-dns in particular.
  const svcIps = spec.services
    .flatMap((x) => (x.clusterIP && x.clusterIP !== 'None' ? [parseIpv4(x.clusterIP)] : []))
    .filter((ip): ip is Ipv4 => !!ip);
  const dns = spec.services.find((x) => x.name === 'kube-dns' && x.namespace === 'kube-system');
  const dnsIp = dns?.clusterIP ? parseIpv4(dns.clusterIP) : undefined;
  if (!takeHint('serviceCidr', 'Service CIDR')) {
    const current = parseCidr(s.serviceCidr);
    const fitsCurrent =
      current &&
      svcIps.every((ip) => cidrContains(current, ip)) &&
      (!dnsIp || nthAddress(current, 10) === dnsIp);
    if (svcIps.length > 0 && !fitsCurrent) {
      const c = (dnsIp && serviceRangeFor(dnsIp, svcIps)) || coveringCidr(svcIps, 16);
      if (c) {
        s.serviceCidr = c;
        notes.push(
          `Service CIDR ${c}, the range holding the ClusterIPs${dnsIp ? ` with kube-dns at ${dnsIp}` : ''}`,
        );
      }
    }
  }

  // Node addresses.
  const nodeIps = spec.nodes
    .flatMap((n) => (n.ip ? [parseIpv4(n.ip)] : []))
    .filter((ip): ip is Ipv4 => !!ip);
  const nodeNet = parseCidr(s.nodeNetwork);
  if (nodeIps.length > 0 && (!nodeNet || !nodeIps.every((ip) => cidrContains(nodeNet, ip)))) {
    const c = coveringCidr(nodeIps, 24);
    if (c) {
      s.nodeNetwork = c;
      notes.push(`node network ${c}, the range holding the node addresses`);
    }
  }

  // NodePorts outside the range mean the cluster was started with another range.
  const nodePorts = spec.services.flatMap((x) =>
    x.ports.flatMap((p) => (p.nodePort ? [p.nodePort] : [])),
  );
  const range = parsePortRange(s.nodePortRange) ?? parsePortRange(DEFAULT_SETTINGS.nodePortRange);
  if (range && nodePorts.some((p) => p < range.from || p > range.to)) {
    const from = Math.min(range.from, ...nodePorts);
    const to = Math.max(range.to, ...nodePorts);
    s.nodePortRange = `${from}-${to}`;
    notes.push(`NodePort range ${s.nodePortRange}, to hold the Services' nodePorts`);
  }
  return { settings: s, notes };
}
