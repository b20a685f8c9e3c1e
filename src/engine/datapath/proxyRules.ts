/**
 * The rules each service proxy mode writes (iptables, IPVS, nftables, Cilium's eBPF maps,
 * kube-router's IPVS), as text a trace can quote, and the decisions that quote them.
 */
import { fnv1a } from '../hash.ts';
import type { EndpointModel, NodeModel, ServiceModel, ServicePortModel } from '../model.ts';
import type { Ipv4 } from '../net.ts';
import type { ProxyMode } from '../spec.ts';
import type { Decision } from '../trace.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A stable 16-character chain suffix, in the spirit of kube-proxy's hashed chain names. */
export function chainHash(text: string): string {
  let a = fnv1a(text);
  let b = fnv1a(`${text}#`);
  let out = '';
  for (let i = 0; i < 16; i++) {
    const src = i < 8 ? a : b;
    out += BASE32[src & 31];
    if (i < 8) a = Math.floor(a / 32) ^ (a << 3);
    else b = Math.floor(b / 32) ^ (b << 3);
  }
  return out;
}

export function servicePortName(svc: ServiceModel, port: ServicePortModel): string {
  return `${svc.namespace}/${svc.name}${port.name ? `:${port.name}` : ''}`;
}

interface WrittenRules {
  readonly mode: ProxyMode;
  readonly svc: ServiceModel;
  readonly vip: Ipv4;
  readonly vipPort: number;
  readonly rules: string[];
}

/**
 * Rules written once per endpoint list, Service port, address and mode; traces share them
 * (read-only). Found by the objects themselves and a short scan rather than by a text key: a key
 * put together per trace cost more than the lookup it served.
 */
const rulesCache = new WeakMap<
  readonly EndpointModel[],
  WeakMap<ServicePortModel, WrittenRules[]>
>();

/** The rule text for this mode, Service port, address and endpoints (written once, then shared). */
export function proxyRules(...args: Parameters<typeof writeProxyRules>): string[] {
  const [mode, svc, port, vip, vipPort, endpoints] = args;
  let byPort = rulesCache.get(endpoints);
  if (!byPort) {
    byPort = new WeakMap();
    rulesCache.set(endpoints, byPort);
  }
  let written = byPort.get(port);
  if (!written) {
    written = [];
    byPort.set(port, written);
  }
  for (const w of written) {
    if (w.mode === mode && w.svc === svc && w.vip === vip && w.vipPort === vipPort) return w.rules;
  }
  const rules = writeProxyRules(...args);
  written.push({ mode, svc, vip, vipPort, rules });
  return rules;
}

