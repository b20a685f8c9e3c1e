/**
 * The trace explorer: the packet at the current hop (inspector) above the event
 * list, one row per hop grouped into the DNS lookup, the request and the reply, each with its
 * position, where it happened, its verdict and what it rewrote. Rows can be filtered by place
 * and verdict; a click moves the packet there.
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import {
  selectDeliveredTo,
  selectOutside,
  selectDropReasonText,
  selectIsRunning,
  selectOutcomeVerdict,
  selectPlaybackControls,
  selectSelectedStepId,
  selectSteps,
  selectSummary,
  selectTitle,
  selectTrace,
} from '../store/selectors.ts';
import { describeOutcome, PLACE_TITLE, stepWhere, TRACE_PHASE_TITLE } from '../store/traceSteps.ts';
import type { TracePhase, TraceStep } from '../store/viewTypes.ts';
import { describeRewrites } from './describePacket.ts';
import './HopList.css';
import { PacketInspector } from './PacketInspector.tsx';
import { SpreadChart } from './SpreadChart.tsx';
import { VerdictBadge } from './VerdictBadge.tsx';

export function TraceExplorer() {
  const summary = useAppStore(selectSummary);
  const running = useAppStore(selectIsRunning);
  return (
    <div aria-busy={running} className="pp-trace-explorer flex min-h-[28rem] flex-1 flex-col">
      {/* A region a keyboard can scroll when the hop's details are longer than their share. */}
      <div
        role="region"
        aria-label="Hop details"
        tabIndex={0}
        className="max-h-[58%] shrink-0 overflow-y-auto border-b border-slate-200 bg-white focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none focus-visible:ring-inset"
      >
        <PacketInspector />
      </div>
      <section aria-label="Trace" className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
        {summary && (
          <p
            aria-label="Summary"
            className="mb-3 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2 text-[13.5px] leading-snug text-sky-950"
          >
            {summary}
          </p>
        )}
        <div className="mb-3 empty:hidden">
          <SpreadChart />
        </div>
        <EventList />
        <FinalVerdict />
      </section>
    </div>
  );
}

const PHASE_ACCENT: Record<TracePhase, string> = {
  lookup: 'bg-fuchsia-600',
  request: 'bg-sky-600',
  reply: 'bg-orange-600',
};

type Filter = { readonly place: string; readonly verdict: string };
const ALL = '';

/** A filter of the events by one of their values, each with how many events have it. */
function FilterSelect({
  id,
  label,
  all,
  counts,
  title = (value) => value,
  value,
  onChange,
}: {
  readonly id: string;
  readonly label: string;
  /** The option that filters nothing. */
  readonly all: string;
  readonly counts: readonly (readonly [value: string, events: number])[];
  readonly title?: (value: string) => string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        className="h-8 min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-1.5 text-[13px]"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value={ALL}>{all}</option>
        {counts.map(([v, n]) => (
          <option key={v} value={v}>
            {title(v)} ({n})
          </option>
        ))}
      </select>
    </>
  );
}

function EventList() {
  const steps = useAppStore(selectSteps);
  const [filter, setFilter] = useState<Filter>({ place: ALL, verdict: ALL });
  const ids = useId();

  const options = useMemo(() => {
    const count = (values: string[]) => {
      const counts = new Map<string, number>();
      for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
      return [...counts.entries()];
    };
    return {
      places: count(steps.map((s) => s.hop.location.place)),
      verdicts: count(steps.map((s) => s.hop.verdict)),
    };
  }, [steps]);

  const shown = steps.filter(
    (s) =>
      (filter.place === ALL || s.hop.location.place === filter.place) &&
      (filter.verdict === ALL || s.hop.verdict === filter.verdict),
  );
  const phases = (['lookup', 'request', 'reply'] as const).filter((p) =>
    shown.some((s) => s.phase === p),
  );
  const positions = useMemo(() => new Map(steps.map((s, i) => [s.id, i])), [steps]);

  return (
    <>
      <div className="mb-2 flex items-center gap-2">
        <h2 className="text-[13px] font-semibold tracking-wide text-slate-500 uppercase">Hops</h2>
        <span className="text-[12px] text-slate-500">
          {shown.length === steps.length
            ? `${steps.length} events`
            : `${shown.length} of ${steps.length} events`}
        </span>
        <CopyJourney />
      </div>
      <div className="mb-3 flex items-center gap-2" role="group" aria-label="Filter events">
        <FilterSelect
          id={`${ids}-place`}
          label="Filter by place"
          all="All places"
          counts={options.places}
          title={(place) => PLACE_TITLE[place as keyof typeof PLACE_TITLE] ?? place}
          value={filter.place}
          onChange={(place) => setFilter({ ...filter, place })}
        />
        <FilterSelect
          id={`${ids}-verdict`}
          label="Filter by verdict"
          all="All verdicts"
          counts={options.verdicts}
          value={filter.verdict}
          onChange={(verdict) => setFilter({ ...filter, verdict })}
        />
      </div>
      <ol aria-label="Hops" className="flex flex-col gap-3">
        {phases.map((phase) => {
          const list = shown.filter((s) => s.phase === phase);
          const title = TRACE_PHASE_TITLE[phase];
          return (
            <li key={phase}>
              <h3 className="mb-1 flex items-center gap-2 text-[13.5px] font-semibold text-slate-800">
                <span
                  aria-hidden="true"
                  className={`h-2.5 w-2.5 rounded-full ${PHASE_ACCENT[phase]}`}
                />
                {title}
                <span className="text-[12px] font-normal text-slate-500">
                  {list.length} hop{list.length === 1 ? '' : 's'}
                </span>
              </h3>
              <ol aria-label={`${title} hops`} className="flex flex-col">
                {list.map((step) => (
                  <EventRow key={step.id} step={step} position={positions.get(step.id) ?? 0} />
                ))}
              </ol>
            </li>
          );
        })}
      </ol>
      {shown.length === 0 && (
        <p className="text-[13px] text-slate-500">No hop matches these filters.</p>
      )}
    </>
  );
}

