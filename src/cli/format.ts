/**
 * Pure formatting of engine results for the terminal and for --json. No I/O here, so every
 * function is unit-tested on plain values.
 */
import type { DnsResult } from '../engine/dns.ts';
import type {
  Decision,
  Hop,
  HttpOutcome,
  ObjectRef,
  Packet,
  Probe,
  Trace,
} from '../engine/trace.ts';
import { DROP_REASON_TEXT } from '../engine/vocabulary.ts';
import type { ImportWarning } from '../scenario/kubeYaml/index.ts';

/** Columns padded to their widest cell; the last column is never padded. */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  return all
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function endpoint(e: { ip: string; port: number }): string {
  return `${e.ip}:${e.port}`;
}

/** `src -> dst` of the packet as it leaves the hop, with the outer header when tunnelled. */
export function describePacket(p: Packet): string {
  const inner = `${endpoint(p.src)} -> ${endpoint(p.dst)}`;
  if (!p.outer) return inner;
  return `${inner} in ${p.outer.encapsulation} ${p.outer.src} -> ${p.outer.dst}`;
}

/** Where a hop happens: `node-1: client/eth0`, `node-2: cni0`, `load balancer`. */
export function describeWhere(hop: Hop): string {
  const l = hop.location;
  const owner = l.at?.kind === 'Pod' || l.at?.kind === 'ExternalClient' ? `${l.at.name}/` : '';
  const device = `${owner}${l.device}`;
  return l.node ? `${l.node}: ${device}` : device;
}

function describeVerdict(hop: Hop): string {
  return hop.reason ? `${hop.verdict} (${hop.reason})` : hop.verdict;
}

export function formatHops(hops: readonly Hop[], first = 1): string {
  const rows = hops.map((h, i) => [
    String(first + i),
    h.direction,
    describeWhere(h),
    describeVerdict(h),
    describePacket(h.after),
    h.explanation,
  ]);
  return formatTable(['#', 'direction', 'where', 'verdict', 'src -> dst', 'explanation'], rows);
}

export function describeRef(ref: ObjectRef): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}

export function describeProbe(p: Probe): string {
  const from =
    p.from.kind === 'pod'
      ? `pod ${p.from.namespace}/${p.from.name}`
      : p.from.kind === 'node'
        ? `node ${p.from.name}`
        : `outside client ${p.from.name}`;
  const t = p.to;
  const to =
    t.kind === 'pod'
      ? `pod ${t.namespace}/${t.name}`
      : t.kind === 'ip'
        ? t.ip
        : t.kind === 'name'
          ? `${t.name} (by DNS)`
          : t.kind === 'url'
            ? t.url
            : 'localhost';
  const port = p.port !== undefined && t.kind !== 'url' ? ` port ${p.port}` : '';
  return `${from} -> ${to}, ${p.protocol ?? 'TCP'}${port}`;
}

/** The whole trace for a person: the DNS lookup first when there was one, then every hop. */
export function formatTrace(trace: Trace): string {
  const out: string[] = [`Trace: ${describeProbe(trace.probe)}`, ''];
  if (trace.lookup) {
    out.push(`DNS lookup (${trace.lookup.verdict}): ${trace.lookup.summary}`);
    out.push(formatHops([...trace.lookup.hops, ...trace.lookup.reply]));
    out.push('');
  }
  out.push(formatHops([...trace.hops, ...trace.reply]));
  out.push('');
  out.push(...formatSummary(trace));
  if (trace.http) out.push(formatHttp(trace.http));
  return `${out.join('\n')}\n`;
}

/** One line for an HTTP outcome: status, and the Gateway, route, rule and backend. */
export function formatHttp(http: HttpOutcome): string {
  const parts = [`HTTP: ${http.status ?? 'answered by the backend'}`];
  if (http.gateway) parts.push(`gateway ${http.gateway}`);
  if (http.route) parts.push(`route ${http.route} rule ${http.rule}`);
  if (http.backend)
    parts.push(`backend ${http.backend.namespace}/${http.backend.service}:${http.backend.port}`);
  if (http.location) parts.push(`Location ${http.location}`);
  return parts.join(', ');
}

export function formatSummary(trace: Trace): string[] {
  const d = trace.deliveredTo;
  if (trace.verdict === 'Delivered' && d) {
    const seen = trace.seenSource ? `; it saw the source ${trace.seenSource}` : '';
    const container = d.container ? ` (container ${d.container})` : '';
    return [`Delivered to ${describeRef(d.pod)} at ${d.ip}:${d.port}${container}${seen}.`];
  }
  if (trace.verdict === 'Delivered' && trace.outside) return [`Delivered: ${trace.summary}`];
  const lines = [`${trace.verdict}: ${trace.summary}`];
  if (trace.reason) lines.push(`Why: ${DROP_REASON_TEXT[trace.reason]} (${trace.reason}).`);
  return lines;
}

/** The decisions of every hop, request then reply, in order. */
export function allDecisions(trace: Trace): Decision[] {
  return [...trace.hops, ...trace.reply].flatMap((h) => h.decisions ?? []);
}

