import { useAppStore } from '../store/appStore.ts';
import { selectDiagnostics } from '../store/selectors.ts';

const TONE = {
  error: 'text-red-800',
  warning: 'text-amber-800',
  note: 'text-slate-600',
} as const;

/** What the engine noticed while building the cluster (address conflicts, unknown nodes). */
export function Diagnostics() {
  const diagnostics = useAppStore(selectDiagnostics);
  if (!diagnostics || diagnostics.length === 0) return null;
  return (
    <details className="border-t border-slate-200 px-5 py-3 text-[13px]">
      <summary className="cursor-pointer font-semibold text-slate-700">
        Cluster notes ({diagnostics.length})
      </summary>
      <ul aria-label="Cluster notes" className="mt-2 flex flex-col gap-1">
        {diagnostics.map((d, index) => (
          <li key={index} className={TONE[d.severity]}>
            <span className="font-semibold capitalize">{d.severity}:</span> {d.message}
          </li>
        ))}
      </ul>
    </details>
  );
}
