/**
 * Lesson links: `?lesson=<built-in id>&step=N` opens a lesson of the course, and
 * `#lesson=pl1.…&step=N` a teacher's own lesson carried in the link (the format lessonFile
 * defines). N counts from 1. A broken link says why and changes nothing.
 */
import { courseLesson } from '../lessons/course/course.ts';
import { decodeLessonLink, encodeLessonLink } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import type { AppStore } from '../store/appStore.ts';
import { openLesson } from './lessonActions.ts';

export type LessonLinkRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'course'; readonly id: string; readonly step: number }
  | { readonly kind: 'encoded'; readonly payload: string; readonly step: number };

function stepOf(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n - 1 : 0;
}

/** What lesson, if any, the address asks for. */
export function readLessonLink(search: string, hash: string): LessonLinkRequest {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = hash.replace(/^#/, '').startsWith('lesson=') ? fragment.get('lesson') : null;
  if (payload !== null) return { kind: 'encoded', payload, step: stepOf(fragment.get('step')) };
  const query = new URLSearchParams(search);
  const id = query.get('lesson');
  if (id !== null) return { kind: 'course', id, step: stepOf(query.get('step')) };
  return { kind: 'none' };
}

/** True when a fragment is a lesson link, not a shared scenario. */
export function isLessonFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith('lesson=');
}

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

/**
 * Opens the lesson in the address now and whenever the fragment changes, then takes the lesson
 * off the address (keeping `?present`), so a reload shows the work as it is.
 */
export function followLessonLinks(store: AppStore, target: Window): void {
  const open = () => {
    const request = readLessonLink(target.location.search, target.location.hash);
    if (request.kind === 'none') return;
    openLessonLink(store, request);
    const query = new URLSearchParams(target.location.search);
    query.delete('lesson');
    query.delete('step');
    const rest = query.toString().replace(/=(&|$)/g, '$1');
    target.history.replaceState(
      target.history.state,
      '',
      target.location.pathname + (rest ? `?${rest}` : ''),
    );
  };
  target.addEventListener('hashchange', () => {
    if (isLessonFragment(target.location.hash)) open();
  });
  open();
}
