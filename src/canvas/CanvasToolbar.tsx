import type { ReactNode } from 'react';
import { appStore, useAppStore } from '../store/appStore.ts';
import { deleteSelection, duplicateSelection, redo, undo } from '../store/editorActions.ts';
import {
  selectCanRedo,
  selectCanUndo,
  selectHasTrace,
  selectPresenting,
  selectReplay,
  selectSelectedKey,
  selectSetShowSystem,
  selectShowSystem,
} from '../store/selectors.ts';
import { FindPod } from './FindPod.tsx';
import type { PodView } from './flowTypes.ts';
import { COLLAPSE_FROM_PODS } from './podGroups.ts';
import { LineIcon } from '../ui/LineIcon.tsx';
import { PictureExport } from './pictures/PictureExport.tsx';

const mac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = mac ? '⌘' : 'Ctrl+';

/** Edit commands and view switches over the canvas. */
export function CanvasToolbar({
  readOnly = false,
  pods,
}: {
  readonly readOnly?: boolean;
  /** The pods on the canvas, for "Find pod" (offered once the canvas is big enough to fold). */
  readonly pods: ReadonlyMap<string, PodView>;
}) {
  const canUndo = useAppStore(selectCanUndo);
  const canRedo = useAppStore(selectCanRedo);
  const hasSelection = useAppStore(selectSelectedKey) !== null;
  const showSystem = useAppStore(selectShowSystem);
  const setShowSystem = useAppStore(selectSetShowSystem);
  const replay = useAppStore(selectReplay);
  const hasTrace = useAppStore(selectHasTrace);
  // Presenter mode has its own, larger Play again.
  const presenting = useAppStore(selectPresenting);
  return (
    <div
      role="toolbar"
      aria-label="Canvas tools"
      className="flex flex-wrap items-center justify-end gap-1 rounded-lg border border-slate-200 bg-white/95 px-1.5 py-1 text-[13px] shadow-sm"
    >
      {!readOnly && (
        <>
          <ToolButton
            label="Undo"
            shortcut={`${MOD}Z`}
            disabled={!canUndo}
            onClick={() => undo(appStore)}
          >
            <path d="M6 5 3 8l3 3" />
            <path d="M3.5 8H10a3 3 0 0 1 0 6H8" />
          </ToolButton>
          <ToolButton
            label="Redo"
            shortcut={mac ? '⇧⌘Z' : 'Ctrl+Y'}
            disabled={!canRedo}
            onClick={() => redo(appStore)}
          >
            <path d="m10 5 3 3-3 3" />
            <path d="M12.5 8H6a3 3 0 0 0 0 6h2" />
          </ToolButton>
          <Divider />
          <ToolButton
            label="Duplicate"
            shortcut={`${MOD}D`}
            disabled={!hasSelection}
            onClick={() => duplicateSelection(appStore)}
          >
            <rect x="5.5" y="5.5" width="8" height="8" rx="1.5" />
            <path d="M10.5 3.5v-.5A1.5 1.5 0 0 0 9 1.5H3A1.5 1.5 0 0 0 1.5 3v6A1.5 1.5 0 0 0 3 10.5h.5" />
          </ToolButton>
          <ToolButton
            label="Delete"
            shortcut="Del"
            disabled={!hasSelection}
            onClick={() => deleteSelection(appStore)}
          >
            <path d="M2.5 4.5h11M6 4.5V3h4v1.5M4 4.5l.7 9h6.6l.7-9" />
          </ToolButton>
          <Divider />
        </>
      )}
      {pods.size >= COLLAPSE_FROM_PODS && <FindPod pods={pods} />}
      <label className="flex cursor-pointer items-center gap-1.5 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100">
        <input
          type="checkbox"
          className="accent-sky-600"
          checked={showSystem}
          onChange={(e) => setShowSystem(e.target.checked)}
        />
        System pods
      </label>
      {!presenting && (
        <button
          type="button"
          onClick={replay}
          disabled={!hasTrace}
          title="Play the same packet again from its first hop"
          className="rounded-md border border-slate-300 px-2.5 py-1 font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-40"
        >
          Play again
        </button>
      )}
      <PictureExport />
    </div>
  );
}

function Divider() {
  return <span aria-hidden="true" className="mx-0.5 h-5 w-px bg-slate-200" />;
}

function ToolButton({
  label,
  shortcut,
  disabled,
  onClick,
  children,
}: {
  readonly label: string;
  readonly shortcut: string;
  readonly disabled: boolean;
  readonly onClick: () => void;
  readonly children: ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      aria-keyshortcuts={shortcut.replace('Ctrl+', 'Control+').replace('⌘', 'Meta+')}
      title={`${label} (${shortcut})`}
      disabled={disabled}
      onClick={onClick}
      className="grid h-7 w-7 place-items-center rounded-md text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-35"
    >
      <LineIcon roundJoins>{children}</LineIcon>
    </button>
  );
}
