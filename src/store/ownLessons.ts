/**
 * A teacher's own lessons kept in the browser, like scenarios' Recent: the lesson opened from a
 * link or a file (with the step reached), and the lesson being made in the editor. Each is stored
 * in its versioned file envelope and read back through the lesson schema, so anything stored that
 * is not a valid lesson is ignored, never an error.
 */
import { restoreLesson, wrapLesson } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';

/** The lesson from a link or a file being taken. */
export const OWN_LESSON_KEY = 'podpath.lesson.own.v1';
/** The lesson being made in the editor (its last valid state). */
export const LESSON_DRAFT_KEY = 'podpath.lesson.draft.v1';

export interface StoredLesson {
  readonly lesson: Lesson;
  readonly step: number;
}

/** Reads a stored lesson; garbage, an invalid lesson or a refusing storage read as none. */
export function readStoredLesson(
  storage: Pick<Storage, 'getItem'>,
  key: string,
): StoredLesson | null {
  let data: unknown;
  try {
    data = JSON.parse(storage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const { envelope, step } = data as Record<string, unknown>;
  const restored = restoreLesson(envelope);
  if (!restored.ok) return null;
  const at = typeof step === 'number' && Number.isInteger(step) && step >= 0 ? step : 0;
  return { lesson: restored.lesson, step: Math.min(at, restored.lesson.steps.length) };
}

/** Stores a lesson (or forgets it, given null); a full or refusing storage is ignored. */
export function writeStoredLesson(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  key: string,
  stored: StoredLesson | null,
): void {
  try {
    if (stored === null) storage.removeItem(key);
    else
      storage.setItem(
        key,
        JSON.stringify({ envelope: wrapLesson(stored.lesson), step: stored.step }),
      );
  } catch {
    // Only the copy in the browser is lost; the lesson on screen goes on.
  }
}
