import { KindIcon } from '../ui/kinds.tsx';

/** What an empty canvas says: where to start. */
export function EmptyHint() {
  return (
    <div className="pointer-events-none max-w-[380px] rounded-xl border border-dashed border-slate-300 bg-white/90 px-5 py-4 text-center text-[13px] text-slate-600 shadow-sm">
      <KindIcon kind="Cluster" className="mx-auto mb-2 h-6 w-6 text-sky-700" />
      <p className="font-semibold text-slate-800">An empty cluster</p>
      <p className="mt-1">
        Add a <strong>node</strong> from the palette (click it, or drag it here), then put pods on
        it and a Service in front of them.
      </p>
    </div>
  );
}
