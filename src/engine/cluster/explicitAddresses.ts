/** Settings that follow the addresses a spec brings (a dump of a real cluster). */
import type { Diagnostic, ResolvedSettings } from '../model.ts';
import {
  cidrRange,
  cidrsOverlap,
  coveringCidr,
  ipv4ToInt,
  nthAddress,
  parseCidr,
  parseIpv4,
  rangeWithin,
  widenCidr,
  type Cidr,
  type CidrRange,
  type Ipv4,
} from '../net.ts';
import type { ClusterSettings, ClusterSpec } from '../spec.ts';
import { DNS_NAMESPACE, DNS_SERVICE } from '../systemObjects.ts';
import { usablePodCidr } from './nodes.ts';
import { RANGE_LIMITS } from './settings.ts';

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
export function followExplicitAddresses(
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
