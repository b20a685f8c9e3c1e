/**
 * The engine's answers put in the terms lessons use: who owns an address, where a flow was
 * dropped and by what, what kind of addresses a DNS answer holds. Each reads the model or the
 * trace the engine produced; none decides a networking rule itself.
 */
import type { DnsResult } from '../engine/dns.ts';
import type { ClusterModel } from '../engine/model.ts';
import type { Hop, Probe, Trace } from '../engine/trace.ts';
import { DROP_REASON_TEXT } from '../engine/vocabulary.ts';
import type { DnsAnswerKind } from './lessonTypes.ts';

/**
 * Who an address belongs to, as lessons name it: a pod `namespace/name`, a node or an outside
 * client by name, a load balancer by its Service, `localhost` for loopback, else the address.
 */
export function addressOwner(model: ClusterModel, ip: string | null): string {
  if (ip === null) return 'nobody';
  if (ip.startsWith('127.')) return 'localhost';
  const pod = model.pods.find((p) => p.ip === ip && !p.hostNetwork);
  if (pod) return `${pod.namespace}/${pod.name}`;
  const node = model.nodes.find((n) => n.ip === ip);
  if (node) return node.name;
  const client = model.externalClients.find((c) => c.ip === ip);
  if (client) return client.name;
  const lb = model.services.find((s) => s.loadBalancerSourceIP === ip || s.loadBalancerIP === ip);
  if (lb) return `load balancer of ${lb.namespace}/${lb.name}`;
  return ip;
}

/** A flow in a few words: `default/client → web:80`. */
export function flowLabel(probe: Probe): string {
  const f = probe.from;
  const from = f.kind === 'pod' ? `${f.namespace}/${f.name}` : f.name;
  const t = probe.to;
  const port = probe.port !== undefined ? `:${probe.port}` : '';
  switch (t.kind) {
    case 'pod':
      return `${from} → ${t.namespace}/${t.name}${port}`;
    case 'ip':
      return `${from} → ${t.ip}${port}`;
    case 'name':
      return `${from} → ${t.name}${port}`;
    case 'url':
      return `${from} → ${t.url}`;
    case 'localhost':
      return `${from} → localhost${port}`;
  }
}

/** The hop that dropped the flow (in its DNS lookup too), or undefined when it was delivered. */
export function droppingHop(trace: Trace): Hop | undefined {
  if (trace.lookup && trace.lookup.verdict === 'Dropped') return droppingHop(trace.lookup);
  return trace.hops.find((h) => h.verdict === 'Dropped');
}

/** Where and why a flow was dropped, in one sentence: "dropped by policy deny-all at db's ingress". */
export function describeDrop(trace: Trace): string {
  const hop = droppingHop(trace);
  const reason = trace.reason ? DROP_REASON_TEXT[trace.reason] : 'it was dropped';
  if (!hop) return `was dropped: ${reason}`;
  const at = hop.location.at?.name ?? hop.location.device;
  const where = `at ${at}${hop.location.node ? ` on ${hop.location.node}` : ''}`;
  const denying = (hop.decisions ?? []).filter(
    (d) => d.kind === 'network-policy' && d.policy && /no rule allows/.test(d.summary),
  );
  if (denying.length > 0 && trace.reason === 'PolicyDenied') {
    const side = /for egress/.test(denying[0].summary) ? 'egress' : 'ingress';
    const names = denying.map((d) => d.policy?.name).join(' and ');
    const word = denying.length > 1 ? 'policies' : 'policy';
    return `was dropped by ${word} ${names} at ${at}'s ${side}`;
  }
  return `was dropped ${where}: ${reason}`;
}

/** The node where the destination address is first rewritten, or `none` when it never is. */
export function rewriteNode(trace: Trace): string {
  const hop = trace.hops.find((h) => h.after.dst.ip !== h.before.dst.ip);
  if (!hop) return 'none';
  return hop.location.node ?? hop.location.at?.name ?? hop.location.device;
}

/** What kind of addresses an A answer holds. */
export function dnsAnswerKind(model: ClusterModel, result: DnsResult): DnsAnswerKind {
  if (result.answers.some((a) => a.type === 'CNAME')) return 'cname';
  const addresses = result.answers.filter((a) => a.type === 'A').map((a) => a.data);
  if (addresses.length === 0) return 'none';
  if (addresses.every((ip) => model.services.some((s) => s.clusterIP === ip))) return 'cluster-ip';
  if (addresses.every((ip) => model.pods.some((p) => p.ip === ip))) return 'pod-ips';
  return 'none';
}

export const DNS_ANSWER_WORDS: Readonly<Record<DnsAnswerKind, string>> = {
  'pod-ips': "the pods' own addresses",
  'cluster-ip': "the Service's ClusterIP",
  cname: 'a CNAME to another name',
  none: 'no address',
};

/** Splits `namespace/name`. */
export function splitPodName(text: string): { namespace: string; name: string } {
  const slash = text.indexOf('/');
  return { namespace: text.slice(0, slash), name: text.slice(slash + 1) };
}
