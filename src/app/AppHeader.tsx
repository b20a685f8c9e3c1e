/**
 * The page's header: the scenario's title (a button that edits it and the description), its CNI
 * and kube-proxy mode, and the commands. On a phone only the title, the scenario menu and Share stay; the rest is in the menu or a sheet.
 */
import { useState } from 'react';
import { PoliciesButton } from '../panels/policy/PoliciesButton.tsx';
import { useAppStore } from '../store/appStore.ts';
import {
  selectClusterSettings,
  selectDescription,
  selectSetTheme,
  selectTheme,
  selectTitle,
} from '../store/selectors.ts';
import { MAIN_CONTENT_ID } from '../ui/focusTargets.ts';
import { ThemeToggle } from '../ui/ThemeToggle.tsx';
import { useResolvedTheme } from '../ui/useResolvedTheme.ts';
import { LessonsButton } from './LessonsButton.tsx';
import { ScenarioMenu } from './ScenarioMenu.tsx';
import { ScenarioDetailsDialog } from './lazyDialogs.ts';

export function AppHeader() {
  const title = useAppStore(selectTitle);
  const description = useAppStore(selectDescription);
  const settings = useAppStore(selectClusterSettings);
  const [editing, setEditing] = useState(false);
  return (
    <header className="relative flex h-14 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-3 md:gap-4 md:px-5">
      {/* The first stop for the keyboard: past the header and the palette, straight to the cluster. */}
      <a
        href={`#${MAIN_CONTENT_ID}`}
        className="sr-only rounded-md bg-sky-700 px-3 py-2 text-[14px] font-semibold text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:ring-4 focus:ring-sky-300 focus:outline-none"
      >
        Skip to the cluster
      </a>
      <div className="flex shrink-0 items-center gap-2">
        <img src="/favicon.svg" alt="" className="h-7 w-7" />
        <span className="hidden text-[18px] font-bold tracking-tight text-slate-900 sm:inline">
          PodPath
        </span>
      </div>
      <span aria-hidden="true" className="hidden h-6 w-px bg-slate-200 sm:block" />
      <h1 className="flex min-w-0 flex-1">
        {/* The title is also the way to change it and the description. */}
        <button
          type="button"
          onClick={() => setEditing(true)}
          aria-label={`Edit the title and description: ${title}`}
          title={
            description
              ? `${description}\n\nClick to edit`
              : 'Click to edit the title and description'
          }
          className="group flex max-w-full min-w-0 items-center gap-1.5 rounded-md px-1.5 py-1 text-left text-[15px] font-medium text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none"
        >
          <span className="truncate">{title}</span>
          {/* A pencil drawn, not typed, so the heading's text is the title alone. */}
          <svg
            aria-hidden="true"
            viewBox="0 0 16 16"
            className="h-3.5 w-3.5 shrink-0 fill-none stroke-current text-slate-500 group-hover:text-slate-800"
            strokeWidth="1.5"
            strokeLinejoin="round"
          >
            <path d="M11 2.5l2.5 2.5L6 12.5 3 13l.5-3L11 2.5z" />
          </svg>
        </button>
      </h1>
      {editing && <ScenarioDetailsDialog onClose={() => setEditing(false)} />}
      {settings && (
        <dl className="hidden shrink-0 items-center gap-2 text-[12px] lg:flex">
          <Setting name="CNI" value={`${settings.cni} · ${settings.cniMode}`} />
          <Setting name="kube-proxy" value={settings.proxyMode} />
        </dl>
      )}
      <div className="hidden items-center gap-2 md:flex">
        <PoliciesButton />
        <HeaderThemeToggle />
      </div>
      <LessonsButton />
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
