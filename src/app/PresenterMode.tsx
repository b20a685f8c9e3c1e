/**
 * Presenter mode, for a classroom: the canvas large with a camera that follows the packet, the
 * packet inspector in large type, high contrast, no editing chrome, and a caption bar that
 * narrates each hop in plain words. Send and Play again work from here; arrow keys (and a
 * clicker's PageUp/PageDown) step, Space plays (or sends, before anything was sent), Escape
 * leaves. Focus starts on the stage's heading and returns where it was on leaving.
 */
import { useEffect, useRef } from 'react';
import { ClusterSection } from './ClusterSection.tsx';
import { PacketInspector } from '../panels/PacketInspector.tsx';
import { PlaybackControls, useNarration } from '../panels/PlaybackControls.tsx';
import { appStore, useAppStore } from '../store/appStore.ts';
import {
  selectActiveProbe,
  selectFlow,
  selectPredictionPending,
  selectReplay,
  selectSetPresenting,
  selectStepCount,
  selectTitle,
} from '../store/selectors.ts';
import { sendFlowOnScreen } from '../store/sendFlowOnScreen.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PresentedPrediction } from '../panels/lessons/PresentedPrediction.tsx';

const BUTTON =
  'h-11 shrink-0 rounded-lg border-2 px-4 text-[16px] font-semibold focus-visible:ring-4 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50';

export function PresenterMode() {
  const title = useAppStore(selectTitle);
  const total = useAppStore(selectStepCount);
  const canSend = useAppStore((s) => selectActiveProbe(s) !== null || selectFlow(s) !== undefined);
  const replay = useAppStore(selectReplay);
  const setPresenting = useAppStore(selectSetPresenting);
  const narration = useNarration();
  // In a lesson, Send reveals the prediction: the engine answers it and the packet plays.
  const predicting = useAppStore(selectPredictionPending);
  const send = () => sendFlowOnScreen(appStore);
  const heading = useRef<HTMLHeadingElement>(null);

  // Entering moves focus onto the stage; leaving gives it back to what had it (the Present
  // button), or to the page's main heading when that is gone.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      requestAnimationFrame(() => {
        const back =
          before?.isConnected && before !== document.body
            ? before
            : document.querySelector<HTMLElement>('[data-return-focus="present"]');
        back?.focus();
      });
    };
  }, []);

  return (
    <div className="pp-presenting flex h-screen flex-col bg-white text-slate-950">
      <header className="flex h-16 shrink-0 items-center gap-3 border-b-2 border-slate-900 px-6">
        <img src="/favicon.svg" alt="" className="h-8 w-8" />
        <h1
          ref={heading}
          tabIndex={-1}
          className="min-w-0 flex-1 truncate text-[24px] font-bold tracking-tight focus:outline-none"
        >
          {title}
        </h1>
        <span className="hidden text-[15px] text-slate-700 2xl:inline">
          Space plays · ← → step · Esc leaves
        </span>
        <button
          type="button"
          disabled={!canSend && !predicting}
          onClick={send}
          title={canSend ? 'Send the flow again' : 'This scenario has no flow to send'}
          className={`${BUTTON} border-sky-800 bg-sky-700 text-white hover:bg-sky-800`}
        >
          Send
        </button>
        <button
          type="button"
          disabled={total === 0}
          onClick={replay}
          title="Play the packet again from its first hop"
          className={`${BUTTON} border-slate-900 bg-white hover:bg-slate-100`}
        >
          Play again
        </button>
        <button
          type="button"
          onClick={() => setPresenting(false)}
          className={`${BUTTON} border-slate-900 bg-white hover:bg-slate-100`}
        >
          Exit presenter
        </button>
      </header>
      <main className="flex min-h-0 flex-1">
        <ClusterSection className="min-w-0 flex-1" />
        <aside
          aria-label="Packet trace"
          className="w-[330px] shrink-0 overflow-y-auto border-l-2 border-slate-900 bg-white 2xl:w-[470px]"
          style={{ zoom: 1.15 }}
        >
          <ErrorBoundary area="The packet inspector">
            <PacketInspector large />
          </ErrorBoundary>
        </aside>
      </main>
      <ErrorBoundary area="The prediction">
        <PresentedPrediction />
      </ErrorBoundary>
      <section
        aria-label="Caption"
        className="flex min-h-[5.25rem] shrink-0 items-center bg-slate-950 px-8 py-3 text-[24px] leading-snug font-medium text-white"
      >
        <p className="line-clamp-3">
          {narration ||
            (total > 0
              ? 'Press Space to play the packet, or → to take it one hop at a time.'
              : canSend
                ? 'Press Send (or Space) to send the packet.'
                : 'This scenario has no flow yet: leave the presenter to choose one.')}
        </p>
      </section>
      <ErrorBoundary area="The playback controls">
        <PlaybackControls variant="presenter" />
      </ErrorBoundary>
    </div>
  );
}
