/**
 * A trace as the views walk it: one flat list of steps (DNS lookup, request, reply), each with
 * the keys of the canvas elements it happens at. Computed once when a trace arrives, so the
 * canvas and the panels agree on step ids without calling the engine themselves.
 */
import type { Hop, Trace } from '../engine/trace.ts';
import { refKey } from '../engine/trace.ts';
import { DROP_REASON_TEXT } from '../engine/vocabulary.ts';

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
      atKey: hop.location.at ? refKey(hop.location.at) : null,
      nodeKey: hop.location.node ? refKey({ kind: 'Node', name: hop.location.node }) : null,
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
