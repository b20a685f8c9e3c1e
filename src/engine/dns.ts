/**
 * Cluster DNS as CoreDNS answers it (kubernetes/dns specification): Service A records,
 * headless per-endpoint records, SRV for named ports, pod hostname records under a headless
 * subdomain, CNAME for ExternalName, PTR; and the pod's resolv.conf search list with ndots.
 */
import type { ClusterModel, PodModel } from './model.ts';
import { ipv4ToInt, parseIpv4, type Ipv4 } from './net.ts';

export const RecordType = { A: 'A', AAAA: 'AAAA', SRV: 'SRV', CNAME: 'CNAME', PTR: 'PTR' } as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export interface DnsAnswer {
  readonly name: string;
  readonly type: RecordType;
  readonly data: string;
}

export interface DnsTry {
  readonly name: string;
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
}

export interface DnsResult {
  readonly rcode: 'NOERROR' | 'NXDOMAIN';
  readonly answers: readonly DnsAnswer[];
  /** Each name queried, in order, as the resolver walks the search list. */
  readonly tried: readonly DnsTry[];
  readonly resolvConf: readonly string[];
}

export function searchList(model: ClusterModel, namespace: string): string[] {
  const zone = model.settings.clusterDomain;
  return [`${namespace}.svc.${zone}`, `svc.${zone}`, zone];
}

export function resolvConf(model: ClusterModel, namespace: string): string[] {
  return [
    `search ${searchList(model, namespace).join(' ')}`,
    `nameserver ${model.settings.dnsServiceIp}`,
    'options ndots:5',
  ];
}

/** The candidate names a pod's resolver queries, in order (ndots:5). */
export function candidateNames(model: ClusterModel, namespace: string, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const expanded = searchList(model, namespace).map((s) => `${name}.${s}`);
  return dots >= 5 ? [name, ...expanded] : [...expanded, name];
}

/** Answers one fully qualified question the way CoreDNS's kubernetes plugin does. */
export function answerQuestion(
  model: ClusterModel,
  fqdn: string,
  type: RecordType,
): DnsAnswer[] | undefined {
  const zone = model.settings.clusterDomain;
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  if (type === 'PTR') return answerPtr(model, name);
  const suffix = `.svc.${zone}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');

  // _port._proto.svc.ns.svc.zone
  if (labels.length === 4 && labels[0].startsWith('_') && labels[1].startsWith('_')) {
    const [portName, proto, svcName, ns] = [
      labels[0].slice(1),
      labels[1].slice(1).toUpperCase(),
      labels[2],
      labels[3],
    ];
    const svc = model.services.find((s) => s.namespace === ns && s.name === svcName);
    if (!svc || svc.type === 'ExternalName') return undefined;
    const idx = svc.ports.findIndex((p) => p.name === portName && p.protocol === proto);
    if (idx < 0) return undefined;
    if (type !== 'SRV') return [];
    const port = svc.ports[idx];
    if (!svc.headless)
      return [{ name, type: 'SRV', data: `0 100 ${port.port} ${svcName}.${ns}${suffix}` }];
    return svc.endpoints[idx]
      .filter((e) => e.ready)
      .map((e) => ({
        name,
        type: 'SRV' as const,
        data: `0 100 ${e.port} ${endpointHostname(e.pod)}.${svcName}.${ns}${suffix}`,
      }));
  }

  if (labels.length === 2) {
    const [svcName, ns] = labels;
    const svc = model.services.find((s) => s.namespace === ns && s.name === svcName);
    if (!svc) return undefined;
    if (svc.type === 'ExternalName') return [{ name, type: 'CNAME', data: svc.externalName ?? '' }];
    if (type !== 'A') return [];
    if (!svc.headless) return svc.clusterIP ? [{ name, type: 'A', data: svc.clusterIP }] : [];
    const ips = new Set<string>();
    for (const list of svc.endpoints) for (const e of list) if (e.ready) ips.add(e.ip);
    if (svc.endpoints.length === 0) for (const p of svc.selectedPods) if (p.ready) ips.add(p.ip);
    return [...ips]
      .sort((a, b) => ipv4ToInt(a as Ipv4) - ipv4ToInt(b as Ipv4))
      .map((ip) => ({ name, type: 'A', data: ip }));
  }

  // hostname.subdomain.ns.svc.zone, for a pod whose subdomain names a headless Service
  if (labels.length === 3) {
    const [host, sub, ns] = labels;
    const svc = model.services.find((s) => s.namespace === ns && s.name === sub && s.headless);
    if (!svc) return undefined;
    const pod = model.pods.find(
      (p) => p.namespace === ns && p.subdomain === sub && endpointHostname(p) === host && p.ready,
    );
    if (!pod) return undefined;
    return type === 'A' ? [{ name, type: 'A', data: pod.ip }] : [];
  }
  return undefined;
}

function endpointHostname(pod: PodModel): string {
  return pod.hostname ?? pod.ip.replaceAll('.', '-');
}

function answerPtr(model: ClusterModel, name: string): DnsAnswer[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return undefined;
  const ip = parseIpv4(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`);
  if (!ip) return undefined;
  const zone = model.settings.clusterDomain;
  const svc = model.services.find((s) => s.clusterIP === ip);
  if (svc) return [{ name, type: 'PTR', data: `${svc.name}.${svc.namespace}.svc.${zone}` }];
  for (const s of model.services.filter((x) => x.headless)) {
    const pod = s.selectedPods.find((p) => p.ip === ip && p.ready);
    if (pod)
      return [
        {
          name,
          type: 'PTR',
          data: `${endpointHostname(pod)}.${s.name}.${s.namespace}.svc.${zone}`,
        },
      ];
  }
  return undefined;
}

/** Resolves a name from a pod's namespace, walking the search list like the pod's resolver. */
export function resolveName(
  model: ClusterModel,
  namespace: string,
  name: string,
  type: RecordType = 'A',
): DnsResult {
  const tried: DnsTry[] = [];
  const names = type === 'PTR' ? [name] : candidateNames(model, namespace, name);
  for (const candidate of names) {
    const answers = answerQuestion(model, candidate, type);
    if (answers === undefined) {
      tried.push({ name: candidate, rcode: 'NXDOMAIN' });
      continue;
    }
    tried.push({ name: candidate, rcode: 'NOERROR' });
    return { rcode: 'NOERROR', answers, tried, resolvConf: resolvConf(model, namespace) };
  }
  return { rcode: 'NXDOMAIN', answers: [], tried, resolvConf: resolvConf(model, namespace) };
}
