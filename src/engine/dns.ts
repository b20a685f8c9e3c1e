/**
 * Cluster DNS as CoreDNS answers it (kubernetes/dns specification): Service A records,
 * headless per-endpoint records, SRV for named ports, pod hostname records under a headless
 * subdomain, CNAME for ExternalName, PTR; and the pod's resolv.conf search list with ndots.
 */
import { fnv1a } from './hash.ts';
import { oncePerModel } from './oncePerModel.ts';
import type { ClusterModel, ExternalClientModel, PodModel, ServiceModel } from './model.ts';
import { intToIpv4, ipv4ToInt, parseIpv4, type Ipv4 } from './net.ts';
import { candidatesFor, podResolver, type PodResolver } from './podResolver.ts';

export const RecordType = {
  A: 'A',
  AAAA: 'AAAA',
  SRV: 'SRV',
  CNAME: 'CNAME',
  PTR: 'PTR',
  TXT: 'TXT',
} as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export interface DnsAnswer {
  readonly name: string;
  readonly type: RecordType;
  readonly data: string;
}

export interface DnsTry {
  readonly name: string;
  readonly rcode: DnsRcode;
}

/**
 * NOERROR with answers, NXDOMAIN when no candidate exists, SERVFAIL when a CNAME chain inside
 * the cluster loops; FORWARDED when the name is outside the cluster domain and CoreDNS hands it
 * to the upstream resolver, which PodPath does not simulate.
 */
export type DnsRcode = 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'FORWARDED';

export interface DnsResult {
  readonly rcode: DnsRcode;
  readonly answers: readonly DnsAnswer[];
  /** Each name queried, in order, as the resolver walks the search list. */
  readonly tried: readonly DnsTry[];
  readonly resolvConf: readonly string[];
  /** The nameserver the resolver asked (the first in resolv.conf). */
  readonly nameserver?: Ipv4;
  /** Whether that nameserver is the cluster DNS (CoreDNS), which knows the cluster's names. */
  readonly byCoreDns: boolean;
  /** The pod's resolver, when the lookup started from a pod. */
  readonly resolver?: PodResolver;
}

interface DnsIndex {
  readonly serviceByKey: ReadonlyMap<string, ServiceModel>;
  readonly serviceByClusterIp: ReadonlyMap<string, ServiceModel>;
}

const dnsIndex = oncePerModel((model): DnsIndex => ({
  serviceByKey: new Map(model.services.map((s) => [`${s.namespace}/${s.name}`, s])),
  serviceByClusterIp: new Map(
    model.services.filter((s) => s.clusterIP).map((s) => [s.clusterIP as string, s]),
  ),
}));

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

/** The candidate names a ClusterFirst pod's resolver queries, in order (ndots:5). */
export function candidateNames(model: ClusterModel, namespace: string, name: string): string[] {
  return candidatesFor({ searches: searchList(model, namespace), ndots: 5 }, name);
}

/** Answers one fully qualified question the way CoreDNS's kubernetes plugin does. */
export function answerQuestion(
  model: ClusterModel,
  fqdn: string,
  type: RecordType,
): DnsAnswer[] | undefined {
  const zone = model.settings.clusterDomain.toLowerCase();
  const name = fqdn.toLowerCase().replace(/\.$/, '');
  if (type === 'PTR') return answerPtr(model, name);
  // The schema version the specification asks for (CoreDNS answers its DNSSchemaVersion).
  if (name === `dns-version.${zone}`)
    return type === 'TXT' ? [{ name, type: 'TXT', data: `"${DNS_SCHEMA_VERSION}"` }] : [];
  const pod = answerPodAddress(name, zone, type);
  if (pod) return pod;
  const suffix = `.svc.${zone}`;
  if (!name.endsWith(suffix)) return undefined;
  const labels = name.slice(0, -suffix.length).split('.');
  const { serviceByKey } = dnsIndex(model);

  // _port._proto.svc.ns.svc.zone: SRV for a named port
  if (labels.length === 4 && labels[0].startsWith('_') && labels[1].startsWith('_')) {
    const [portName, proto, svcName, ns] = [
      labels[0].slice(1),
      labels[1].slice(1).toUpperCase(),
      labels[2],
      labels[3],
    ];
    const svc = serviceByKey.get(`${ns}/${svcName}`);
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
        data: `0 100 ${e.port} ${endpointHostname(e.pod, svc)}.${svcName}.${ns}${suffix}`,
      }));
  }

  if (labels.length === 2) {
    const [svcName, ns] = labels;
    const svc = serviceByKey.get(`${ns}/${svcName}`);
    if (!svc) return undefined;
    if (svc.type === 'ExternalName') {
      return [
        { name, type: 'CNAME', data: (svc.externalName ?? '').toLowerCase().replace(/\.$/, '') },
      ];
    }
    if (type !== 'A') return [];
    if (!svc.headless) return svc.clusterIP ? [{ name, type: 'A', data: svc.clusterIP }] : [];
    const ready = readyPods(svc);
    // A headless Service with no ready endpoints answers NXDOMAIN (specification 2.4.1).
    if (ready.length === 0) return undefined;
    return ready
      .map((p) => p.ip)
      .sort((a, b) => ipv4ToInt(a) - ipv4ToInt(b))
      .map((ip) => ({ name, type: 'A', data: ip }));
  }

  // hostname.service.ns.svc.zone: one name per ready endpoint of a headless Service; a pod's own
  // hostname when its subdomain names the Service, else its address with dashes.
  if (labels.length === 3) {
    const [host, svcName, ns] = labels;
    const svc = serviceByKey.get(`${ns}/${svcName}`);
    if (!svc || !svc.headless) return undefined;
    const pod = readyPods(svc).find((p) => endpointHostname(p, svc) === host);
    if (!pod) return undefined;
    return type === 'A' ? [{ name, type: 'A', data: pod.ip }] : [];
  }
  return undefined;
}

