import type { Verdict } from '../engine/vocabulary.ts';

const STYLE: Record<Verdict, string> = {
  Forwarded: 'bg-slate-100 text-slate-700 ring-slate-300',
  Translated: 'bg-amber-100 text-amber-900 ring-amber-300',
  Encapsulated: 'bg-indigo-100 text-indigo-800 ring-indigo-300',
  Decapsulated: 'bg-indigo-100 text-indigo-800 ring-indigo-300',
  Resolved: 'bg-fuchsia-100 text-fuchsia-800 ring-fuchsia-300',
  Allowed: 'bg-teal-100 text-teal-800 ring-teal-300',
  Delivered: 'bg-emerald-600 text-white ring-emerald-700',
  Dropped: 'bg-red-600 text-white ring-red-700',
};

export function VerdictBadge({ verdict }: { readonly verdict: Verdict }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-md px-1.5 py-px text-[11px] font-semibold ring-1 ring-inset ${STYLE[verdict]}`}
    >
      {verdict}
    </span>
  );
}
