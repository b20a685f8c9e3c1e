/**
 * Network primitives. Addresses and ranges are branded strings built only by the parse
 * functions here, so an unchecked string never reaches the model as an address.
 */
export type Ipv4 = string & { readonly __brand: 'Ipv4' };
export type Cidr = string & { readonly __brand: 'Cidr' };

export const Protocol = { TCP: 'TCP', UDP: 'UDP', SCTP: 'SCTP' } as const;
export type Protocol = (typeof Protocol)[keyof typeof Protocol];
export const PROTOCOLS: readonly Protocol[] = Object.values(Protocol);

export function isProtocol(value: unknown): value is Protocol {
  return typeof value === 'string' && (PROTOCOLS as readonly string[]).includes(value);
}

/**
 * Parses dotted-quad IPv4 text; undefined when it is not one. Each octet is 0-255 written without
 * a leading zero (`010` is refused: some resolvers read it as octal), so valid text is already in
 * the one spelling the model uses and comes back as it is, trimmed. Scanned by hand: traces call
 * this on every probe.
 */
export function parseIpv4(text: string): Ipv4 | undefined {
  const t = text.trim();
  let dots = 0;
  let digits = 0;
  let octet = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return undefined;
      digits = 0;
      octet = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return undefined; // a leading zero
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? (t as Ipv4) : undefined;
}

/** Like parseIpv4 for values the program itself wrote; throws on bad input. */
export function ipv4(text: string): Ipv4 {
  const ip = parseIpv4(text);
  if (!ip) throw new Error(`not an IPv4 address: ${text}`);
  return ip;
}

export function ipv4ToInt(ip: Ipv4): number {
  let acc = 0;
  let octet = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      acc = acc * 256 + octet;
      octet = 0;
    } else {
      octet = octet * 10 + (c - 48);
    }
  }
  return acc * 256 + octet;
}

export function intToIpv4(value: number): Ipv4 {
  const v = value >>> 0;
  return [v >>> 24, (v >>> 16) & 255, (v >>> 8) & 255, v & 255].join('.') as Ipv4;
}

/** Parses `a.b.c.d/n`, normalising host bits away (`10.244.1.7/24` -> `10.244.1.0/24`). */
export function parseCidr(text: string): Cidr | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (extra !== undefined || addr === undefined || len === undefined || !/^\d{1,2}$/.test(len)) {
    return undefined;
  }
  const ip = parseIpv4(addr);
  const prefix = Number(len);
  if (!ip || prefix > 32) return undefined;
  return `${intToIpv4(ipv4ToInt(ip) & prefixMask(prefix))}/${prefix}` as Cidr;
}

export function cidr(text: string): Cidr {
  const c = parseCidr(text);
  if (!c) throw new Error(`not a CIDR: ${text}`);
  return c;
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

export interface CidrRange {
  readonly base: number;
  readonly prefix: number;
  readonly size: number;
}

/** Ranges already read, by their text: a model holds few, and traces ask about them often. */
const rangeCache = new Map<Cidr, CidrRange>();

export function cidrRange(c: Cidr): CidrRange {
  const cached = rangeCache.get(c);
  if (cached) return cached;
  const [addr, len] = c.split('/');
  const prefix = Number(len);
  const range = { base: ipv4ToInt(addr as Ipv4), prefix, size: 2 ** (32 - prefix) };
  // Bounded: ranges typed into a form one by one must not grow it without end.
  if (rangeCache.size >= 4096) rangeCache.clear();
  rangeCache.set(c, range);
  return range;
}

export function cidrContains(c: Cidr, ip: Ipv4): boolean {
  const { base, prefix } = cidrRange(c);
  return (ipv4ToInt(ip) & prefixMask(prefix)) >>> 0 === base;
}

/** True when the two ranges share at least one address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  const ra = cidrRange(a);
  const rb = cidrRange(b);
  return ra.base < rb.base + rb.size && rb.base < ra.base + ra.size;
}

/** The n-th address of a range (0 is the network address). */
export function nthAddress(c: Cidr, n: number): Ipv4 {
  const { base, size } = cidrRange(c);
  if (n < 0 || n >= size) throw new Error(`address ${n} is outside ${c}`);
  return intToIpv4(base + n);
}

/** The index-th subnet of the given prefix length inside a range. */
export function subnetOf(parent: Cidr, prefix: number, index: number): Cidr | undefined {
  const { base, prefix: parentPrefix } = cidrRange(parent);
  if (prefix < parentPrefix || prefix > 32) return undefined;
  const count = 2 ** (prefix - parentPrefix);
  if (index < 0 || index >= count) return undefined;
  return `${intToIpv4(base + index * 2 ** (32 - prefix))}/${prefix}` as Cidr;
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** Parses `30000-32767`. */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = Number(m[2]);
  if (from < 1 || to > 65535 || from > to) return undefined;
  return { from, to };
}

export function isPort(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535;
}

/** True when the range `inner` (base, size) lies wholly inside `outer`. */
export function rangeWithin(inner: CidrRange, outer: CidrRange): boolean {
  return inner.base >= outer.base && inner.base + inner.size <= outer.base + outer.size;
}

/** The smallest CIDR that holds every given range. */
export function coveringCidr(ranges: readonly CidrRange[]): Cidr {
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of ranges) {
    lo = Math.min(lo, r.base);
    hi = Math.max(hi, r.base + r.size - 1);
  }
  let prefix = 32;
  while (
    prefix > 0 &&
    Math.floor(lo / 2 ** (32 - prefix)) !== Math.floor(hi / 2 ** (32 - prefix))
  ) {
    prefix--;
  }
  const block = 2 ** (32 - prefix);
  return `${intToIpv4(Math.floor(lo / block) * block)}/${prefix}` as Cidr;
}

/** The same range with a shorter prefix (a bigger block around it). */
export function widenCidr(c: Cidr, prefix: number): Cidr {
  const { base } = cidrRange(c);
  const block = 2 ** (32 - prefix);
  return `${intToIpv4(Math.floor(base / block) * block)}/${prefix}` as Cidr;
}

/** The private address ranges of RFC 1918 (section 3). */
export const RFC1918_CIDRS: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

/** Whether an address is private (RFC 1918): an office or a VPC rather than the Internet. */
export function isPrivateAddress(text: string): boolean {
  const ip = parseIpv4(text);
  return ip !== undefined && RFC1918_CIDRS.some((c) => cidrContains(cidr(c), ip));
}
