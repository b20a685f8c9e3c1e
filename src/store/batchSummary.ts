import type { Trace } from '../engine/trace.ts';
import { elementKey } from '../scenario/document/elementKey.ts';

export interface SpreadRow {
  /** refKey of the endpoint's pod. */
  readonly key: string;
  readonly label: string;
  readonly node?: string;
  readonly count: number;
  /** The share the proxy gives this endpoint (1/n, or all of it with session affinity). */
  readonly expected: number | null;
}

export interface BatchSummary {
  readonly total: number;
  readonly delivered: number;
  readonly dropped: number;
  readonly rows: readonly SpreadRow[];
  /** How the proxy chose, in its own words (the load-balancing decision's summary). */
  readonly how: string | null;
  /** The Service (or Ingress backend) that spread them. */
  readonly service: string | null;
  /** Why requests were dropped, with counts. */
  readonly drops: readonly { readonly reason: string; readonly count: number }[];
}

/**
 * Where a batch of requests landed, endpoint by endpoint, next to the share the Service's proxy
 * gives each one. The last load-balancing choice of a request is the one that picked its pod.
 */
export function summarizeBatch(traces: readonly Trace[]): BatchSummary {
  const rows = new Map<
    string,
    { label: string; node?: string; count: number; expected: number | null }
  >();
  let how: string | null = null;
  let service: string | null = null;
  for (const trace of traces) {
    const choice = trace.hops
      .flatMap((h) => h.decisions ?? [])
      .filter((d) => d.kind === 'load-balancing' && d.candidates)
      .at(-1);
    if (choice && how === null) {
      how = choice.summary;
      service = choice.ref?.name ?? null;
    }
    for (const c of choice?.candidates ?? []) {
      const key = c.pod ? elementKey(c.pod) : c.label;
      if (!rows.has(key))
        rows.set(key, {
          label: c.label.split('/').at(-1) ?? c.label,
          node: c.node,
          count: 0,
          expected: c.probability,
        });
    }
  }
  const drops = new Map<string, number>();
  let delivered = 0;
  for (const trace of traces) {
    if (trace.verdict !== 'Delivered' || !trace.deliveredTo) {
      const reason = trace.reason ?? 'Dropped';
      drops.set(reason, (drops.get(reason) ?? 0) + 1);
      continue;
    }
    delivered++;
    const key = elementKey(trace.deliveredTo.pod);
    const row = rows.get(key) ?? {
      label: trace.deliveredTo.pod.name,
      count: 0,
      expected: null,
    };
    rows.set(key, { ...row, count: row.count + 1 });
  }
  return {
    total: traces.length,
    delivered,
    dropped: traces.length - delivered,
    rows: [...rows.entries()].map(([key, row]) => ({ key, ...row })),
    how,
    service,
    drops: [...drops.entries()].map(([reason, count]) => ({ reason, count })),
  };
}
