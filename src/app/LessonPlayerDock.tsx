/** The lesson player with the commands that reach past its panel: start over and copy the link. */
import { courseLesson } from '../lessons/course/course.ts';
import { LessonPanel } from '../panels/lessons/LessonPanel.tsx';
import { appStore } from '../store/appStore.ts';
import { resetLesson } from './lessonActions.ts';
import { copyLink } from './lessonDraftActions.ts';
import { lessonLinkUrl } from './lessonLinks.ts';
import { appBaseUrl } from './scenarioActions.ts';

function copyLessonLink(): void {
  const play = appStore.getState().lessonPlay;
  if (!play) return;
  const builtIn = courseLesson(play.lesson.id) === play.lesson;
  const step = Math.min(play.step, play.lesson.steps.length - 1);
  const url = lessonLinkUrl(appBaseUrl(window.location), play.lesson, step, builtIn);
  copyLink(appStore, url, 'Lesson link');
}

export function LessonPlayerDock() {
  return <LessonPanel onReset={() => resetLesson(appStore)} onCopyLink={copyLessonLink} />;
}
