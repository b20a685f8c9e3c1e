/** The lesson player as the app shows it, with the commands that reach past the panel. */
import { LessonPanel } from '../panels/lessons/LessonPanel.tsx';
import { appStore, useAppStore } from '../store/appStore.ts';
import { selectLessonPlay } from '../store/selectors.ts';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { resetLesson } from './lessonActions.ts';
import { lessonLinkUrl } from './lessonLinks.ts';
import { courseLesson } from '../lessons/course/course.ts';
import { appBaseUrl } from './scenarioActions.ts';

function copyLessonLink(): void {
  const play = appStore.getState().lessonPlay;
  if (!play) return;
  const builtIn = courseLesson(play.lesson.id) === play.lesson;
  const step = Math.min(play.step, play.lesson.steps.length - 1);
  const url = lessonLinkUrl(appBaseUrl(window.location), play.lesson, step, builtIn);
  const done = () => appStore.getState().showToast('Lesson link copied.');
  const failed = () =>
    appStore.getState().showNotice({ tone: 'info', text: `The lesson's link: ${url}` });
  if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, failed);
  else failed();
}

export function LessonDock({ className = '' }: { readonly className?: string }) {
  const play = useAppStore(selectLessonPlay);
  if (!play) return null;
  return (
    <div className={className}>
      <ErrorBoundary area="The lesson">
        <LessonPanel onReset={() => resetLesson(appStore)} onCopyLink={copyLessonLink} />
      </ErrorBoundary>
    </div>
  );
}
