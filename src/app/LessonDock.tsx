/**
 * The lesson player, or the lesson editor, as the app shows it. Both load when a lesson or the
 * editor first opens (and are fetched ahead while the page is idle), so the first screen carries
 * neither; until a part arrives its place stays empty.
 */
import { useAppStore } from '../store/appStore.ts';
import { selectLessonPlay } from '../store/selectors.ts';
import { lazyPart } from '../ui/lazyPart.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

const LessonPlayerDock = lazyPart(() =>
  import('./LessonPlayerDock.tsx').then((m) => m.LessonPlayerDock),
);
const LessonEditorDock = lazyPart(() =>
  import('./LessonEditorDock.tsx').then((m) => m.LessonEditorDock),
);

export function LessonDock({ className = '' }: { readonly className?: string }) {
  const play = useAppStore(selectLessonPlay);
  const drafting = useAppStore((s) => s.lessonDraft !== null);
  if (!play && !drafting) return null;
  const [area, Dock] = play
    ? ['The lesson', LessonPlayerDock]
    : ['The lesson editor', LessonEditorDock];
  return (
    <div className={className}>
      <ErrorBoundary area={area}>
        <Dock />
      </ErrorBoundary>
    </div>
  );
}
