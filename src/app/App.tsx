import { useEffect } from 'react';
import { ClusterCanvas } from '../canvas/ClusterCanvas.tsx';
import { Diagnostics } from '../panels/Diagnostics.tsx';
import { HopList } from '../panels/HopList.tsx';
import { SidePanelTabs } from '../panels/inspector/SidePanelTabs.tsx';
import { Palette } from '../panels/Palette.tsx';
import { PlaybackControls } from '../panels/PlaybackControls.tsx';
import { PoliciesButton, PolicyWorkbench } from '../panels/policy/PolicyWorkbench.tsx';
import { ProbeBar } from '../panels/ProbeBar.tsx';
import { useAppStore } from '../store/appStore.ts';
import { ThemeToggle } from '../ui/ThemeToggle.tsx';
import { useResolvedTheme } from '../ui/useResolvedTheme.ts';
import '../ui/theme.css';
import {
  selectClusterSettings,
  selectDescription,
  selectLoadCount,
  selectPresenting,
  selectSetTheme,
  selectTheme,
  selectTitle,
} from '../store/selectors.ts';
import { CanvasDropZone } from './CanvasDropZone.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { PresenterMode } from './PresenterMode.tsx';
import { ScenarioMenu } from './ScenarioMenu.tsx';
import { ScenarioNotice } from './ScenarioNotice.tsx';
import { StatusBanner } from './StatusBanner.tsx';

export function App() {
  // The probe form starts from each scenario's flow: a new scenario gets a fresh form.
  const loadCount = useAppStore(selectLoadCount);
  const presenting = useAppStore(selectPresenting);
  const theme = useResolvedTheme(useAppStore(selectTheme));
  useEffect(() => {
    document.documentElement.classList.toggle('dark', theme === 'dark');
  }, [theme]);
  if (presenting) return <PresenterMode />;
  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900">
      <AppHeader />
      <StatusBanner />
      <ScenarioNotice />
      <main className="flex min-h-0 flex-1">
        <ErrorBoundary area="The palette">
          <Palette />
        </ErrorBoundary>
        <div className="flex min-w-0 flex-1 flex-col">
          <section aria-label="Cluster" className="relative min-h-0 min-w-0 flex-1">
            <CanvasDropZone>
              <ErrorBoundary area="The canvas">
                <ClusterCanvas />
              </ErrorBoundary>
            </CanvasDropZone>
          </section>
          <ErrorBoundary area="The playback controls">
            <PlaybackControls />
          </ErrorBoundary>
        </div>
        <aside
          aria-label="Side panel"
          className="flex w-[460px] shrink-0 flex-col overflow-y-auto border-l border-slate-200 bg-slate-50"
        >
          {/* The form stays in reach while a long hop list scrolls under it. */}
          <div className="sticky top-0 z-10 shadow-[0_1px_0_rgb(226_232_240)]">
            <ErrorBoundary area="The probe form">
              <ProbeBar key={loadCount} />
            </ErrorBoundary>
          </div>
          <ErrorBoundary area="The side panel">
            <SidePanelTabs
              trace={
                <>
                  <HopList />
                  <Diagnostics />
                </>
              }
            />
          </ErrorBoundary>
        </aside>
      </main>
      <ErrorBoundary area="The policy workbench">
        <PolicyWorkbench />
      </ErrorBoundary>
    </div>
  );
}

function AppHeader() {
  const title = useAppStore(selectTitle);
  const description = useAppStore(selectDescription);
  const settings = useAppStore(selectClusterSettings);
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-5">
      <div className="flex items-center gap-2">
        <img src="/favicon.svg" alt="" className="h-7 w-7" />
        <span className="text-[18px] font-bold tracking-tight text-slate-900">PodPath</span>
      </div>
      <span aria-hidden="true" className="h-6 w-px bg-slate-200" />
      <h1
        className="min-w-0 flex-1 truncate text-[15px] font-medium text-slate-700"
        title={description}
      >
        {title}
      </h1>
      {settings && (
        <dl className="flex shrink-0 items-center gap-2 text-[12px]">
          <Setting name="CNI" value={`${settings.cni} · ${settings.cniMode}`} />
          <Setting name="kube-proxy" value={settings.proxyMode} />
        </dl>
      )}
      <PoliciesButton />
      <HeaderThemeToggle />
      <ScenarioMenu />
    </header>
  );
}

function HeaderThemeToggle() {
  const setTheme = useAppStore(selectSetTheme);
  const theme = useResolvedTheme(useAppStore(selectTheme));
  return <ThemeToggle theme={theme} onChange={setTheme} />;
}

function Setting({ name, value }: { readonly name: string; readonly value: string }) {
  return (
    <div className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-slate-50 px-2 py-1">
      <dt className="text-slate-500">{name}</dt>
      <dd className="font-mono font-medium text-slate-800">{value}</dd>
    </div>
  );
}