export interface TraceJson {
  readonly verdict: Trace['verdict'];
  readonly reason: string | null;
  readonly summary: string;
  readonly probe: Probe;
  readonly hops: readonly Hop[];
  readonly reply: readonly Hop[];
  readonly decisions: readonly Decision[];
  readonly deliveredTo: { readonly pod: string; readonly ip: string; readonly port: number } | null;
  readonly seenSource: string | null;
  /** For a flow that left the cluster: the outside address it reached. */
  readonly outside: Trace['outside'] | null;
  readonly ingress: Decision | null;
  /** For a URL: the HTTP answer and, through a Gateway, which route and rule took it. */
  readonly http?: {
    readonly status: number | null;
    readonly gateway: string | null;
    readonly route: string | null;
    readonly rule: number | null;
    readonly backend: HttpOutcome['backend'];
  };
  readonly lookup: TraceJson | null;
}

export function traceToJson(trace: Trace): TraceJson {
  const decisions = allDecisions(trace);
  const d = trace.deliveredTo;
  return {
    verdict: trace.verdict,
    reason: trace.reason ?? null,
    summary: trace.summary,
    probe: trace.probe,
    hops: trace.hops,
    reply: trace.reply,
    decisions,
    deliveredTo: d ? { pod: describeRef(d.pod), ip: d.ip, port: d.port } : null,
    seenSource: trace.seenSource ?? null,
    outside: trace.outside ?? null,
    ingress: decisions.find((x) => x.kind === 'ingress-rule') ?? null,
    ...(trace.http
      ? {
          http: {
            status: trace.http.status ?? null,
            gateway: trace.http.gateway ?? null,
            route: trace.http.route ?? null,
            rule: trace.http.rule ?? null,
            backend: trace.http.backend,
          },
        }
      : {}),
    lookup: trace.lookup ? traceToJson(trace.lookup) : null,
  };
}

// ---------------------------------------------------------------------------------------------
// DNS

export interface DnsJson {
  readonly rcode: string;
  readonly answers: readonly {
    readonly name: string;
    readonly type: string;
    readonly data: string;
  }[];
  readonly tried: readonly { readonly name: string; readonly rcode: string }[];
}

export function dnsToJson(result: DnsResult): DnsJson {
  return {
    rcode: result.rcode,
    answers: result.answers.map((a) => ({ name: a.name, type: a.type, data: a.data })),
    tried: result.tried.map((t) => ({ name: t.name, rcode: t.rcode })),
  };
}

export function formatDns(
  result: DnsResult,
  question: { from: string; name: string; type: string },
): string {
  const out = [
    `${question.type} ${question.name}, asked from ${question.from}`,
    '',
    'resolv.conf:',
  ];
  out.push(...result.resolvConf.map((l) => `  ${l}`), '', 'Queries:');
  out.push(
    ...result.tried.map(
      (t) => `  ${t.name.padEnd(Math.max(...result.tried.map((x) => x.name.length)))}  ${t.rcode}`,
    ),
  );
  out.push('');
  if (result.answers.length === 0) out.push(`${result.rcode}: no answer.`);
  else {
    out.push(`${result.rcode}:`);
    out.push(
      formatTable(
        ['name', 'type', 'data'],
        result.answers.map((a) => [a.name, a.type, a.data]),
      ).replace(/^/gm, '  '),
    );
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Reachability matrix and environment

export interface MatrixJson {
  readonly pods: readonly string[];
  readonly allowed: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  /** Allowed connections whose HTTP requests Cilium's Envoy checks (Cilium HTTP rules). */
  readonly l7?: Readonly<Record<string, Readonly<Record<string, true>>>>;
}

/**
 * Rows are sources, columns destinations; columns are numbered to keep the table narrow.
 * `allowedPairs` is the engine's count of ordered pairs that may connect (a pod to itself too).
 */
export function formatMatrix(
  m: MatrixJson,
  port: number,
  protocol: string,
  allowedPairs: number,
): string {
  const header = ['from \\ to', ...m.pods.map((_, i) => String(i + 1))];
  const digits = String(m.pods.length).length;
  const rows = m.pods.map((from, i) => [
    `${String(i + 1).padStart(digits)} ${from}`,
    ...m.pods.map((to) => (m.l7?.[from]?.[to] ? 'L7' : m.allowed[from]?.[to] ? 'yes' : '-')),
  ]);
  const table = formatTable(header, rows);
  const l7 = Object.keys(m.l7 ?? {}).length > 0;
  const note = l7
    ? "L7: allowed through a Cilium rule with HTTP rules; Cilium's Envoy answers 403 to a request no rule allows.\n"
    : '';
  return `Who may open ${protocol} port ${port} to whom (NetworkPolicy and CNI enforcement):\n\n${table}\n\n${allowedPairs} of ${m.pods.length * m.pods.length} pairs allowed.\n${note}`;
}

export function formatEnv(env: readonly (readonly [string, string])[]): string {
  return env.map(([k, v]) => `${k}=${v}\n`).join('');
}

// ---------------------------------------------------------------------------------------------
// Import findings

/** Warnings for stderr; notes only when asked for. */
export function formatWarnings(
  file: string,
  warnings: readonly ImportWarning[],
  verbose: boolean,
): string {
  const shown = warnings.filter((w) => verbose || w.severity === 'warning');
  const notes = warnings.length - shown.length;
  const lines = shown.map(
    (w) => `${file}${w.line ? `:${w.line}` : ''}: ${w.severity}: ${w.message}`,
  );
  if (notes > 0) lines.push(`${file}: ${notes} note(s) about the import; --verbose shows them.`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