function writeProxyRules(
  mode: ProxyMode,
  svc: ServiceModel,
  port: ServicePortModel,
  vip: Ipv4,
  vipPort: number,
  endpoints: readonly EndpointModel[],
): string[] {
  const name = servicePortName(svc, port);
  const proto = port.protocol.toLowerCase();
  const svcChain = `KUBE-SVC-${chainHash(`${name}${port.protocol}`)}`;
  const sep = (e: EndpointModel) =>
    `KUBE-SEP-${chainHash(`${name}${port.protocol}${e.ip}:${e.port}`)}`;
  switch (mode) {
    case 'iptables': {
      const rules = [
        `-A KUBE-SERVICES -d ${vip}/32 -p ${proto} -m comment --comment "${name} cluster IP" -m ${proto} --dport ${vipPort} -j ${svcChain}`,
      ];
      endpoints.forEach((e, i) => {
        const n = endpoints.length;
        const stat =
          i < n - 1 ? ` -m statistic --mode random --probability ${(1 / (n - i)).toFixed(11)}` : '';
        const recent =
          svc.sessionAffinity === 'ClientIP'
            ? ` -m recent --name ${sep(e)} --rcheck --seconds ${svc.sessionAffinityTimeoutSeconds} --reap`
            : '';
        rules.push(
          `-A ${svcChain} -m comment --comment "${name} -> ${e.ip}:${e.port}"${recent}${stat} -j ${sep(e)}`,
        );
      });
      for (const e of endpoints) {
        rules.push(`-A ${sep(e)} -s ${e.ip}/32 -m comment --comment "${name}" -j KUBE-MARK-MASQ`);
        rules.push(
          `-A ${sep(e)} -p ${proto} -m comment --comment "${name}" -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`,
        );
      }
      return rules;
    }
    case 'ipvs':
      return [
        `kube-ipvs0: inet ${vip}/32 scope global (the ClusterIP is bound to a dummy device)`,
        `${port.protocol}  ${vip}:${vipPort} rr${svc.sessionAffinity === 'ClientIP' ? ` persistent ${svc.sessionAffinityTimeoutSeconds}` : ''}`,
        ...endpoints.map((e) => `  -> ${e.ip}:${e.port}    Masq    1`),
      ];
    case 'nftables': {
      const chain = `service-${chainHash(name).slice(0, 8)}-${svc.namespace}/${svc.name}/${proto}/${port.name ?? ''}`;
      const ep = (e: EndpointModel) =>
        `endpoint-${chainHash(`${name}${e.ip}`).slice(0, 8)}-${svc.namespace}/${svc.name}/${proto}/${port.name ?? ''}__${e.ip}/${e.port}`;
      return [
        `map service-ips { ... elements = { ${vip} . ${proto} . ${vipPort} : goto ${chain} } }`,
        `chain ${chain} { numgen random mod ${endpoints.length} vmap { ${endpoints.map((e, i) => `${i} : goto ${ep(e)}`).join(', ')} } }`,
        ...endpoints.map(
          (e) =>
            `chain ${ep(e)} { ip saddr ${e.ip} jump mark-for-masquerade; meta l4proto ${proto} dnat to ${e.ip}:${e.port} }`,
        ),
      ];
    }
    case 'ebpf':
      return [
        `cilium bpf lb list: ${vip}:${vipPort}/${port.protocol} (service)`,
        ...endpoints.map((e, i) => `  slot ${i + 1}: ${e.ip}:${e.port} (backend)`),
      ];
    case 'kube-router':
      // kube-router's network services controller: the address on kube-dummy-if, one IPVS
      // virtual server per address and port, round robin unless annotated otherwise.
      return [
        `kube-dummy-if: inet ${vip}/32 scope link (kube-router binds the Service address to its dummy device)`,
        `${port.protocol}  ${vip}:${vipPort} rr${svc.sessionAffinity === 'ClientIP' ? ` persistent ${svc.sessionAffinityTimeoutSeconds}` : ''}`,
        ...endpoints.map((e) => `  -> ${e.ip}:${e.port}    Masq    1`),
      ];
    default: {
      const never: never = mode;
      throw new Error(`unknown proxy mode ${String(never)}`);
    }
  }
}

/** The rule a Service without endpoints gets: the client is told at once. */
export function rejectRule(
  mode: ProxyMode,
  svc: ServiceModel,
  port: ServicePortModel,
  vip: Ipv4,
  vipPort: number,
): string {
  const name = servicePortName(svc, port);
  const proto = port.protocol.toLowerCase();
  switch (mode) {
    case 'iptables':
      return `-A KUBE-SERVICES -d ${vip}/32 -p ${proto} -m comment --comment "${name} has no endpoints" -m ${proto} --dport ${vipPort} -j REJECT --reject-with icmp-port-unreachable`;
    case 'ipvs':
      return `${port.protocol}  ${vip}:${vipPort} rr   (no real servers)`;
    case 'nftables':
      return `map no-endpoint-services { elements = { ${vip} . ${proto} . ${vipPort} : goto reject-chain } }`;
    case 'ebpf':
      return `cilium bpf lb list: ${vip}:${vipPort}/${port.protocol} (service, no backends: dropped)`;
    case 'kube-router':
      return `${port.protocol}  ${vip}:${vipPort} rr   (kube-router IPVS service without real servers)`;
    default: {
      const never: never = mode;
      throw new Error(`unknown proxy mode ${String(never)}`);
    }
  }
}

