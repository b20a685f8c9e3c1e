/**
 * Presenter mode, for a classroom: the canvas large, the packet inspector in large type, high
 * contrast, no editing chrome, and a caption bar that narrates each hop in plain words (the same
 * words go to the aria-live narration). Arrow keys (and a clicker's PageUp/PageDown) step, Space
 * plays, Escape leaves.
 */
import { ClusterCanvas } from '../canvas/ClusterCanvas.tsx';
import { PacketInspector } from '../panels/PacketInspector.tsx';
import { PlaybackControls, useNarration } from '../panels/PlaybackControls.tsx';
import { useAppStore } from '../store/appStore.ts';
import { selectSetPresenting, selectStepCount, selectTitle } from '../store/selectors.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export function PresenterMode() {
  const title = useAppStore(selectTitle);
  const total = useAppStore(selectStepCount);
  const setPresenting = useAppStore(selectSetPresenting);
  const narration = useNarration();
  return (
    <div className="pp-presenting flex h-screen flex-col bg-white text-slate-950">
      <header className="flex h-16 shrink-0 items-center gap-4 border-b-2 border-slate-900 px-6">
        <img src="/favicon.svg" alt="" className="h-8 w-8" />
        <h1 className="min-w-0 flex-1 truncate text-[24px] font-bold tracking-tight">{title}</h1>
        <span className="hidden text-[15px] text-slate-700 lg:inline">
          Space plays · ← → step · Esc leaves
        </span>
        <button
          type="button"
          onClick={() => setPresenting(false)}
          className="h-11 rounded-lg border-2 border-slate-900 bg-white px-4 text-[16px] font-semibold hover:bg-slate-100 focus-visible:ring-4 focus-visible:ring-sky-400 focus-visible:outline-none"
        >
          Exit presenter
        </button>
      </header>
      <main className="flex min-h-0 flex-1">
        <section aria-label="Cluster" className="relative min-w-0 flex-1">
          <ErrorBoundary area="The canvas">
            <ClusterCanvas />
          </ErrorBoundary>
        </section>
        <aside
          aria-label="Packet trace"
          className="w-[470px] shrink-0 overflow-y-auto border-l-2 border-slate-900 bg-white"
          style={{ zoom: 1.15 }}
        >
          <ErrorBoundary area="The packet inspector">
            <PacketInspector large />
          </ErrorBoundary>
        </aside>
      </main>
      <section
        aria-label="Caption"
        className="flex min-h-[5.25rem] shrink-0 items-center bg-slate-950 px-8 py-3 text-[23px] leading-snug font-medium text-white"
      >
        <p className="line-clamp-3">
          {narration ||
            (total > 0
              ? 'Press Space to play the packet, or → to take it one hop at a time.'
              : 'Send a packet to begin.')}
        </p>
      </section>
      <ErrorBoundary area="The playback controls">
        <PlaybackControls variant="presenter" />
      </ErrorBoundary>
    </div>
  );
}
