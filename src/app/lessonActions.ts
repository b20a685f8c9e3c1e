/**
 * Opening, resetting and resuming lessons. A lesson's start scenario is opened like a gallery
 * scenario (the current work goes to Recent, and the notice offers it back); the learner's
 * progress and the lesson they are in are kept in the browser between visits.
 */
import { COURSE, courseLesson } from '../lessons/course/course.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import type { AppStore } from '../store/appStore.ts';
import { readLessonProgress, writeLessonProgress } from '../store/lessonProgress.ts';
import {
  LESSON_DRAFT_KEY,
  OWN_LESSON_KEY,
  readStoredLesson,
  writeStoredLesson,
} from '../store/ownLessons.ts';
import { validateLesson } from '../lessons/lessonSchema.ts';
import { openScenario } from './scenarioActions.ts';

/** The built-in lesson the learner is in, so a reload takes them back to it. */
const CURRENT_LESSON_KEY = 'podpath.lesson.current';

/** Opens a lesson at a step (0-based): loads its start scenario, keeping the current work. */
export function openLesson(store: AppStore, lesson: Lesson, step: number, from: string): void {
  openScenario(store, lesson.start, { source: 'gallery', from });
  store.getState().beginLesson(lesson, step);
}

/** Starts a lesson over: its start scenario again (the work so far goes to Recent), no progress. */
export function resetLesson(store: AppStore): void {
  const play = store.getState().lessonPlay;
  if (!play) return;
  store.getState().forgetLessonProgress(play.lesson.id);
  openLesson(store, play.lesson, 0, `again, for the lesson “${play.lesson.title}”`);
}

/** The built-in lessons in course order. */
export function courseLessons(): readonly Lesson[] {
  return COURSE;
}

/**
 * Loads the saved progress, reopens the lesson the learner was in (on the scenario as they left
 * it, which the saved work already restored): a built-in one by id, a teacher's own one (from a
 * link or a file) from its stored copy. The lesson being made comes back to the editor. All three
 * are saved as they change.
 */
export function startLessonPersistence(store: AppStore, storage: Storage): void {
  store.getState().setLessonProgress(readLessonProgress(storage));
  const current = readCurrent(storage);
  const lesson = current && courseLesson(current.id);
  const own = readStoredLesson(storage, OWN_LESSON_KEY);
  const draft = readStoredLesson(storage, LESSON_DRAFT_KEY);
  if (draft) void store.getState().restoreLessonDraft(draft.lesson);
  if (current && lesson) store.getState().beginLesson(lesson, current.step);
  else if (own) store.getState().beginLesson(own.lesson, own.step);
  store.subscribe((state, previous) => {
    if (state.lessonProgress !== previous.lessonProgress)
      writeLessonProgress(storage, state.lessonProgress);
    if (state.lessonDraft !== previous.lessonDraft) saveDraft(storage, state.lessonDraft);
    if (state.lessonPlay === previous.lessonPlay) return;
    const play = state.lessonPlay;
    const builtIn = play !== null && courseLesson(play.lesson.id) === play.lesson;
    if (play?.lesson !== previous.lessonPlay?.lesson || play?.step !== previous.lessonPlay?.step)
      writeStoredLesson(
        storage,
        OWN_LESSON_KEY,
        play && !builtIn ? { lesson: play.lesson, step: play.step } : null,
      );
    try {
      if (play && builtIn)
        storage.setItem(
          CURRENT_LESSON_KEY,
          JSON.stringify({ id: play.lesson.id, step: play.step }),
        );
      else storage.removeItem(CURRENT_LESSON_KEY);
    } catch {
      // A refusing storage only loses the resume point.
    }
  });
}

/** Keeps the lesson being made, as of its last valid state; a closed editor forgets it. */
function saveDraft(storage: Storage, draft: Lesson | null): void {
  if (draft === null) {
    writeStoredLesson(storage, LESSON_DRAFT_KEY, null);
    return;
  }
  const checked = validateLesson(draft);
  if (checked.ok) writeStoredLesson(storage, LESSON_DRAFT_KEY, { lesson: checked.lesson, step: 0 });
}

function readCurrent(storage: Storage): { id: string; step: number } | null {
  try {
    const data: unknown = JSON.parse(storage.getItem(CURRENT_LESSON_KEY) ?? 'null');
    if (typeof data !== 'object' || data === null) return null;
    const { id, step } = data as Record<string, unknown>;
    if (typeof id !== 'string' || typeof step !== 'number' || !Number.isInteger(step)) return null;
    return { id, step };
  } catch {
    return null;
  }
}
