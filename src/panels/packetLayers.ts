/**
 * A packet as stacked layers, outermost first (the encapsulation header when tunnelled, IP,
 * TCP/UDP/SCTP, then DNS or HTTP), with every field a hop changed marked as before -> after.
 * Pure, for the packet inspector and its tests.
 */
import type { Packet } from '../engine/trace.ts';

export type LayerId = 'outer' | 'ip' | 'l4' | 'dns' | 'http';
export type LayerStatus = 'kept' | 'changed' | 'added' | 'removed';

export interface PacketField {
  readonly name: string;
  /** The value before the hop; absent when the field did not exist. */
  readonly before?: string;
  /** The value after the hop; absent when the hop removed the field. */
  readonly after?: string;
  readonly changed: boolean;
}

export interface PacketLayerView {
  readonly id: LayerId;
  readonly title: string;
  readonly status: LayerStatus;
  readonly fields: readonly PacketField[];
}

type Values = ReadonlyArray<readonly [name: string, value: string]>;

function outerValues(p: Packet): Values | null {
  const o = p.outer;
  if (!o) return null;
  const wire =
    o.protocol === 'IPIP' ? 'IP protocol 4 (IP-in-IP)' : `UDP, destination port ${o.dstPort}`;
  return [
    ['Encapsulation', o.encapsulation],
    ['Outer source IP', o.src],
    ['Outer destination IP', o.dst],
    ['Carried as', wire],
    ...(o.vni !== undefined ? ([['VNI', String(o.vni)]] as const) : []),
    ['Device', o.device],
    ['Overhead', `${o.overheadBytes} bytes, so pods get an MTU of ${o.innerMtu}`],
  ];
}

function ipValues(p: Packet): Values {
  return [
    ['Source IP', p.src.ip],
    ['Destination IP', p.dst.ip],
    ['Protocol', p.protocol],
  ];
}

function l4Values(p: Packet): Values {
  return [
    ['Source port', String(p.src.port)],
    ['Destination port', String(p.dst.port)],
  ];
}

function dnsValues(p: Packet): Values | null {
  if (!p.dns) return null;
  return [
    ['Question', p.dns.question],
    ['Type', p.dns.type],
  ];
}

function httpValues(p: Packet): Values | null {
  const h = p.http;
  if (!h) return null;
  const tls =
    h.tls === 'encrypted'
      ? 'encrypted (TLS)'
      : h.tls === 'terminated'
        ? 'TLS terminated here: readable'
        : 'none';
  return [
    ['Scheme', h.scheme],
    ['TLS', tls],
    ['Path', h.path],
    ...Object.entries(h.headers).map(([name, value]) => [name, value] as const),
  ];
}

function layer(
  id: LayerId,
  title: string,
  before: Values | null,
  after: Values | null,
): PacketLayerView | null {
  if (!before && !after) return null;
  const names = [...(before ?? []), ...(after ?? [])].map(([name]) => name);
  const unique = [...new Set(names)];
  const find = (values: Values | null, name: string) => values?.find(([n]) => n === name)?.[1];
  const fields = unique.map((name): PacketField => {
    const b = find(before, name);
    const a = find(after, name);
    return {
      name,
      ...(b !== undefined ? { before: b } : {}),
      ...(a !== undefined ? { after: a } : {}),
      changed: b !== a,
    };
  });
  const status: LayerStatus = !before
    ? 'added'
    : !after
      ? 'removed'
      : fields.some((f) => f.changed)
        ? 'changed'
        : 'kept';
  return { id, title, status, fields };
}

/** The packet's layers at a hop, outermost first, each field compared before and after. */
export function packetLayers(before: Packet, after: Packet): PacketLayerView[] {
  const encapsulation = after.outer?.encapsulation ?? before.outer?.encapsulation ?? '';
  const layers = [
    layer('outer', `Outer header (${encapsulation})`, outerValues(before), outerValues(after)),
    layer('ip', 'IPv4', ipValues(before), ipValues(after)),
    layer('l4', after.protocol, l4Values(before), l4Values(after)),
    layer('dns', 'DNS', dnsValues(before), dnsValues(after)),
    layer('http', 'HTTP', httpValues(before), httpValues(after)),
  ];
  return layers.filter((l): l is PacketLayerView => l !== null);
}

/** Every field the hop changed, across layers. */
export function changedFields(
  before: Packet,
  after: Packet,
): { layer: string; field: PacketField }[] {
  return packetLayers(before, after).flatMap((l) =>
    l.fields.filter((f) => f.changed).map((field) => ({ layer: l.title, field })),
  );
}
