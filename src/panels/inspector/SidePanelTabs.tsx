/**
 * The side panel's two views: the trace of the last packet sent, and the inspector for the
 * selected element. Selecting something opens the inspector; sending a packet opens the trace.
 */
import { useId, useRef, type ReactNode, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store/appStore.ts';
import { selectPanelTab, selectSetPanelTab } from '../../store/selectors.ts';
import { lazyPart } from '../../ui/lazyPart.tsx';

const Inspector = lazyPart(() => import('./Inspector.tsx').then((m) => m.Inspector));

const TABS = [
  { id: 'trace', label: 'Trace' },
  { id: 'inspect', label: 'Inspector' },
] as const;

export function SidePanelTabs({ trace }: { readonly trace: ReactNode }) {
  const tab = useAppStore(selectPanelTab);
  const setTab = useAppStore(selectSetPanelTab);
  const ids = useId();
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (event: KeyboardEvent, index: number) => {
    if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
    event.preventDefault();
    const next = (index + (event.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length;
    setTab(TABS[next].id);
    buttons.current[next]?.focus();
  };
  return (
    <>
      <div
        role="tablist"
        aria-label="Side panel"
        className="flex gap-1 border-b border-slate-200 bg-white px-4 pt-1"
      >
        {TABS.map((t, i) => {
          const active = tab === t.id;
          return (
            <button
              key={t.id}
              ref={(el) => {
                buttons.current[i] = el;
              }}
              type="button"
              role="tab"
              id={`${ids}-${t.id}-tab`}
              aria-selected={active}
              aria-controls={`${ids}-${t.id}`}
              tabIndex={active ? 0 : -1}
              onClick={() => setTab(t.id)}
              onKeyDown={(e) => onKeyDown(e, i)}
              className={`-mb-px border-b-2 px-3 py-2 text-[13px] font-semibold focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none ${
                active
                  ? 'border-sky-600 text-slate-900'
                  : 'border-transparent text-slate-500 hover:text-slate-800'
              }`}
            >
              {t.label}
            </button>
          );
        })}
      </div>
      {TABS.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`${ids}-${t.id}`}
          aria-labelledby={`${ids}-${t.id}-tab`}
          hidden={tab !== t.id}
        >
          {/* The inspector mounts only while it is shown; the trace stays (its scroll, its step). */}
          {t.id === 'trace' ? trace : tab === 'inspect' && <Inspector />}
        </div>
      ))}
    </>
  );
}
