/**
 * The app on a phone: the cluster fills the screen and the panels are sheets under it, opened
 * from a tab bar at the bottom (the flow to send, the trace and inspector, the palette). Sheets
 * stay mounted while closed, so a half-filled form survives switching between them.
 */
import { useState, type ReactNode } from 'react';
import { Palette } from '../panels/Palette.tsx';
import { AppHeader } from './AppHeader.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { LessonDock } from './LessonDock.tsx';
import { useAppStore } from '../store/appStore.ts';
import { ProbeForm, SidePanel } from './SidePanel.tsx';
import { ClusterSection, Notices, PlaybackBar } from './ClusterSection.tsx';

const SHEETS = [
  { id: 'lesson', label: 'Lesson' },
  { id: 'flow', label: 'Flow' },
  { id: 'details', label: 'Details' },
  { id: 'add', label: 'Add' },
] as const;
type Sheet = (typeof SHEETS)[number]['id'];

export function PhoneLayout() {
  // The lesson being taken, or the one being made.
  const lesson = useAppStore((s) => s.lessonPlay?.lesson ?? (s.lessonDraft ? 'draft' : null));
  // The flow sheet starts open (the Send button one tap away), or the lesson being taken.
  const [sheet, setSheet] = useState<Sheet | null>(lesson ? 'lesson' : 'flow');
  // Opening a lesson shows it; the Lesson tab is there only while one is open.
  const [shownLesson, setShownLesson] = useState(lesson);
  if (shownLesson !== lesson) {
    setShownLesson(lesson);
    setSheet(lesson ? 'lesson' : sheet === 'lesson' ? 'flow' : sheet);
  }
  const tabs = SHEETS.filter((s) => s.id !== 'lesson' || lesson);
  return (
    <div className="flex h-dvh w-full flex-col overflow-hidden bg-slate-50 text-slate-900">
      <AppHeader />
      <Notices />
      <main className="flex min-h-0 flex-1 flex-col">
        <ClusterSection className="min-h-[200px] w-full flex-1" skipTarget />
        <PlaybackBar />
        <Sheet label="Lesson sheet" open={sheet === 'lesson'}>
          <LessonDock />
        </Sheet>
        <Sheet label="Flow" open={sheet === 'flow'} scrolls={false}>
          <ProbeForm />
        </Sheet>
        <Sheet label="Details" open={sheet === 'details'}>
          <SidePanel />
        </Sheet>
        <Sheet
          label="Add to the cluster"
          open={sheet === 'add'}
          className="pp-phone-palette bg-white"
        >
          <ErrorBoundary area="The palette">
            <Palette />
          </ErrorBoundary>
        </Sheet>
      </main>
      <nav
        aria-label="Panels"
        className={`grid shrink-0 ${tabs.length > 3 ? 'grid-cols-4' : 'grid-cols-3'} border-t border-slate-300 bg-white pb-[env(safe-area-inset-bottom)]`}
      >
        {tabs.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={sheet === s.id}
            onClick={() => setSheet(sheet === s.id ? null : s.id)}
            className={`h-12 text-[14px] font-semibold focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none focus-visible:ring-inset ${
              sheet === s.id ? 'bg-sky-50 text-sky-900' : 'text-slate-700'
            }`}
          >
            {s.label}
          </button>
        ))}
      </nav>
    </div>
  );
}

interface SheetProps {
  readonly label: string;
  readonly open: boolean;
  /** A tall sheet stops at about half the screen and scrolls. */
  readonly scrolls?: boolean;
  readonly className?: string;
  readonly children: ReactNode;
}

function Sheet({ label, open, scrolls = true, className = '', children }: SheetProps) {
  return (
    <section
      aria-label={label}
      hidden={!open}
      className={`shrink-0 border-t border-slate-200 ${scrolls ? 'max-h-[48%] overflow-y-auto' : ''} ${className}`}
    >
      {children}
    </section>
  );
}
