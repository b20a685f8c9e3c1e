/**
 * What a learner has done in each lesson, kept in the browser: the step reached, the predictions
 * answered (right or not), the challenges passed, and whether the lesson was finished. Read
 * tolerantly: anything stored that is not progress is ignored, never an error.
 */

export const LESSON_PROGRESS_KEY = 'podpath.lessons.v1';

export interface LessonRecord {
  /** The step the learner was at (the summary is steps.length). */
  readonly step: number;
  readonly done: boolean;
  /** Step index → the prediction was right. */
  readonly predictions: Readonly<Record<string, boolean>>;
  /** Step index → every check of the challenge passed. */
  readonly challenges: Readonly<Record<string, boolean>>;
}

export type LessonProgress = Readonly<Record<string, LessonRecord>>;

export const EMPTY_RECORD: LessonRecord = { step: 0, done: false, predictions: {}, challenges: {} };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function booleans(value: unknown): Record<string, boolean> {
  if (!isRecord(value)) return {};
  const out: Record<string, boolean> = {};
  for (const [key, v] of Object.entries(value)) {
    if (/^\d{1,3}$/.test(key) && typeof v === 'boolean') out[key] = v;
  }
  return out;
}

/** Parses stored progress; garbage (or a part of it) reads as no progress. */
export function parseLessonProgress(text: string | null): LessonProgress {
  if (!text) return {};
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return {};
  }
  if (!isRecord(data)) return {};
  const out: Record<string, LessonRecord> = {};
  for (const [id, entry] of Object.entries(data)) {
    if (!isRecord(entry) || id.length > 200) continue;
    const step = entry.step;
    out[id] = {
      step: typeof step === 'number' && Number.isInteger(step) && step >= 0 ? step : 0,
      done: entry.done === true,
      predictions: booleans(entry.predictions),
      challenges: booleans(entry.challenges),
    };
  }
  return out;
}

/** Reads the progress from storage; a storage that refuses reads as none. */
export function readLessonProgress(storage: Pick<Storage, 'getItem'>): LessonProgress {
  try {
    return parseLessonProgress(storage.getItem(LESSON_PROGRESS_KEY));
  } catch {
    return {};
  }
}

/** Writes the progress; a full or refusing storage is ignored (progress is a convenience). */
export function writeLessonProgress(
  storage: Pick<Storage, 'setItem'>,
  progress: LessonProgress,
): void {
  try {
    storage.setItem(LESSON_PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Nothing to do: the lesson goes on, only the progress is not kept.
  }
}
