/**
 * "Compare with another CNI…": the flow on screen traced again under another CNI or kube-proxy
 * mode (by the worker, on a copy of the cluster: the document is not touched), with both hop lists
 * side by side, aligned hop for hop, and every difference marked.
 */
import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { useShallow } from 'zustand/react/shallow';
import type { CniMode, CniPlugin, ProxyMode } from '../engine/spec.ts';
import { useAppStore } from '../store/appStore.ts';
import {
  CNI_MODE_LABELS,
  CNI_MODES,
  CNI_PLUGIN_LABELS,
  PROXY_MODES,
  effectiveProxyMode,
  proxyFitsCni,
} from '../scenario/document/clusterOptions.ts';
import type { ReplaySettings } from '../store/runsSlice.ts';
import {
  selectClusterSettings,
  selectComparison,
  selectPlaybackControls,
  selectSteps,
  selectTrace,
} from '../store/selectors.ts';
import {
  compareSteps,
  stepWhere,
  toTraceSteps,
  type ComparedRow,
  type RowChange,
} from '../store/traceSteps.ts';
import type { TraceStep } from '../store/viewTypes.ts';
import { VerdictBadge } from './VerdictBadge.tsx';

// Every CNI mode and service proxy the engine offers, as its settings form names them.
const CNI_CHOICES: readonly { plugin: CniPlugin; mode: CniMode; label: string }[] = (
  Object.keys(CNI_MODES) as CniPlugin[]
).flatMap((plugin) =>
  (CNI_MODES[plugin] as readonly CniMode[]).map((mode) => ({
    plugin,
    mode,
    label: `${CNI_PLUGIN_LABELS[plugin]} · ${(CNI_MODE_LABELS[plugin] as Readonly<Record<string, string>>)[mode] ?? mode}`,
  })),
);

const cniValue = (c: { plugin: string; mode: string }) => `${c.plugin}/${c.mode}`;

