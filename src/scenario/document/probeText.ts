/**
 * Probe text: how a person writes where a packet starts and where it goes, the same on the
 * command line (`podpath trace --from --to`) and in the probe bar's typed destination.
 *
 * Sources: `ns/pod` (or a bare pod name in `default`), `node/NAME`, `ip:ADDR` (a client outside
 * the cluster at that address). Targets: a URL, `localhost[:PORT]`, `ADDR[:PORT]`,
 * `node/NAME[:PORT]`, `ns/pod`, or a DNS name with an optional port (`web:8080`, the way curl
 * takes a host and a port). This module is the only code that reads or writes that text.
 */
import { parseIpv4 } from '../../engine/net.ts';
import { DEFAULT_NAMESPACE, type ExternalClientSpec } from '../../engine/spec.ts';
import type { ProbeSource, ProbeTarget } from '../../engine/trace.ts';

/** Text that is not probe text; the message names what is wrong with it. */
export class ProbeTextError extends Error {}

/** A pod written `ns/name`, or a bare name in the default namespace. */
export function readPodText(text: string, what: string): { namespace: string; name: string } {
  const parts = text.split('/');
  if (parts.length === 1 && parts[0]) return { namespace: DEFAULT_NAMESPACE, name: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1]) return { namespace: parts[0], name: parts[1] };
  throw new ProbeTextError(`${what} ${text}: expected NAMESPACE/POD, node/NAME or ip:ADDRESS`);
}

/** A source as written: `ip:ADDR` names an address, which a client outside may or may not have. */
export type SourceText =
  | { readonly kind: 'pod'; readonly namespace: string; readonly name: string }
  | { readonly kind: 'node'; readonly name: string }
  | { readonly kind: 'address'; readonly ip: string };

/** `ns/pod`, `node/NAME` or `ip:ADDR`; `what` names the field in a message (`--from`). */
export function readSourceText(text: string, what = '--from'): SourceText {
  if (text.startsWith('ip:')) {
    const ip = parseIpv4(text.slice(3));
    if (!ip) throw new ProbeTextError(`${what} ${text}: "${text.slice(3)}" is not an IPv4 address`);
    return { kind: 'address', ip };
  }
  if (text.startsWith('node/')) {
    const name = text.slice(5);
    if (!name) throw new ProbeTextError(`${what} node/NAME needs a node name`);
    return { kind: 'node', name };
  }
  return { kind: 'pod', ...readPodText(text, what) };
}

/** The source a text names among these outside clients, and the client to add when none has its address. */
export function sourceOfText(
  text: SourceText,
  clients: readonly ExternalClientSpec[],
): { readonly source: ProbeSource; readonly newClient?: ExternalClientSpec } {
  if (text.kind !== 'address') return { source: text };
  const existing = clients.find((c) => parseIpv4(c.ip) === text.ip);
  if (existing) return { source: { kind: 'external', name: existing.name } };
  const name = `client-${text.ip.replaceAll('.', '-')}`;
  return { source: { kind: 'external', name }, newClient: { name, ip: text.ip } };
}

/** A target as written, with the port the text carries (`10.0.0.5:30080`, `localhost:8080`). */
export interface TargetText {
  readonly target: ProbeTarget;
  readonly port?: number;
}

function portOf(text: string | undefined, whole: string): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw new ProbeTextError(`${whole}: the port must be from 1 to 65535`);
  }
  return n;
}

const DNS_NAME = /^[A-Za-z0-9_]([-A-Za-z0-9_.]*)$/;

/**
 * A URL (through an Ingress), `localhost[:PORT]`, an address with an optional port (ClusterIP,
 * pod IP, NodeIP:NodePort, load balancer IP), `node/NAME[:PORT]` (the node's address, looked up
 * with `nodeIp`), `ns/pod`, or else a DNS name with an optional port, resolved from the source
 * the way its resolver would.
 */
export function readTargetText(
  text: string,
  nodeIp: (name: string) => string | undefined,
): TargetText {
  if (/^https?:\/\//i.test(text)) return { target: { kind: 'url', url: text } };
  const local = /^localhost(?::(\d+))?$/i.exec(text);
  if (local) return { target: { kind: 'localhost' }, port: portOf(local[1], text) };
  const addr = /^(\d{1,3}(?:\.\d{1,3}){3})(?::(\d+))?$/.exec(text);
  if (addr) {
    if (!parseIpv4(addr[1])) {
      throw new ProbeTextError(`${text}: "${addr[1]}" is not an IPv4 address`);
    }
    return { target: { kind: 'ip', ip: addr[1] }, port: portOf(addr[2], text) };
  }
  const node = /^node\/([^:/]+)(?::(\d+))?$/.exec(text);
  if (node) {
    const ip = nodeIp(node[1]);
    if (!ip) throw new ProbeTextError(`${text}: there is no node ${node[1]}`);
    return { target: { kind: 'ip', ip }, port: portOf(node[2], text) };
  }
  if (text.includes('/')) return { target: { kind: 'pod', ...readPodText(text, 'target') } };
  const withPort = /^([A-Za-z0-9_][-A-Za-z0-9_.]*):(\d+)$/.exec(text);
  if (withPort && withPort[1].length <= 253) {
    return { target: { kind: 'name', name: withPort[1] }, port: portOf(withPort[2], text) };
  }
  if (!DNS_NAME.test(text) || text.length > 253) {
    throw new ProbeTextError(`${text}: not a pod (ns/pod), an address, a URL or a DNS name`);
  }
  return { target: { kind: 'name', name: text } };
}

/** A target the way `readTargetText` reads it back (a URL carries its own port). */
export function writeTargetText(target: ProbeTarget, port?: number): string {
  const withPort = (text: string) => (port === undefined ? text : `${text}:${port}`);
  switch (target.kind) {
    case 'pod':
      return `${target.namespace}/${target.name}`;
    case 'ip':
      return withPort(target.ip);
    case 'name':
      return withPort(target.name);
    case 'url':
      return target.url;
    case 'localhost':
      return withPort('localhost');
    default:
      return target satisfies never;
  }
}

/** A pod or node source the way `readSourceText` reads it back. */
export function writeSourceText(source: Exclude<ProbeSource, { kind: 'external' }>): string {
  return source.kind === 'node' ? `node/${source.name}` : `${source.namespace}/${source.name}`;
}
