import { KindIcon } from '../ui/kinds.tsx';

/** Shown on a cluster with no nodes: what to add first, and where a ready scenario is. */
export function EmptyHint() {
  return (
    <div className="pointer-events-none max-w-[400px] rounded-xl border border-dashed border-slate-300 bg-white/90 px-5 py-4 text-center text-[13px] text-slate-600 shadow-sm">
      <KindIcon kind="Cluster" className="mx-auto mb-2 h-6 w-6 text-sky-700" />
      <p className="font-semibold text-slate-800">An empty cluster</p>
      <p className="mt-1">
        Pods run on nodes, so start with a <strong>node</strong> from the palette (click it, or drag
        it here). Then put pods on it and a Service in front of them, and send a packet.
      </p>
      <p className="mt-1">
        Or open the <strong>Gallery</strong> for a ready scenario.
      </p>
    </div>
  );
}
