/**
 * The trace in words: one line per hop, grouped into the DNS lookup, the request and the reply,
 * each with its verdict and what it rewrote; then the final verdict.
 */
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/appStore.ts';
import {
  selectDeliveredTo,
  selectDescription,
  selectDropReasonText,
  selectIsRunning,
  selectOutcomeVerdict,
  selectSelectStep,
  selectSelectedStepId,
  selectStepsOfPhase,
  selectSummary,
  selectTracePhases,
  selectTrace,
} from '../store/selectors.ts';
import { TRACE_PHASE_TITLE } from '../store/traceSteps.ts';
import type { TracePhase, TraceStep } from '../store/viewTypes.ts';
import { describeRewrites, formatEndpoint, formatPacket } from './describePacket.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

export function HopList() {
  const trace = useAppStore(selectTrace);
  const phases = useAppStore(useShallow(selectTracePhases));
  const summary = useAppStore(selectSummary);
  const running = useAppStore(selectIsRunning);
  const description = useAppStore(selectDescription);

  if (!trace) {
    return (
      <section aria-label="Trace" className="px-5 py-6 text-[14px] leading-relaxed text-slate-600">
        <h2 className="mb-2 text-[13px] font-semibold tracking-wide text-slate-500 uppercase">
          Hops
        </h2>
        {running ? (
          <p>Tracing…</p>
        ) : (
          <p>
            Choose where the packet starts and where it goes, then press{' '}
            <strong className="font-semibold text-slate-800">Send</strong>. Every hop it takes will
            be listed here in plain words, with each address it rewrites.
          </p>
        )}
        {description && (
          <div className="mt-4 rounded-lg border border-slate-200 bg-white px-3 py-2.5 text-[13.5px] text-slate-700">
            <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
              About this scenario
            </h3>
            <p>{description}</p>
          </div>
        )}
      </section>
    );
  }

  return (
    <section aria-label="Trace" aria-busy={running} className="px-5 py-4">
      {summary && (
        <p
          aria-label="Summary"
          className="mb-4 rounded-lg border border-sky-200 bg-sky-50 px-3 py-2.5 text-[14px] leading-snug text-sky-950"
        >
          {summary}
        </p>
      )}
      <h2 className="mb-2 text-[13px] font-semibold tracking-wide text-slate-500 uppercase">
        Hops
      </h2>
      <ol aria-label="Hops" className="flex flex-col gap-4">
        {phases.map((phase) => (
          <li key={phase}>
            <PhaseGroup phase={phase} />
          </li>
        ))}
      </ol>
      <FinalVerdict />
    </section>
  );
}

const PHASE_ACCENT: Record<TracePhase, string> = {
  lookup: 'bg-fuchsia-600',
  request: 'bg-sky-600',
  reply: 'bg-orange-600',
};

function PhaseGroup({ phase }: { readonly phase: TracePhase }) {
  const steps = useAppStore(useShallow(selectStepsOfPhase(phase)));
  const title = TRACE_PHASE_TITLE[phase];
  const heading = (
    <>
      <span aria-hidden="true" className={`h-2.5 w-2.5 rounded-full ${PHASE_ACCENT[phase]}`} />
      {title}
      <span className="text-[12px] font-normal text-slate-500">
        {steps.length} hop{steps.length === 1 ? '' : 's'}
      </span>
    </>
  );
  const list = (
    <ol aria-label={`${title} hops`} className="flex flex-col gap-1">
      {steps.map((step) => (
        <HopItem key={step.id} step={step} />
      ))}
    </ol>
  );
  // The lookup is the prelude to the flow the person asked about: folded until wanted.
  if (phase === 'lookup') {
    return (
      <details className="group">
        <summary className="mb-1.5 flex cursor-pointer items-center gap-2 text-[14px] font-semibold text-slate-800">
          {heading}
          <span className="text-[12px] font-normal text-sky-700 group-open:hidden">show</span>
        </summary>
        {list}
      </details>
    );
  }
  return (
    <>
      <h3 className="mb-1.5 flex items-center gap-2 text-[14px] font-semibold text-slate-800">
        {heading}
      </h3>
      {list}
    </>
  );
}

