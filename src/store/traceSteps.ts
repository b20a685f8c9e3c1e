/**
 * A trace as the views walk it: one flat list of steps (DNS lookup, request, reply), each with
 * the keys of the canvas elements it happens at. Computed once when a trace arrives, so the
 * canvas and the panels agree on step ids without calling the engine themselves.
 */
import type { Hop, Trace } from '../engine/trace.ts';
import { elementKey, nodeKey } from '../scenario/document/elementKey.ts';
import { DROP_REASON_TEXT, type DropReason } from '../engine/vocabulary.ts';

/** The engine's words for the tunnel a hop's packet travels in: `VXLAN UDP 8472 · flannel.1`. */
export { tunnelLabel } from '../engine/datapath/cni.ts';

export type TracePhase = 'lookup' | 'request' | 'reply';

export const TRACE_PHASE_TITLE: Record<TracePhase, string> = {
  lookup: 'DNS lookup',
  request: 'Request',
  reply: 'Reply',
};

export interface TraceStep {
  /** Stable within one trace: `request-3`. */
  readonly id: string;
  readonly phase: TracePhase;
  /** Position within its phase, from 0. */
  readonly index: number;
  readonly hop: Hop;
  /** refKey of the element the hop happens at (`Pod/default/web-1`), when the engine names one. */
  readonly atKey: string | null;
  /** refKey of the node the hop happens on, the fallback place to draw it. */
  readonly nodeKey: string | null;
}

export interface TraceOutcome {
  readonly verdict: Trace['verdict'];
  /** Plain words for why it was dropped. */
  readonly reasonText: string | null;
  readonly summary: string;
}

export function toTraceSteps(trace: Trace | null): readonly TraceStep[] {
  if (!trace) return [];
  const phase = (name: TracePhase, hops: readonly Hop[]): TraceStep[] =>
    hops.map((hop, index) => ({
      id: `${name}-${index}`,
      phase: name,
      index,
      hop,
      atKey: hop.location.at ? elementKey(hop.location.at) : null,
      nodeKey: hop.location.node ? nodeKey({ name: hop.location.node }) : null,
    }));
  return [
    ...phase('lookup', trace.lookup ? [...trace.lookup.hops, ...trace.lookup.reply] : []),
    ...phase('request', trace.hops),
    ...phase('reply', trace.reply),
  ];
}

export function describeOutcome(trace: Trace): TraceOutcome {
  return {
    verdict: trace.verdict,
    reasonText: trace.reason ? DROP_REASON_TEXT[trace.reason] : null,
    summary: trace.summary,
  };
}

/** Plain words for where a hop happens, for the event list's filter and narration. */
export const PLACE_TITLE: Record<Hop['location']['place'], string> = {
  Container: 'Container',
  PodNetns: 'Pod network namespace',
  Veth: 'veth pair',
  Bridge: 'Bridge',
  Ebpf: 'eBPF program',
  Node: 'Node',
  Tunnel: 'Tunnel device',
  KubeProxy: 'kube-proxy',
  LoadBalancer: 'Load balancer',
  IngressController: 'Ingress controller',
  GatewayProxy: 'Gateway proxy (Envoy)',
  L7Proxy: "Cilium's L7 proxy (Envoy)",
  CoreDns: 'CoreDNS',
  Client: 'Outside client',
  Network: 'Network',
};

/** Where a hop is, as one short line: `node-1 · flannel.1`. */
export function stepWhere(step: TraceStep): string {
  const { location } = step.hop;
  return [location.node ?? location.at?.name, location.device].filter(Boolean).join(' · ');
}

/**
 * The hop told as a sentence to read aloud or caption: which part of the journey, which hop of
 * how many, where, and what happens there.
 */
export function narrateStep(step: TraceStep, position: number, total: number): string {
  const phase = TRACE_PHASE_TITLE[step.phase];
  const where = stepWhere(step);
  const drop =
    step.hop.verdict === 'Dropped' && step.hop.reason
      ? ` Dropped: ${DROP_REASON_TEXT[step.hop.reason]}.`
      : '';
  return `${phase}, hop ${position + 1} of ${total}${where ? `, ${where}` : ''}. ${step.hop.explanation}${drop}`;
}

/**
 * What the live region says, paced for speech: the whole hop when paused or stepped; while the
 * packet plays, one short line for the run (a hop every half second is faster than any screen
 * reader can speak), and the hop it stops on once it stops.
 */
export function narrateForSpeech(input: {
  readonly playing: boolean;
  readonly step: TraceStep | null;
  readonly index: number;
  readonly total: number;
  readonly verdict: string | null;
}): string {
  const { playing, step, index, total, verdict } = input;
  if (playing) {
    if (total === 0) return '';
    return `Playing ${total} hops${verdict ? `, ${verdict}` : ''}. Pause to hear each hop.`;
  }
  return step ? narrateStep(step, index, total) : '';
}

export type RowChange = 'same' | 'changed' | 'removed' | 'added';

/** One row of two traces side by side: the same hop in both, or a hop only one of them has. */
export interface ComparedRow {
  readonly left: TraceStep | null;
  readonly right: TraceStep | null;
  readonly change: RowChange;
  /** What differs between the two hops of a `changed` row, in short words. */
  readonly differences: readonly string[];
}

const alignKey = (s: TraceStep) =>
  `${s.phase}|${s.hop.location.place}|${s.hop.location.node ?? ''}|${s.hop.verdict}`;

const endpointText = (e: { ip: string; port: number }) => `${e.ip}:${e.port}`;

function hopDifferences(a: Hop, b: Hop): string[] {
  const out: string[] = [];
  if (a.location.device !== b.location.device)
    out.push(`device ${a.location.device} → ${b.location.device}`);
  if (a.reason !== b.reason) out.push(`reason ${a.reason ?? 'none'} → ${b.reason ?? 'none'}`);
  const pa = a.after;
  const pb = b.after;
  if (endpointText(pa.src) !== endpointText(pb.src))
    out.push(`source ${endpointText(pa.src)} → ${endpointText(pb.src)}`);
  if (endpointText(pa.dst) !== endpointText(pb.dst))
    out.push(`destination ${endpointText(pa.dst)} → ${endpointText(pb.dst)}`);
  const outer = (h: Hop) =>
    h.after.outer
      ? `${h.after.outer.encapsulation}${h.after.outer.dstPort ? ` UDP ${h.after.outer.dstPort}` : ''}`
      : 'none';
  if (outer(a) !== outer(b)) out.push(`encapsulation ${outer(a)} → ${outer(b)}`);
  return out;
}

/**
 * Lines two step lists up hop by hop (longest common sequence of phase, place, node and
 * verdict), so a replay under another CNI or kube-proxy mode shows what it adds, removes and
 * changes.
 */
export function compareSteps(
  left: readonly TraceStep[],
  right: readonly TraceStep[],
): ComparedRow[] {
  const n = left.length;
  const m = right.length;
  const a = left.map(alignKey);
  const b = right.map(alignKey);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const rows: ComparedRow[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      const differences = hopDifferences(left[i].hop, right[j].hop);
      rows.push({
        left: left[i],
        right: right[j],
        change: differences.length > 0 ? 'changed' : 'same',
        differences,
      });
      i++;
      j++;
    } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      rows.push({ left: left[i], right: null, change: 'removed', differences: [] });
      i++;
    } else {
      rows.push({ left: null, right: right[j], change: 'added', differences: [] });
      j++;
    }
  }
  return rows;
}

/** Plain words for a drop reason. */
export const dropReasonText = (reason: DropReason) => DROP_REASON_TEXT[reason];