/** The schema version of the DNS specification CoreDNS's kubernetes plugin implements. */
export const DNS_SCHEMA_VERSION = '1.0.1';

/**
 * The deprecated pod records (specification 2.6): `a-b-c-d.<ns>.pod.<zone>` answers a.b.c.d.
 * kubeadm's Corefile has `pods insecure`, which answers them without checking a pod exists.
 */
function answerPodAddress(name: string, zone: string, type: RecordType): DnsAnswer[] | undefined {
  const suffix = `.pod.${zone}`;
  if (!name.endsWith(suffix)) return undefined;
  const [dashed, ns, ...rest] = name.slice(0, -suffix.length).split('.');
  if (!ns || rest.length > 0 || !/^\d+-\d+-\d+-\d+$/.test(dashed)) return undefined;
  const ip = parseIpv4(dashed.replaceAll('-', '.'));
  if (!ip) return undefined;
  return type === 'A' ? [{ name, type: 'A', data: ip }] : [];
}

/** The ready pods behind a Service's endpoints (or its selector, when it lists no ports). */
function readyPods(svc: ServiceModel): PodModel[] {
  const seen = new Set<PodModel>();
  for (const list of svc.endpoints) for (const e of list) if (e.ready) seen.add(e.pod);
  if (svc.ports.length === 0)
    for (const p of svc.selectedPods) if (p.ready || svc.publishNotReadyAddresses) seen.add(p);
  return [...seen];
}

/** The endpoint's hostname as the EndpointSlice controller sets it. */
function endpointHostname(pod: PodModel, svc: ServiceModel): string {
  return pod.hostname && pod.subdomain === svc.name ? pod.hostname : pod.ip.replaceAll('.', '-');
}

function answerPtr(model: ClusterModel, name: string): DnsAnswer[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(name);
  if (!m) return undefined;
  const ip = parseIpv4(`${m[4]}.${m[3]}.${m[2]}.${m[1]}`);
  if (!ip) return undefined;
  const zone = model.settings.clusterDomain;
  const svc = dnsIndex(model).serviceByClusterIp.get(ip);
  if (svc) return [{ name, type: 'PTR', data: `${svc.name}.${svc.namespace}.svc.${zone}` }];
  for (const s of model.services) {
    if (!s.headless) continue;
    const pod = readyPods(s).find((p) => p.ip === ip);
    if (pod)
      return [
        {
          name,
          type: 'PTR',
          data: `${endpointHostname(pod, s)}.${s.name}.${s.namespace}.svc.${zone}`,
        },
      ];
  }
  return undefined;
}

/** CoreDNS follows a CNAME to a name in the cluster domain itself; eight links at most. */
const MAX_CNAME_CHAIN = 8;

/** Resolves a name as a ClusterFirst pod in the namespace does (the tests' and CLI's default). */
export function resolveName(
  model: ClusterModel,
  namespace: string,
  name: string,
  type: RecordType = 'A',
): DnsResult {
  return resolveWith(
    model,
    {
      nameservers: [model.settings.dnsServiceIp],
      searches: searchList(model, namespace),
      ndots: 5,
      lines: resolvConf(model, namespace),
    },
    name,
    type,
  );
}

/** Resolves a name with the pod's own resolv.conf, as the kubelet wrote it for its dnsPolicy. */
export function resolveFromPod(
  model: ClusterModel,
  pod: PodModel,
  name: string,
  type: RecordType = 'A',
): DnsResult {
  const node = model.nodes.find((n) => n.name === pod.node);
  if (!node) return resolveName(model, pod.namespace, name, type);
  const resolver = podResolver(model, pod, node);
  return { ...resolveWith(model, resolver, name, type), resolver };
}

/** Whether the address is the cluster DNS: the kube-dns Service or one of its CoreDNS pods. */
export function isClusterDns(model: ClusterModel, ip: string): boolean {
  if (ip === model.settings.dnsServiceIp) return true;
  const svc = dnsIndex(model).serviceByClusterIp.get(model.settings.dnsServiceIp);
  return !!svc && svc.endpoints.some((list) => list.some((e) => e.pod.ip === ip));
}

type ResolverFile = Pick<PodResolver, 'nameservers' | 'searches' | 'ndots' | 'lines'>;

