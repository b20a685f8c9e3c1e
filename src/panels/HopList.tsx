/**
 * The trace side panel: before a send, the scenario's description and what the hops will show;
 * after one, the trace explorer (TraceExplorer), loaded when the first trace arrives.
 */
import { useAppValues } from '../store/appStore.ts';
import {
  selectDescription,
  selectIsRunning,
  selectPredictionPending,
  selectTrace,
} from '../store/selectors.ts';
import { lazyPart } from '../ui/lazyPart.tsx';

const TraceExplorer = lazyPart(() => import('./TraceExplorer.tsx').then((m) => m.TraceExplorer));

export function HopList() {
  const { trace, running, description, predicting } = useAppValues({
    trace: selectTrace,
    running: selectIsRunning,
    description: selectDescription,
    predicting: selectPredictionPending,
  });

  if (predicting) {
    return (
      <section aria-label="Trace" className="px-5 py-6 text-[14px] leading-relaxed text-slate-600">
        <p>The lesson asks for your prediction first: the packet's trace shows once you answer.</p>
      </section>
    );
  }
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

  return <TraceExplorer />;
}
