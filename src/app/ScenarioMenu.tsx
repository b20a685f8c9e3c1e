/**
 * The header's scenario commands: a Scenario menu (New, Gallery, Recent, Import, Export, Share)
 * and the two used most, Gallery and Share, as buttons of their own.
 */
import { useState, type ReactNode } from 'react';
import { focusMainContent } from '../ui/focusTargets.ts';
import { useMenuButton } from '../ui/useMenuButton.ts';
import type { GalleryEntry } from '../scenario/builtins/gallery.ts';
import { appStore, useAppStore } from '../store/appStore.ts';
import { selectRecent } from '../store/selectors.ts';
import type { RecentScenario } from '../store/scenarioLibrarySlice.ts';
import { buttonStyles } from '../ui/buttonStyles.ts';
import {
  appBaseUrl,
  exportManifestsFile,
  exportScenarioFile,
  exportSnapshotFile,
  makeShareLink,
  openScenario,
  type ShareLink,
} from './scenarioActions.ts';
import { GalleryDialog, ImportDialog, NewScenarioDialog, ShareDialog } from './lazyDialogs.ts';

type OpenDialog =
  | { readonly kind: 'new' }
  | { readonly kind: 'gallery' }
  | { readonly kind: 'import' }
  | { readonly kind: 'share'; readonly link: ShareLink };

export function ScenarioMenu() {
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const close = () => setDialog(null);

  const share = () =>
    void makeShareLink(appStore, appBaseUrl(window.location)).then((link) =>
      setDialog({ kind: 'share', link }),
    );
  const openGalleryEntry = (entry: GalleryEntry) => {
    openScenario(appStore, entry.scenario, {
      source: 'gallery',
      play: true,
      from: 'from the gallery',
    });
    close();
    // A comparison entry opens as the comparison, which takes the focus; the rest go to the cluster.
    if (entry.compareWith) appStore.getState().openComparison(entry.compareWith);
    else focusMainContent();
  };

  return (
    <div className="flex shrink-0 items-center gap-2">
      <MenuButton
        onNew={() => setDialog({ kind: 'new' })}
        onGallery={() => setDialog({ kind: 'gallery' })}
        onImport={() => setDialog({ kind: 'import' })}
        onShare={share}
      />
      {/* On a phone the menu holds the gallery. */}
      <button
        type="button"
        className={`${buttonStyles.header} hidden md:block`}
        onClick={() => setDialog({ kind: 'gallery' })}
      >
        Gallery
      </button>
      <button type="button" className={buttonStyles.headerPrimary} onClick={share}>
        Share
      </button>
      {dialog?.kind === 'new' && <NewScenarioDialog onClose={close} />}
      {dialog?.kind === 'gallery' && <GalleryDialog onOpen={openGalleryEntry} onClose={close} />}
      {dialog?.kind === 'import' && <ImportDialog onClose={close} />}
      {dialog?.kind === 'share' && <ShareDialog link={dialog.link} onClose={close} />}
    </div>
  );
}

interface MenuButtonProps {
  readonly onNew: () => void;
  readonly onGallery: () => void;
  readonly onImport: () => void;
  readonly onShare: () => void;
}

function MenuButton({ onNew, onGallery, onImport, onShare }: MenuButtonProps) {
  const { open, setOpen, hide, buttonProps, menuProps } = useMenuButton();
  const recent = useAppStore(selectRecent);

  return (
    <div className="relative">
      <button
        {...buttonProps}
        className={`${buttonStyles.header} flex items-center gap-1.5`}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        Scenario
        <span aria-hidden="true" className="text-[10px] text-slate-500">
          ▼
        </span>
      </button>
      {open && (
        <div
          {...menuProps}
          className="absolute right-0 z-50 mt-1.5 w-80 rounded-lg border border-slate-200 bg-white py-1.5 text-[13.5px] shadow-xl"
        >
          <MenuItem onSelect={onNew} onDone={() => hide()} hint="Empty or default">
            New scenario…
          </MenuItem>
          <MenuItem onSelect={onGallery} onDone={() => hide()} hint="One per topic">
            Open gallery…
          </MenuItem>
          <MenuItem onSelect={onImport} onDone={() => hide()} hint="YAML, JSON, link">
            Import…
          </MenuItem>
          <Separator />
          <MenuItem
            onSelect={() => exportScenarioFile(appStore)}
            onDone={() => hide()}
            hint=".json"
          >
            Export scenario file
          </MenuItem>
          <MenuItem
            onSelect={() => void exportManifestsFile(appStore)}
            onDone={() => hide()}
            hint="to kubectl apply"
          >
            Export manifests
          </MenuItem>
          <MenuItem
            onSelect={() => void exportSnapshotFile(appStore)}
            onDone={() => hide()}
            hint="to import again"
          >
            Export cluster snapshot
          </MenuItem>
          <MenuItem onSelect={onShare} onDone={() => hide()}>
            Share link…
          </MenuItem>
          <Separator />
          <div role="group" aria-label="Recent">
            <div
              aria-hidden="true"
              className="px-3 pt-1 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
            >
              Recent
            </div>
            {recent.length === 0 ? (
              <p className="px-3 pb-1.5 text-[13px] text-slate-500">
                Scenarios you leave are kept here.
              </p>
            ) : (
              recent.map((entry) => (
                <RecentItem
                  key={entry.id}
                  entry={entry}
                  onSelect={() => {
                    hide(false);
                    focusMainContent();
                  }}
                />
              ))
            )}
          </div>
        </div>
      )}
    </div>
  );
}

function MenuItem({
  children,
  hint,
  onSelect,
  onDone,
}: {
  readonly children: ReactNode;
  readonly hint?: string;
  readonly onSelect: () => void;
  /** Closes the menu before the command runs, focus on the menu button (a dialog it opens takes it and gives it back). */
  readonly onDone: () => void;
}) {
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      onClick={() => {
        onDone();
        onSelect();
      }}
      className="flex w-full items-baseline gap-3 px-3 py-1.5 text-left text-slate-800 hover:bg-slate-100 focus:bg-sky-50 focus:outline-none"
    >
      <span className="flex-1">{children}</span>
      {hint && (
        <span aria-hidden="true" className="text-[12px] text-slate-400">
          {hint}
        </span>
      )}
    </button>
  );
}

function Separator() {
  return <div role="separator" className="my-1.5 border-t border-slate-200" />;
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "5 minutes ago", "yesterday", then the date. */
export function formatSavedAt(savedAt: number, now = Date.now()): string {
  const seconds = Math.round((now - savedAt) / 1000);
  if (seconds < 45) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return relative.format(-minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (hours < 24) return relative.format(-hours, 'hour');
  const days = Math.round(hours / 24);
  if (days < 7) return relative.format(-days, 'day');
  return new Date(savedAt).toLocaleDateString('en', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}

function RecentItem({
  entry,
  onSelect,
}: {
  readonly entry: RecentScenario;
  readonly onSelect: () => void;
}) {
  const when = formatSavedAt(entry.savedAt);
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      title={`${entry.title}, put aside ${new Date(entry.savedAt).toLocaleString('en')}`}
      onClick={() => {
        onSelect();
        appStore.getState().openRecent(entry.id);
      }}
      className="flex w-full items-baseline gap-3 px-3 py-1.5 text-left hover:bg-slate-100 focus:bg-sky-50 focus:outline-none"
    >
      <span className="min-w-0 flex-1 truncate text-slate-800">{entry.title || 'Untitled'}</span>
      <span className="shrink-0 text-[12px] text-slate-500">{when}</span>
    </button>
  );
}
