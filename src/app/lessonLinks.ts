/**
 * Lesson links made and opened (the address side is lessonAddress): a built-in lesson by id, a
 * teacher's own lesson carried in the link. A broken link says why and changes nothing.
 */
import { courseLesson } from '../lessons/course/course.ts';
import { decodeLessonLink, encodeLessonLink } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import type { AppStore } from '../store/appStore.ts';
import type { LessonLinkRequest } from './lessonAddress.ts';
import { openLesson } from './lessonActions.ts';

/** A link to a lesson at a step (0-based here, 1-based in the link). */
export function lessonLinkUrl(
  base: string,
  lesson: Lesson,
  step: number,
  builtIn: boolean,
): string {
  const at = `step=${step + 1}`;
  if (builtIn) return `${base}?lesson=${encodeURIComponent(lesson.id)}&${at}`;
  return `${base}#lesson=${encodeLessonLink(lesson)}&${at}`;
}

/** Opens the lesson a link asks for; says why when it cannot. Returns whether it opened one. */
export function openLessonLink(store: AppStore, request: LessonLinkRequest): boolean {
  if (request.kind === 'none') return false;
  let lesson: Lesson | undefined;
  let problem = '';
  if (request.kind === 'course') {
    lesson = courseLesson(request.id);
    if (!lesson) problem = `There is no built-in lesson “${request.id.slice(0, 80)}”.`;
  } else {
    const restored = decodeLessonLink(request.payload);
    if (restored.ok) lesson = restored.lesson;
    else problem = restored.message;
  }
  if (!lesson) {
    store.getState().showNotice({
      tone: 'error',
      text: `The lesson link could not be opened. ${problem} Nothing was changed.`,
    });
    return false;
  }
  openLesson(store, lesson, request.step, `for the lesson “${lesson.title}”`);
  return true;
}
