/**
 * What the lesson editor does past its panel: play the lesson in the player (Preview), make its
 * link (versioned like scenario links), copy it, and save it as a lesson file that opens again.
 */
import { lessonToJson } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import type { AppStore } from '../store/appStore.ts';
import { downloadFile, fileNameFor } from '../ui/downloadFile.ts';
import { openLesson } from './lessonActions.ts';
import { lessonLinkUrl } from './lessonLinks.ts';
import { appBaseUrl } from './scenarioActions.ts';

/** Plays the lesson from its first step; closing the player comes back to the editor. */
export function previewLesson(store: AppStore, lesson: Lesson): void {
  openLesson(store, lesson, 0, `to preview your lesson “${lesson.title}”`);
}

/** The link that opens the lesson at its first step, on this PodPath. */
export function draftLessonLink(lesson: Lesson): string {
  return lessonLinkUrl(appBaseUrl(window.location), lesson, 0, false);
}

/** Copies a link; when the clipboard refuses, a notice shows it to copy by hand. */
export function copyLink(store: AppStore, url: string, what: string): void {
  const done = () => store.getState().showToast(`${what} copied.`);
  const failed = () => store.getState().showNotice({ tone: 'info', text: `${what}: ${url}` });
  if (navigator.clipboard) navigator.clipboard.writeText(url).then(done, failed);
  else failed();
}

/** Saves the lesson file (the format docs/lesson-format.md describes). */
export function downloadLesson(lesson: Lesson): void {
  downloadFile(
    lessonToJson(lesson),
    fileNameFor(lesson.title, '.podpath-lesson.json'),
    'application/json',
  );
}
