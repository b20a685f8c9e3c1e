/** The lesson player, or the lesson editor, as the app shows it, with the commands that reach past the panel. */
import { LessonPanel } from '../panels/lessons/LessonPanel.tsx';
import { appStore, useAppStore } from '../store/appStore.ts';
import { selectLessonPlay } from '../store/selectors.ts';
import { lazyPart } from '../ui/lazyPart.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';
import { resetLesson } from './lessonActions.ts';
import { copyLink, downloadLesson, draftLessonLink, previewLesson } from './lessonDraftActions.ts';
import { lessonLinkUrl } from './lessonLinks.ts';
import { courseLesson } from '../lessons/course/course.ts';
import { appBaseUrl } from './scenarioActions.ts';

const LessonEditor = lazyPart(() =>
  import('../panels/lessons/LessonEditor.tsx').then((m) => m.LessonEditor),
);

function copyLessonLink(): void {
  const play = appStore.getState().lessonPlay;
  if (!play) return;
  const builtIn = courseLesson(play.lesson.id) === play.lesson;
  const step = Math.min(play.step, play.lesson.steps.length - 1);
  const url = lessonLinkUrl(appBaseUrl(window.location), play.lesson, step, builtIn);
  copyLink(appStore, url, 'Lesson link');
}

export function LessonDock({ className = '' }: { readonly className?: string }) {
  const play = useAppStore(selectLessonPlay);
  const drafting = useAppStore((s) => s.lessonDraft !== null);
  if (!play && !drafting) return null;
  return (
    <div className={className}>
      {play ? (
        <ErrorBoundary area="The lesson">
          <LessonPanel onReset={() => resetLesson(appStore)} onCopyLink={copyLessonLink} />
        </ErrorBoundary>
      ) : (
        <ErrorBoundary area="The lesson editor">
          <LessonEditor
            onPreview={(lesson) => previewLesson(appStore, lesson)}
            linkFor={draftLessonLink}
            onCopy={(url) => copyLink(appStore, url, 'Lesson link')}
            onDownload={downloadLesson}
          />
        </ErrorBoundary>
      )}
    </div>
  );
}
