/**
 * "Send 20": how the Service spread the requests over its endpoints, each bar beside the share
 * the proxy gives that endpoint; with session affinity, every request pinned to one.
 */
import { useMemo } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { summarizeBatch } from '../store/batchSummary.ts';
import { selectBatch, selectPlaybackControls } from '../store/selectors.ts';
import { useShallow } from 'zustand/react/shallow';

export function SpreadChart() {
  const batch = useAppStore(selectBatch);
  const { clearBatch } = useAppStore(useShallow(selectPlaybackControls));
  const summary = useMemo(
    () => (batch?.status === 'ready' ? summarizeBatch(batch.traces) : null),
    [batch],
  );
  if (!batch) return null;
  const title = summary?.service
    ? `${batch.count} requests to ${summary.service}`
    : `${batch.count} requests`;
  return (
    <section
      aria-label="Spread over endpoints"
      className="rounded-lg border border-slate-200 bg-white px-3 py-2.5"
    >
      <div className="flex items-center gap-2">
        <h3 className="flex-1 text-[13px] font-semibold text-slate-800">{title}</h3>
        <button
          type="button"
          onClick={clearBatch}
          className="rounded px-1.5 text-[12px] text-slate-500 hover:bg-slate-100 hover:text-slate-800"
          aria-label="Close the spread chart"
        >
          ✕
        </button>
      </div>
      {batch.status === 'running' && <p className="text-[13px] text-slate-600">Tracing…</p>}
      {batch.status === 'error' && (
        <p className="text-[13px] text-red-800">{batch.error ?? 'The batch failed.'}</p>
      )}
      {summary && (
        <>
          {summary.how && (
            <p className="mb-2 text-[12.5px] leading-snug text-slate-600">{summary.how}</p>
          )}
          <ul aria-label="Requests per endpoint" className="flex flex-col gap-1.5">
            {summary.rows.map((row) => (
              <li
                key={row.key}
                aria-label={`${row.label}: ${row.count} of ${summary.total}`}
                className="grid grid-cols-[7.5rem_1fr_4.5rem] items-center gap-2 text-[12.5px]"
              >
                <span className="truncate font-mono text-slate-800" title={row.key}>
                  {row.label}
                  {row.node && <span className="text-slate-500"> · {row.node}</span>}
                </span>
                <span className="relative h-4 overflow-hidden rounded bg-slate-100">
                  <span
                    className="absolute inset-y-0 left-0 rounded bg-sky-600"
                    style={{ width: `${(row.count / Math.max(1, summary.total)) * 100}%` }}
                  />
                  {row.expected !== null && (
                    <span
                      aria-hidden="true"
                      title={`Expected share: ${Math.round(row.expected * 100)}%`}
                      className="absolute inset-y-0 w-0.5 bg-slate-900/70"
                      style={{ left: `calc(${row.expected * 100}% - 1px)` }}
                    />
                  )}
                </span>
                <span className="text-right font-mono text-slate-700 tabular-nums">
                  {row.count}/{summary.total}
                </span>
              </li>
            ))}
            {summary.drops.map((drop) => (
              <li
                key={drop.reason}
                aria-label={`Dropped (${drop.reason}): ${drop.count} of ${summary.total}`}
                className="grid grid-cols-[7.5rem_1fr_4.5rem] items-center gap-2 text-[12.5px]"
              >
                <span className="truncate font-mono text-red-800">{drop.reason}</span>
                <span className="relative h-4 overflow-hidden rounded bg-red-50">
                  <span
                    className="absolute inset-y-0 left-0 rounded bg-red-600"
                    style={{ width: `${(drop.count / Math.max(1, summary.total)) * 100}%` }}
                  />
                </span>
                <span className="text-right font-mono text-red-800 tabular-nums">
                  {drop.count}/{summary.total}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-1.5 text-[11.5px] text-slate-500">
            Seeds 1–{batch.count}; the thin mark is the share each endpoint should get.
          </p>
        </>
      )}
    </section>
  );
}
