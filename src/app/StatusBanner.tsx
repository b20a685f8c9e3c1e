import { useAppStore } from '../store/appStore.ts';
import { selectError, selectWorkerFailure } from '../store/selectors.ts';

/** Tells the person when the simulation is degraded or failed; the page keeps working. */
export function StatusBanner() {
  const workerFailure = useAppStore(selectWorkerFailure);
  const error = useAppStore(selectError);
  if (!workerFailure && !error) return null;
  return (
    <div className="flex flex-col">
      {workerFailure && (
        <div
          role="alert"
          className="flex flex-wrap items-baseline gap-x-2 border-b border-amber-200 bg-amber-50 px-5 py-2 text-[13px] text-amber-950"
        >
          <strong className="font-semibold">
            Simulation worker failed: running in the page instead
          </strong>
          <span className="text-amber-800">({workerFailure})</span>
        </div>
      )}
      {error && (
        <div
          role="alert"
          className="border-b border-red-200 bg-red-50 px-5 py-2 text-[13px] text-red-900"
        >
          <strong className="font-semibold">The simulation failed:</strong> {error}
        </div>
      )}
    </div>
  );
}