export function ReplayCompare({ onClose }: { readonly onClose: () => void }) {
  const settings = useAppStore(selectClusterSettings);
  const comparison = useAppStore(selectComparison);
  const { replayWith, clearComparison } = useAppStore(useShallow(selectPlaybackControls));
  const ids = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const current = settings ? `${settings.cni}/${settings.cniMode}` : 'flannel/vxlan';
  const [cni, setCni] = useState(() =>
    cniValue(
      comparison?.settings.cni ??
        CNI_CHOICES.find((c) => c.plugin !== settings?.cni) ??
        CNI_CHOICES[0],
    ),
  );
  const [proxy, setProxy] = useState<ProxyMode>(
    () => comparison?.settings.proxyMode ?? (settings?.proxyMode as ProxyMode) ?? 'iptables',
  );
  // The select's value names a choice; the choice itself carries the plugin and mode.
  const choice = CNI_CHOICES.find((c) => cniValue(c) === cni) ?? CNI_CHOICES[0];
  const proxyMode = effectiveProxyMode(proxy, choice.plugin);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialogRef.current?.querySelector<HTMLElement>('select')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onClose();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      previous?.focus?.();
    };
  }, [onClose]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: ReplaySettings = {
      cni: { plugin: choice.plugin, mode: choice.mode },
      proxyMode,
    };
    void replayWith(next);
  };

  const label = 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase';
  const control =
    'h-9 rounded-md border border-slate-300 bg-white px-2 text-[14px] text-slate-900 focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none';

  return createPortal(
    <div className="fixed inset-0 z-50 grid place-items-center bg-slate-900/40 p-6">
      <div
        ref={dialogRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${ids}-title`}
        className="flex max-h-full w-full max-w-[1100px] flex-col overflow-hidden rounded-xl bg-white shadow-2xl"
      >
        <header className="flex items-center gap-3 border-b border-slate-200 px-5 py-3">
          <h2 id={`${ids}-title`} className="flex-1 text-[16px] font-semibold text-slate-900">
            Compare with another CNI or kube-proxy mode
          </h2>
          <button
            type="button"
            onClick={onClose}
            className="rounded-md px-2 py-1 text-[13px] text-slate-600 hover:bg-slate-100"
          >
            Close
          </button>
        </header>
        <form
          onSubmit={submit}
          className="flex flex-wrap items-end gap-3 border-b border-slate-200 bg-slate-50 px-5 py-3"
          aria-label="Settings to compare with"
        >
          <p className="w-full text-[13px] text-slate-600">
            The same flow, traced again on a copy of the cluster. Your scenario is not changed.
          </p>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${ids}-cni`} className={label}>
              CNI
            </label>
            <select
              id={`${ids}-cni`}
              className={control}
              value={cni}
              onChange={(e) => setCni(e.target.value)}
            >
              {CNI_CHOICES.map((c) => (
                <option key={cniValue(c)} value={cniValue(c)}>
                  {c.label}
                  {cniValue(c) === current ? ' (now)' : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor={`${ids}-proxy`} className={label}>
              Service proxy
            </label>
            <select
              id={`${ids}-proxy`}
              className={control}
              value={proxyMode}
              onChange={(e) => setProxy(e.target.value as ProxyMode)}
            >
              {PROXY_MODES.map((p) => (
                <option
                  key={p.value}
                  value={p.value}
                  disabled={!proxyFitsCni(p.value, choice.plugin)}
                >
                  {p.label}
                  {p.value === settings?.proxyMode ? ' (now)' : ''}
                </option>
              ))}
            </select>
          </div>
          <button
            type="submit"
            className="h-9 rounded-md bg-sky-600 px-4 text-[14px] font-semibold text-white hover:bg-sky-700"
          >
            Compare
          </button>
          {comparison?.status === 'running' && (
            <span className="text-[13px] text-slate-600">Tracing…</span>
          )}
          {comparison && (
            <button
              type="button"
              onClick={clearComparison}
              className="h-9 rounded-md px-2 text-[13px] text-slate-600 hover:bg-slate-100"
            >
              Clear
            </button>
          )}
        </form>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
          {comparison?.status === 'error' && (
            <p className="text-[14px] text-red-800">{comparison.error}</p>
          )}
          {comparison?.status === 'ready' && comparison.trace && (
            <ComparisonTable replayTrace={comparison.trace} settings={comparison.settings} />
          )}
          {!comparison && (
            <p className="text-[14px] text-slate-600">
              Pick a CNI and a kube-proxy mode and compare: both hop lists appear side by side, with
              what the other settings add, remove or change.
            </p>
          )}
        </div>
      </div>
    </div>,
    document.body,
  );
}

const CHANGE_STYLE: Record<RowChange, string> = {
  same: '',
  changed: 'bg-amber-50',
  removed: 'bg-red-50',
  added: 'bg-emerald-50',
};
const CHANGE_TEXT: Record<RowChange, string> = {
  same: 'same',
  changed: 'changed',
  removed: 'only now',
  added: 'only with other',
};

function ComparisonTable({
  replayTrace,
  settings: replaySettings,
}: {
  readonly replayTrace: NonNullable<ReturnType<typeof selectTrace>>;
  readonly settings: ReplaySettings;
}) {
  const steps = useAppStore(selectSteps);
  const trace = useAppStore(selectTrace);
  const settings = useAppStore(selectClusterSettings);
  const replaySteps = useMemo(() => toTraceSteps(replayTrace), [replayTrace]);
  const rows = useMemo(() => compareSteps(steps, replaySteps), [steps, replaySteps]);
  const counts = rows.reduce((acc, r) => ({ ...acc, [r.change]: acc[r.change] + 1 }), {
    same: 0,
    changed: 0,
    removed: 0,
    added: 0,
  } as Record<RowChange, number>);
  const now = settings ? `${settings.cni} ${settings.cniMode} · ${settings.proxyMode}` : 'now';
  const then = `${replaySettings.cni.plugin} ${replaySettings.cni.mode} · ${replaySettings.proxyMode}`;
  return (
    <div className="flex flex-col gap-3">
      <div className="grid grid-cols-2 gap-3 text-[13.5px]">
        <Outcome title={`Now: ${now}`} trace={trace} />
        <Outcome title={`Other: ${then}`} trace={replayTrace} />
      </div>
      <p className="text-[13px] text-slate-700" aria-label="Differences">
        {counts.changed} hop{counts.changed === 1 ? '' : 's'} changed, {counts.removed} only now,{' '}
        {counts.added} only with the other settings, {counts.same} the same.
      </p>
      <table
        className="w-full table-fixed border-collapse text-[12.5px]"
        aria-label="Hops side by side"
      >
        <thead>
          <tr className="text-left text-[11px] tracking-wide text-slate-500 uppercase">
            <th className="w-[44%] pb-1 font-semibold">Now</th>
            <th className="w-[12%] pb-1 font-semibold">Difference</th>
            <th className="w-[44%] pb-1 font-semibold">Other settings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <CompareRow key={i} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Outcome({
  title,
  trace,
}: {
  readonly title: string;
  readonly trace: ReturnType<typeof selectTrace>;
}) {
  if (!trace) return null;
  return (
    <div className="rounded-lg border border-slate-200 px-3 py-2">
      <div className="mb-1 font-mono text-[12px] font-semibold text-slate-700">{title}</div>
      <div className="flex items-start gap-2">
        <VerdictBadge verdict={trace.verdict} />
        <span className="leading-snug text-slate-800">{trace.summary}</span>
      </div>
    </div>
  );
}

function CompareRow({ row }: { readonly row: ComparedRow }) {
  return (
    <tr
      className={`border-t border-slate-100 align-top ${CHANGE_STYLE[row.change]}`}
      data-change={row.change}
    >
      <td className="py-1 pr-2">{row.left && <HopCell step={row.left} />}</td>
      <td className="py-1 pr-2">
        {row.change !== 'same' && (
          <span
            className={`inline-block rounded px-1.5 py-px text-[11px] font-semibold ${
              row.change === 'changed'
                ? 'bg-amber-200 text-amber-900'
                : row.change === 'removed'
                  ? 'bg-red-200 text-red-900'
                  : 'bg-emerald-200 text-emerald-900'
            }`}
          >
            {CHANGE_TEXT[row.change]}
          </span>
        )}
        {row.differences.map((d) => (
          <div key={d} className="mt-0.5 font-mono text-[11px] leading-tight text-amber-900">
            {d}
          </div>
        ))}
      </td>
      <td className="py-1">{row.right && <HopCell step={row.right} />}</td>
    </tr>
  );
}

function HopCell({ step }: { readonly step: TraceStep }) {
  return (
    <div>
      <div className="flex items-center gap-1.5">
        <span className="min-w-0 flex-1 truncate font-mono text-[11.5px] text-slate-600">
          {step.phase === 'lookup' ? 'DNS · ' : step.phase === 'reply' ? 'reply · ' : ''}
          {stepWhere(step)}
        </span>
        <VerdictBadge verdict={step.hop.verdict} />
      </div>
      <p className="line-clamp-3 leading-snug text-slate-800">{step.hop.explanation}</p>
    </div>
  );
}