/** Copies the whole journey (every hop, whatever the filters show) as a Markdown table. */
function CopyJourney() {
  const trace = useAppStore(selectTrace);
  const steps = useAppStore(selectSteps);
  const title = useAppStore(selectTitle);
  const [status, setStatus] = useState('');
  if (!trace) return null;
  const copy = async () => {
    try {
      const { journeyMarkdown } = await import('./journeyMarkdown.ts');
      await navigator.clipboard.writeText(journeyMarkdown(title, describeOutcome(trace), steps));
      setStatus('Copied');
    } catch {
      setStatus('The browser did not allow copying');
    }
  };
  return (
    <span className="ml-auto flex items-center gap-2">
      <span role="status" className="text-[12px] text-slate-500">
        {status}
      </span>
      <button
        type="button"
        onClick={() => void copy()}
        onBlur={() => setStatus('')}
        title="Copy every hop as a Markdown table: place, verdict, addresses and why"
        className="rounded-md border border-slate-300 px-2 py-0.5 text-[12px] font-medium text-slate-700 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
      >
        Copy as Markdown
      </button>
    </span>
  );
}

function EventRow({ step, position }: { readonly step: TraceStep; readonly position: number }) {
  const selectedStepId = useAppStore(selectSelectedStepId);
  const { seekTo } = useAppStore(useShallow(selectPlaybackControls));
  const current = selectedStepId === step.id;
  const ref = useRef<HTMLButtonElement>(null);
  const { hop } = step;
  const rewrites = describeRewrites(hop);
  const dropped = hop.verdict === 'Dropped';

  // Follow the packet: the current row stays in view while playback runs.
  useEffect(() => {
    if (current) ref.current?.scrollIntoView?.({ block: 'nearest' });
  }, [current]);

  return (
    <li>
      <button
        ref={ref}
        type="button"
        aria-current={current ? 'step' : undefined}
        onClick={() => seekTo(step.id)}
        className={`w-full rounded-md border px-2 py-1.5 text-left transition-colors ${
          current
            ? dropped
              ? 'border-red-400 bg-red-50 shadow-sm'
              : 'border-sky-400 bg-sky-50 shadow-sm'
            : dropped
              ? 'border-red-200 bg-red-50/50 hover:bg-red-50'
              : 'border-transparent hover:border-slate-200 hover:bg-white'
        }`}
      >
        <div className="flex items-center gap-2">
          <span className="w-6 shrink-0 text-right font-mono text-[11.5px] text-slate-500 tabular-nums">
            {position + 1}
          </span>
          <span className="min-w-0 flex-1 truncate font-mono text-[12px] text-slate-700">
            {stepWhere(step) || PLACE_TITLE[hop.location.place]}
          </span>
          <VerdictBadge verdict={hop.verdict} />
        </div>
        <p className="mt-0.5 ml-8 line-clamp-2 text-[13px] leading-snug text-slate-900">
          {hop.explanation}
        </p>
        {rewrites.length > 0 && (
          <div className="mt-0.5 ml-8 flex flex-col font-mono text-[11.5px] text-amber-800">
            {rewrites.map((line) => (
              <span key={line}>{line}</span>
            ))}
          </div>
        )}
      </button>
    </li>
  );
}

function FinalVerdict() {
  const verdict = useAppStore(selectOutcomeVerdict);
  const deliveredTo = useAppStore(selectDeliveredTo);
  const outside = useAppStore(selectOutside);
  const reasonText = useAppStore(selectDropReasonText);
  if (!verdict) return null;
  const delivered = verdict === 'Delivered';
  return (
    <p
      role="status"
      aria-label="Verdict"
      className={`mt-4 flex items-center gap-2 rounded-lg px-3 py-2.5 text-[14px] font-medium ${
        delivered
          ? 'bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200'
          : 'bg-red-50 text-red-900 ring-1 ring-red-200'
      }`}
    >
      <VerdictBadge verdict={verdict} />
      {delivered
        ? deliveredTo
          ? `to ${deliveredTo.pod.name} at ${deliveredTo.ip}:${deliveredTo.port}`
          : outside
            ? `outside the cluster, to ${outside.element?.name ?? outside.name ?? 'the host'} at ${outside.ip}:${outside.port}`
            : 'the packet arrived'
        : (reasonText ?? 'the packet did not arrive')}
    </p>
  );
}