function resolveWith(
  model: ClusterModel,
  resolver: ResolverFile,
  name: string,
  type: RecordType,
): DnsResult {
  const conf = resolver.lines;
  const zone = model.settings.clusterDomain;
  const tried: DnsTry[] = [];
  const nameserver = resolver.nameservers[0];
  const base = { resolvConf: conf, nameserver, byCoreDns: false };
  // No nameserver at all (dnsPolicy None without one): the API server refuses such a pod.
  if (nameserver === undefined) return { ...base, rcode: 'NXDOMAIN', answers: [], tried };
  const names = type === 'PTR' ? [name] : candidatesFor(resolver, name);
  if (!isClusterDns(model, nameserver)) {
    // A resolver outside the cluster has no cluster zone: it answers outside names only.
    for (const candidate of names) {
      const known =
        type !== 'PTR' &&
        !isInZone(candidate, zone) &&
        (looksPublic(candidate) || outsideElementNamed(model, candidate) !== undefined);
      tried.push({ name: candidate, rcode: known ? 'FORWARDED' : 'NXDOMAIN' });
      if (known) return { ...base, rcode: 'FORWARDED', answers: [], tried };
    }
    return { ...base, rcode: 'NXDOMAIN', answers: [], tried };
  }
  const coreDns = { ...base, byCoreDns: true };
  for (const candidate of names) {
    const answers = answerQuestion(model, candidate, type);
    if (answers === undefined) {
      const outside =
        type !== 'PTR' &&
        candidate === names[names.length - 1] &&
        !isInZone(candidate, zone) &&
        (looksPublic(candidate) || outsideElementNamed(model, candidate) !== undefined);
      tried.push({ name: candidate, rcode: outside ? 'FORWARDED' : 'NXDOMAIN' });
      if (outside) return { ...coreDns, rcode: 'FORWARDED', answers: [], tried };
      continue;
    }
    tried.push({ name: candidate, rcode: 'NOERROR' });
    const chain = [...answers];
    let rcode: DnsRcode = 'NOERROR';
    for (let links = 0; type !== 'CNAME'; links++) {
      const last = chain.at(-1);
      if (!last || last.type !== 'CNAME') break;
      if (!isInZone(last.data, zone)) break; // upstream's business, outside the simulation
      if (links >= MAX_CNAME_CHAIN || chain.some((a) => a.name === last.data)) {
        rcode = 'SERVFAIL';
        break;
      }
      const next = answerQuestion(model, last.data, type);
      if (next === undefined) {
        rcode = 'NXDOMAIN';
        break;
      }
      chain.push(...next);
    }
    return { ...coreDns, rcode, answers: chain, tried };
  }
  return { ...coreDns, rcode: 'NXDOMAIN', answers: [], tried };
}

function isInZone(name: string, zone: string): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  return n === zone || n.endsWith(`.${zone}`);
}

/**
 * Whether a name outside the cluster domain ends in a public top-level domain, so CoreDNS's
 * upstream would most likely answer it. "web.other" (a mistyped namespace) stays NXDOMAIN.
 */
const PUBLIC_TLDS = new Set(
  (
    'com net org io dev app ai co cloud tech info biz edu gov mil int eu us uk de fr nl jp cn in ' +
    'au ca br ru ch se no es it pl be at dk fi nz za kr tw sg hk ie pt cz gr hu il mx ar cl tr'
  ).split(' '),
);

function looksPublic(name: string): boolean {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.');
  return labels.length >= 2 && PUBLIC_TLDS.has(labels[labels.length - 1]);
}

function outsideElementNamed(model: ClusterModel, name: string): ExternalClientModel | undefined {
  const n = name.toLowerCase().replace(/\.$/, '');
  return model.externalClients.find((c) => c.hostname === n);
}

/** What the upstream resolver answers for an outside name, and whether the scenario says so. */
export interface UpstreamAnswer {
  readonly ip: Ipv4;
  /** The scenario's outside element with that name; undefined when the address is assumed. */
  readonly element?: ExternalClientModel;
}

/**
 * The A record the upstream resolver gives for a name outside the cluster domain (CoreDNS
 * hands it on with `forward . /etc/resolv.conf`). An outside element with that hostname gives
 * its own address; any other name gets an assumed address from 192.0.2.0/24 (TEST-NET-1, RFC
 * 5737), the same for the same name, never one the scenario already uses.
 */
export function upstreamAnswer(model: ClusterModel, name: string): UpstreamAnswer {
  const element = outsideElementNamed(model, name);
  if (element) return { ip: element.ip, element };
  const used = new Set<string>([
    ...model.externalClients.map((c) => c.ip),
    ...model.nodes.map((n) => n.ip),
    ...model.services.flatMap((s) => (s.loadBalancerIP ? [s.loadBalancerIP] : [])),
  ]);
  const base = ipv4ToInt('192.0.2.0' as Ipv4);
  const start = fnv1a(name.toLowerCase().replace(/\.$/, '')) % 253;
  for (let i = 0; i < 253; i++) {
    const ip = intToIpv4(base + 1 + ((start + i) % 253));
    if (!used.has(ip)) return { ip };
  }
  return { ip: intToIpv4(base + 1 + start) };
}
