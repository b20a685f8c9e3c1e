/**
 * `?embed`: the canvas and the hop list for an iframe in slides and course pages. It plays the
 * linked flow and can be stepped through, but nothing can be edited, and it neither reads nor
 * writes the work saved in the browser (an embed must not touch the visitor's own scenario).
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { HopList } from '../panels/HopList.tsx';
import type { AppStore } from '../store/appStore.ts';
import { useAppStore } from '../store/appStore.ts';
import { selectDescription, selectPresenting, selectTitle } from '../store/selectors.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PresenterMode } from './lazyDialogs.ts';
import { ClusterSection, Notices, PlaybackBar } from './ClusterSection.tsx';
import './embed.css';

/** Document edits the store offers; in the embed each becomes a no-op. */
const EDITING_ACTIONS = ['setDocument', 'editDocument', 'setPosition', 'undo', 'redo'] as const;

/** Makes the store read-only for documents: edits are ignored (loading a link still works). */
export function makeReadOnly(store: AppStore): void {
  const state = store.getState() as unknown as Record<string, unknown>;
  const noop = () => {};
  const patch = Object.fromEntries(
    EDITING_ACTIONS.filter((name) => typeof state[name] === 'function').map((name) => [name, noop]),
  );
  store.setState({ ...patch, readOnly: true });
}

export function EmbedApp() {
  const title = useAppStore(selectTitle);
  const description = useAppStore(selectDescription);
  const presenting = useAppStore(selectPresenting);
  // The full app, on the same scenario: the fragment travels along.
  const fullApp = `${window.location.pathname}${window.location.hash}`;
  if (presenting) return <PresenterMode />;
  return (
    <div className="pp-embed flex h-screen flex-col bg-slate-50 text-slate-900">
      <header className="flex h-11 shrink-0 items-center gap-2.5 border-b border-slate-200 bg-white px-3">
        <img src="/favicon.svg" alt="" className="h-5 w-5" />
        <h1
          className="min-w-0 truncate text-[14px] font-semibold text-slate-800"
          title={description}
        >
          {title}
        </h1>
        {description && (
          <p
            className="hidden min-w-0 flex-1 truncate text-[12.5px] text-slate-600 sm:block"
            title={description}
          >
            {description}
          </p>
        )}
        <a
          href={fullApp}
          target="_blank"
          rel="noopener"
          className="ml-auto shrink-0 rounded-md px-2 py-1 text-[12.5px] font-medium text-sky-700 hover:bg-sky-50"
        >
          Open in PodPath ↗
        </a>
      </header>
      <Notices />
      <main className="flex min-h-0 flex-1 flex-col md:flex-row">
        <div className="flex min-h-[240px] min-w-0 flex-1 flex-col">
          <ClusterSection className="min-h-0 min-w-0 flex-1" Around={NoDragging} />
          <PlaybackBar />
        </div>
        <aside
          aria-label="Packet trace"
          className="flex max-h-[45%] shrink-0 flex-col overflow-y-auto border-t border-slate-200 bg-slate-50 md:max-h-none md:w-[340px] md:border-t-0 md:border-l"
        >
          <ErrorBoundary area="The hop list">
            <HopList />
          </ErrorBoundary>
        </aside>
      </main>
    </div>
  );
}

/**
 * Stops elements from being dragged (or moved with the keyboard) while the canvas still pans,
 * zooms, and selects on click: presses on a canvas element never reach its drag handler.
 */
function NoDragging({ children }: { readonly children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onElement = (event: Event) =>
      event.target instanceof Element && event.target.closest('.react-flow__node') !== null;
    const block = (event: Event) => {
      if (onElement(event)) event.stopPropagation();
    };
    const blockKeys = (event: KeyboardEvent) => {
      if (event.key.startsWith('Arrow') || event.key === 'Delete' || event.key === 'Backspace') {
        if (onElement(event)) event.stopPropagation();
      }
    };
    const options = { capture: true };
    for (const type of ['mousedown', 'touchstart', 'pointerdown'] as const) {
      root.addEventListener(type, block, options);
    }
    root.addEventListener('keydown', blockKeys, options);
    return () => {
      for (const type of ['mousedown', 'touchstart', 'pointerdown'] as const) {
        root.removeEventListener(type, block, options);
      }
      root.removeEventListener('keydown', blockKeys, options);
    };
  }, []);
  return (
    <div ref={ref} className="h-full">
      {children}
    </div>
  );
}
