/** The cluster-settings options every command takes; they win over the file's settings. */
import { parseCidr, parsePortRange } from '../engine/net.ts';
import {
  CNI_MODES,
  CniPlugin,
  INGRESS_CONTROLLERS,
  LoadBalancerMode,
  ProxyMode,
  type ClusterSettings,
  type CniMode,
} from '../engine/spec.ts';
import { stringFlag, UsageError, type FlagSpecs, type ParsedArgs } from './args.ts';

const PLUGINS = Object.values(CniPlugin);
const cniHelp = PLUGINS.map((p) => `${p}[:${CNI_MODES[p].join('|')}]`).join(', ');
const list = (words: readonly string[]) =>
  `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
const INGRESS_WORDS = [...INGRESS_CONTROLLERS.map((c) => c.value), 'none'];
const LB_WORDS = Object.values(LoadBalancerMode);

export const SETTINGS_FLAGS: FlagSpecs = {
  cni: { type: 'string', value: 'PLUGIN[:MODE]', help: cniHelp },
  'proxy-mode': {
    type: 'string',
    value: 'MODE',
    help: `${list(Object.values(ProxyMode))} (ebpf needs Cilium; kube-router is its IPVS service proxy)`,
  },
  'cluster-cidr': { type: 'string', value: 'CIDR', help: 'the pod network, e.g. 10.244.0.0/16' },
  'service-cidr': { type: 'string', value: 'CIDR', help: 'the ClusterIP range, e.g. 10.96.0.0/12' },
  'node-network': {
    type: 'string',
    value: 'CIDR',
    help: 'the nodes’ network, e.g. 192.168.49.0/24',
  },
  'cluster-domain': { type: 'string', value: 'DOMAIN', help: 'the DNS zone, e.g. cluster.local' },
  'node-port-range': { type: 'string', value: 'FROM-TO', help: 'e.g. 30000-32767' },
  'ingress-controller': {
    type: 'string',
    value: 'NAME',
    help: `${list(INGRESS_WORDS)}: the ingress controller add-on (nginx is ingress-nginx, haproxy is HAProxy Ingress)`,
  },
  'load-balancer': {
    type: 'string',
    value: 'MODE',
    help: `${list(LB_WORDS)}: what LoadBalancer Services' cloud load balancers target (NodePort, NodePort through a TCP proxy, or pod IPs)`,
  },
};

function cidrFlag(flags: ParsedArgs['flags'], name: string): string | undefined {
  const v = stringFlag(flags, name);
  if (v === undefined) return undefined;
  if (!parseCidr(v))
    throw new UsageError(`--${name} must be an IPv4 CIDR such as 10.0.0.0/16, not "${v}"`);
  return v;
}

/** The settings the options ask for; a usage error for any value that is not one. */
export function settingsFromFlags(flags: ParsedArgs['flags']): Partial<ClusterSettings> {
  const out: { -readonly [K in keyof ClusterSettings]?: ClusterSettings[K] } = {};
  const cni = stringFlag(flags, 'cni');
  if (cni !== undefined) {
    const [plugin, mode, extra] = cni.toLowerCase().split(':');
    if (!Object.hasOwn(CniPlugin, plugin) || extra !== undefined) {
      throw new UsageError(`--cni must be ${list(PLUGINS)} (optionally :MODE), not "${cni}"`);
    }
    const p = plugin as CniPlugin;
    const modes: readonly string[] = CNI_MODES[p];
    if (mode !== undefined && !modes.includes(mode)) {
      throw new UsageError(`--cni ${p} has the modes ${modes.join(', ')}; "${mode}" is not one`);
    }
    out.cni = { plugin: p, mode: (mode ?? modes[0]) as CniMode };
  }
  const proxy = stringFlag(flags, 'proxy-mode');
  if (proxy !== undefined) {
    if (!Object.hasOwn(ProxyMode, proxy)) {
      throw new UsageError(
        `--proxy-mode must be ${list(Object.values(ProxyMode))}, not "${proxy}"`,
      );
    }
    out.proxyMode = proxy as ProxyMode;
  }
  const clusterCidr = cidrFlag(flags, 'cluster-cidr');
  if (clusterCidr) out.clusterCidr = clusterCidr;
  const serviceCidr = cidrFlag(flags, 'service-cidr');
  if (serviceCidr) out.serviceCidr = serviceCidr;
  const nodeNetwork = cidrFlag(flags, 'node-network');
  if (nodeNetwork) out.nodeNetwork = nodeNetwork;
  const domain = stringFlag(flags, 'cluster-domain');
  if (domain !== undefined) {
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(domain)) {
      throw new UsageError(
        `--cluster-domain must be a DNS name such as cluster.local, not "${domain}"`,
      );
    }
    out.clusterDomain = domain;
  }
  const range = stringFlag(flags, 'node-port-range');
  if (range !== undefined) {
    if (!parsePortRange(range)) {
      throw new UsageError(`--node-port-range must look like 30000-32767, not "${range}"`);
    }
    out.nodePortRange = range;
  }
  const ingress = stringFlag(flags, 'ingress-controller');
  if (ingress !== undefined) {
    const word = ingress.toLowerCase();
    if (word === 'none') out.ingressController = false;
    else {
      const controller = INGRESS_CONTROLLERS.find((c) => c.value === word);
      if (!controller) {
        throw new UsageError(
          `--ingress-controller must be ${list(INGRESS_WORDS)}, not "${ingress}"`,
        );
      }
      out.ingressController = true;
      out.ingressControllerType = controller.value;
    }
  }
  const lb = stringFlag(flags, 'load-balancer');
  if (lb !== undefined) {
    if (!Object.hasOwn(LoadBalancerMode, lb)) {
      throw new UsageError(`--load-balancer must be ${list(LB_WORDS)}, not "${lb}"`);
    }
    out.loadBalancer = lb as LoadBalancerMode;
  }
  return out;
}
