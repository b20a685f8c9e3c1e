import type { Endpoint, Hop, Packet } from '../engine/trace.ts';

export const formatEndpoint = (e: Endpoint) => `${e.ip}:${e.port}`;

export const formatPacket = (p: Packet) =>
  `${p.protocol} ${formatEndpoint(p.src)} → ${formatEndpoint(p.dst)}`;

/** What a hop changed in the headers, as short lines (`destination 10.96.0.10:80 → 10.244.1.2:8080`). */
export function describeRewrites(hop: Hop): string[] {
  const { before, after } = hop;
  const lines: string[] = [];
  const same = (a: Endpoint, b: Endpoint) => a.ip === b.ip && a.port === b.port;
  if (!same(before.src, after.src)) {
    lines.push(`source ${formatEndpoint(before.src)} → ${formatEndpoint(after.src)}`);
  }
  if (!same(before.dst, after.dst)) {
    lines.push(`destination ${formatEndpoint(before.dst)} → ${formatEndpoint(after.dst)}`);
  }
  if (!before.outer && after.outer) {
    const o = after.outer;
    lines.push(`wrapped in ${o.encapsulation} ${o.src} → ${o.dst} via ${o.device}`);
  }
  if (before.outer && !after.outer) {
    lines.push(`unwrapped from ${before.outer.encapsulation}`);
  }
  return lines;
}
