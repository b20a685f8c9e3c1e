/** Text on the command line to probe sources and targets. */
import { parseIpv4 } from '../engine/net.ts';
import type { ClusterSpec, ExternalClientSpec } from '../engine/spec.ts';
import type { ProbeSource, ProbeTarget } from '../engine/trace.ts';
import { UsageError } from './args.ts';

export interface ParsedSource {
  readonly source: ProbeSource;
  /** An outside client the scenario has to gain for `ip:ADDR`. */
  readonly newClient?: ExternalClientSpec;
}

/** `ns/pod`, `node/NAME` or `ip:ADDR` (an outside client; made up when the scenario lacks it). */
export function parseSource(text: string, spec: ClusterSpec): ParsedSource {
  if (text.startsWith('ip:')) {
    const ip = parseIpv4(text.slice(3));
    if (!ip) throw new UsageError(`--from ${text}: "${text.slice(3)}" is not an IPv4 address`);
    const existing = (spec.externalClients ?? []).find((c) => parseIpv4(c.ip) === ip);
    if (existing) return { source: { kind: 'external', name: existing.name } };
    const name = `client-${ip.replaceAll('.', '-')}`;
    return { source: { kind: 'external', name }, newClient: { name, ip } };
  }
  if (text.startsWith('node/')) {
    const name = text.slice(5);
    if (!name) throw new UsageError('--from node/NAME needs a node name');
    return { source: { kind: 'node', name } };
  }
  return { source: { kind: 'pod', ...podRef(text, '--from') } };
}

/** `ns/name`, or a bare name in the default namespace. */
export function podRef(text: string, what: string): { namespace: string; name: string } {
  const parts = text.split('/');
  if (parts.length === 1 && parts[0]) return { namespace: 'default', name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  throw new UsageError(`${what} ${text}: expected NAMESPACE/POD, node/NAME or ip:ADDRESS`);
}

export interface ParsedTarget {
  readonly target: ProbeTarget;
  /** A port written into the target (`10.0.0.5:30080`, `localhost:8080`). */
  readonly port?: number;
}

function portOf(text: string | undefined, whole: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new UsageError(`${whole}: the port must be from 1 to 65535`);
  }
  return n;
}

/**
 * A URL (through an Ingress), `localhost[:PORT]`, an address with an optional port (ClusterIP,
 * pod IP, NodeIP:NodePort, load balancer IP), `node/NAME[:PORT]`, `ns/pod`, or else a DNS name
 * with an optional port, resolved from the source the way its resolver would.
 */
export function parseTarget(
  text: string,
  nodeIp: (name: string) => string | undefined,
): ParsedTarget {
  if (/^https?:\/\//i.test(text)) return { target: { kind: 'url', url: text } };
  const local = /^localhost(?::(\d+))?$/i.exec(text);
  if (local) return { target: { kind: 'localhost' }, port: portOf(local[1], text) };
  const addr = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(text);
  if (addr) {
    if (!parseIpv4(addr[1])) throw new UsageError(`${text}: "${addr[1]}" is not an IPv4 address`);
    return { target: { kind: 'ip', ip: addr[1] }, port: portOf(addr[2], text) };
  }
  const node = /^node\/([^:/]+)(?::(\d+))?$/.exec(text);
  if (node) {
    const ip = nodeIp(node[1]);
    if (!ip) throw new UsageError(`${text}: there is no node ${node[1]}`);
    return { target: { kind: 'ip', ip }, port: portOf(node[2], text) };
  }
  if (text.includes('/')) return { target: { kind: 'pod', ...podRef(text, 'target') } };
  // NAME:PORT, the way curl takes a host and a port (`web:8080`, `kubernetes.default:443`).
  const withPort = /^([A-Za-z0-9_][-A-Za-z0-9_.]*):(\d+)$/.exec(text);
  if (withPort && withPort[1].length <= 253) {
    return { target: { kind: 'name', name: withPort[1] }, port: portOf(withPort[2], text) };
  }
  if (!/^[A-Za-z0-9_]([-A-Za-z0-9_.]*)$/.test(text) || text.length > 253) {
    throw new UsageError(`${text}: not a pod (ns/pod), an address, a URL or a DNS name`);
  }
  return { target: { kind: 'name', name: text } };
}
