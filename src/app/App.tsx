import { useEffect } from 'react';
import { Palette } from '../panels/Palette.tsx';
import { useAppStore } from '../store/appStore.ts';
import { lazyPart } from '../ui/lazyPart.tsx';
import { useResolvedTheme } from '../ui/useResolvedTheme.ts';
import '../ui/theme.css';
import { selectPresenting, selectTheme } from '../store/selectors.ts';
import { AppHeader } from './AppHeader.tsx';
import { CanvasDropZone } from './CanvasDropZone.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PresenterMode } from './lazyDialogs.ts';
import { LessonDock } from './LessonDock.tsx';
import { ProbeForm, SidePanel } from './SidePanel.tsx';
import { ClusterSection, Notices, PlaybackBar } from './ClusterSection.tsx';
import { useCompactLayout } from './useCompactLayout.ts';

/** The phone's layout loads on a phone only; a wide screen never needs it. */
const PhoneLayout = lazyPart(() => import('./PhoneLayout.tsx').then((m) => m.PhoneLayout));
const PolicyWorkbench = lazyPart(() =>
  import('../panels/policy/PolicyWorkbench.tsx').then((m) => m.PolicyWorkbench),
);

export function App() {
  const presenting = useAppStore(selectPresenting);
  const compact = useCompactLayout();
  const theme = useResolvedTheme(useAppStore(selectTheme));
  // A lesson beside the cluster takes room from the side panel below 2xl, so the canvas stays usable.
  const docked = useAppStore((s) => s.lessonPlay !== null || s.lessonDraft !== null);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
  if (presenting) return <PresenterMode />;
  if (compact) return <PhoneLayout />;
  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900">
      <AppHeader />
      <Notices />
      <main className="flex min-h-0 flex-1">
        <ErrorBoundary area="The palette">
          <Palette />
        </ErrorBoundary>
        <LessonDock className="flex w-[300px] shrink-0 flex-col border-r border-slate-200 2xl:w-[380px]" />
        <div className="flex min-w-0 flex-1 flex-col">
          <ClusterSection className="min-h-0 min-w-0 flex-1" skipTarget Around={CanvasDropZone} />
          <PlaybackBar />
        </div>
        <aside
          aria-label="Side panel"
          className={`flex ${docked ? 'w-[360px] 2xl:w-[460px]' : 'w-[460px]'} shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-slate-50`}
        >
          {/* The form stays in reach while a long hop list scrolls under it. */}
          <div className="sticky top-0 z-10 shadow-[0_1px_0_rgb(226_232_240)]">
            <ProbeForm />
          </div>
          <SidePanel />
        </aside>
      </main>
      <ErrorBoundary area="The policy workbench">
        <PolicyWorkbench />
      </ErrorBoundary>
    </div>
  );
}