/**
 * kube-router's masquerade rule: IPVS traffic that neither comes from nor goes to this node's
 * pods gets the node's address.
 */
export function kubeRouterMasqueradeRule(node: NodeModel): string {
  return `-m ipvs --ipvs --vdir ORIGINAL --vmethod MASQ ! -s ${node.podCidr} ! -d ${node.podCidr} -j SNAT --to ${node.ip}`;
}

/** The rules that take a nodePort to one of the Service's endpoints. */
export function nodePortRules(
  mode: ProxyMode,
  svc: ServiceModel,
  port: ServicePortModel,
  node: NodeModel,
  local: boolean,
  endpointRules: readonly string[],
  /** The external chain's rules that matched instead of the policy's (local traffic). */
  externalChain?: readonly string[],
): string[] {
  const nodePort = port.nodePort as number;
  if (mode === 'kube-router')
    return [
      `(kube-router) an IPVS virtual server on ${node.ip}:${nodePort} for nodePort ${nodePort}${local ? ", with only this node's endpoints as real servers (externalTrafficPolicy: Local)" : ''}`,
      ...endpointRules.filter((r) => !r.startsWith('kube-dummy-if')),
      `-A POSTROUTING (kube-router masquerade chain) ${kubeRouterMasqueradeRule(node)}`,
    ];
  return [
    `-A KUBE-NODEPORTS -p ${port.protocol.toLowerCase()} -m comment --comment "${servicePortName(svc, port)}" -m ${port.protocol.toLowerCase()} --dport ${nodePort} -j KUBE-EXT-...`,
    ...(externalChain ??
      (local
        ? ["-A KUBE-EXT-... -j KUBE-SVL-... (only this node's endpoints, no masquerade)"]
        : [
            '-A KUBE-EXT-... -j KUBE-MARK-MASQ (masquerade traffic from outside), then -j KUBE-SVC-...',
          ])),
    ...endpointRules,
  ];
}

/** An endpoint's own traffic to its Service is marked for masquerade by its endpoint chain. */
export function hairpinMasqueradeDecision(endpointIp: Ipv4): Decision {
  return {
    kind: 'kube-proxy',
    summary: 'hairpin: KUBE-MARK-MASQ, then MASQUERADE in POSTROUTING',
    rules: [`-A KUBE-SEP-... -s ${endpointIp}/32 -j KUBE-MARK-MASQ`],
  };
}

/** The masquerade of Service traffic from outside, as the mode writes it. */
export function nodePortMasqueradeDecision(mode: ProxyMode, node: NodeModel): Decision {
  return mode === 'kube-router'
    ? {
        kind: 'kube-proxy',
        summary: `kube-router: SNAT IPVS traffic that is neither from nor to ${node.podCidr}`,
        rules: [kubeRouterMasqueradeRule(node)],
      }
    : {
        kind: 'kube-proxy',
        summary: 'POSTROUTING: KUBE-POSTROUTING -m mark --mark 0x4000/0x4000 -j MASQUERADE',
        rules: [
          '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
        ],
      };
}

/** What the rules a service proxy mode writes are, as the heading over them. */
export const PROXY_RULES_TITLE: Readonly<Record<ProxyMode, string>> = {
  iptables: 'iptables rules (nat table), as kube-proxy writes them',
  ipvs: 'IPVS virtual server and real servers (ipvsadm -Ln)',
  nftables: 'nftables maps and chains (table ip kube-proxy)',
  ebpf: 'Cilium eBPF service map',
  'kube-router': 'IPVS virtual server and real servers, as kube-router writes them (ipvsadm -Ln)',
};