function HopItem({ step }: { readonly step: TraceStep }) {
  const selectedStepId = useAppStore(selectSelectedStepId);
  const selectStep = useAppStore(selectSelectStep);
  const selected = selectedStepId === step.id;
  const { hop } = step;
  const rewrites = describeRewrites(hop);
  const where = [hop.location.node, hop.location.device].filter(Boolean).join(' · ');
  return (
    <li>
      <button
        type="button"
        aria-pressed={selected}
        onClick={() => selectStep(selected ? null : step.id)}
        className={`w-full rounded-lg border px-3 py-2 text-left transition-colors ${
          selected
            ? 'border-sky-400 bg-sky-50 shadow-sm'
            : 'border-transparent hover:border-slate-200 hover:bg-white'
        }`}
      >
        <div className="flex items-start gap-2">
          <span className="mt-px w-5 shrink-0 text-right font-mono text-[12px] text-slate-400">
            {step.index + 1}
          </span>
          <span className="min-w-0 flex-1 text-[14px] leading-snug text-slate-900">
            {hop.explanation}
          </span>
          <VerdictBadge verdict={hop.verdict} />
        </div>
        <div className="mt-1 ml-7 flex flex-col gap-0.5 font-mono text-[11.5px] text-slate-500">
          <span>{where}</span>
          {rewrites.map((line) => (
            <span key={line} className="text-amber-800">
              {line}
            </span>
          ))}
        </div>
      </button>
      {selected && <HopDetails step={step} />}
    </li>
  );
}

function HopDetails({ step }: { readonly step: TraceStep }) {
  const { hop } = step;
  return (
    <div className="mt-1 ml-10 flex flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 text-[12.5px] text-slate-700">
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono text-[12px]">
        <dt className="text-slate-500">before</dt>
        <dd>{formatPacket(hop.before)}</dd>
        <dt className="text-slate-500">after</dt>
        <dd>{formatPacket(hop.after)}</dd>
        {hop.after.outer && (
          <>
            <dt className="text-slate-500">outer</dt>
            <dd>
              {hop.after.outer.encapsulation} {hop.after.outer.src} → {hop.after.outer.dst}
            </dd>
          </>
        )}
      </dl>
      {hop.decisions?.map((decision, index) => (
        <div key={`${decision.kind}-${index}`}>
          <div className="font-medium text-slate-800">
            <span className="mr-1.5 rounded bg-slate-100 px-1 py-px text-[11px] text-slate-600">
              {decision.kind}
            </span>
            {decision.summary}
          </div>
          {decision.rules && decision.rules.length > 0 && (
            <pre className="mt-1 overflow-x-auto rounded bg-slate-900 px-2 py-1.5 text-[11px] leading-relaxed text-slate-100">
              {decision.rules.join('\n')}
            </pre>
          )}
          {decision.candidates && decision.candidates.length > 0 && (
            <ul className="mt-1 font-mono text-[11.5px]">
              {decision.candidates.map((c) => (
                <li
                  key={`${c.endpoint.ip}:${c.endpoint.port}`}
                  className={c.chosen ? 'font-semibold text-slate-900' : 'text-slate-500'}
                >
                  {c.chosen ? '▸ ' : '  '}
                  {c.label} {formatEndpoint(c.endpoint)} · {Math.round(c.probability * 100)}%
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </div>
  );
}

function FinalVerdict() {
  const verdict = useAppStore(selectOutcomeVerdict);
  const deliveredTo = useAppStore(selectDeliveredTo);
  const reasonText = useAppStore(selectDropReasonText);
  if (!verdict) return null;
  const delivered = verdict === 'Delivered';
  return (
    <p
      role="status"
      aria-label="Verdict"
      className={`mt-5 flex items-center gap-2 rounded-lg px-3 py-2.5 text-[14px] font-medium ${
        delivered
          ? 'bg-emerald-50 text-emerald-900 ring-1 ring-emerald-200'
          : 'bg-red-50 text-red-900 ring-1 ring-red-200'
      }`}
    >
      <VerdictBadge verdict={verdict} />
      {delivered
        ? deliveredTo
          ? `to ${deliveredTo.pod.name} at ${deliveredTo.ip}:${deliveredTo.port}`
          : 'the packet arrived'
        : (reasonText ?? 'the packet did not arrive')}
    </p>
  );
}
