/**
 * The versioned envelope a lesson travels in as a file or a link, and its tolerant restore:
 * numbered migrations bring an old lesson up to date, then the schema decides. Like scenarios,
 * a lesson made today keeps opening in every later PodPath.
 */
import { strFromU8 } from 'fflate';
import {
  deflateForLink,
  fromBase64Url,
  inflateCapped,
  MAX_LINK_CHARS,
  toBase64Url,
} from '../scenario/shareLink.ts';
import { validateLesson } from './lessonSchema.ts';
import type { Lesson } from './lessonTypes.ts';

export const LESSON_FORMAT = 'podpath-lesson';
export const LESSON_VERSION = 1;
/** The prefix of a lesson link's fragment (`#lesson=pl1.…`); a new format gets a new one. */
export const LESSON_LINK_PREFIX = 'pl1.';
const MAX_LESSON_BYTES = 2_000_000;

export interface LessonEnvelope {
  readonly format: typeof LESSON_FORMAT;
  readonly version: number;
  readonly lesson: Lesson;
}

export type LessonRestore =
  { readonly ok: true; readonly lesson: Lesson } | { readonly ok: false; readonly message: string };

type Migration = (lesson: Record<string, unknown>) => Record<string, unknown>;
/** MIGRATIONS[n] turns a version-n lesson into version n+1. Never edit a shipped one. */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export function wrapLesson(lesson: Lesson): LessonEnvelope {
  return { format: LESSON_FORMAT, version: LESSON_VERSION, lesson };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Brings a lesson of an older format up to date, or says why it could not. */
function migrateLesson(
  lesson: unknown,
  from: number,
): { readonly lesson: unknown } | { readonly failure: string } {
  let out = lesson;
  for (let v = from; v < LESSON_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate || !isRecord(out)) return { failure: `No migration from lesson format ${v}.` };
    out = migrate(out);
  }
  return { lesson: out };
}

/** Reads a lesson envelope of any shipped version; never throws. */
export function restoreLesson(input: unknown): LessonRestore {
  if (!isRecord(input) || input.format !== LESSON_FORMAT)
    return {
      ok: false,
      message: 'This is not a PodPath lesson (its "format" is not podpath-lesson).',
    };
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
    return { ok: false, message: 'The lesson has no valid version number.' };
  if (version > LESSON_VERSION)
    return {
      ok: false,
      message: `This lesson was made by a newer PodPath (lesson format ${version}; this one reads up to ${LESSON_VERSION}). Reload the page to get the latest version.`,
    };
  // The lesson itself may be any value, a string too: only a migration's failure is a message.
  const migrated = migrateLesson(input.lesson, version);
  if ('failure' in migrated) return { ok: false, message: migrated.failure };
  const checked = validateLesson(migrated.lesson);
  if (!checked.ok) {
    const first = checked.issues[0];
    const more = checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more)` : '';
    return {
      ok: false,
      message: `The lesson is not valid: ${first.path || 'lesson'} ${first.message}${more}.`,
    };
  }
  return { ok: true, lesson: checked.lesson };
}

/** Parses a lesson file's text (JSON); never throws. */
export function lessonFromJson(text: string): LessonRestore {
  if (text.length > MAX_LESSON_BYTES)
    return { ok: false, message: 'The lesson file is too large (the limit is 2 MB).' };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The lesson file is not valid JSON: ${(err as Error).message}` };
  }
  return restoreLesson(data);
}

/** The lesson file's text: the envelope as indented JSON. */
export function lessonToJson(lesson: Lesson): string {
  return `${JSON.stringify(wrapLesson(lesson), null, 2)}\n`;
}

/** Encodes a lesson for a link fragment (`#lesson=` + this). */
export function encodeLessonLink(lesson: Lesson): string {
  const bytes = deflateForLink(JSON.stringify(wrapLesson(lesson)));
  return LESSON_LINK_PREFIX + toBase64Url(bytes);
}

/** Reads a lesson link's payload (what follows `#lesson=`); never throws. */
export function decodeLessonLink(text: string): LessonRestore {
  if (text.length > MAX_LINK_CHARS)
    return { ok: false, message: 'This link is too long to be a PodPath lesson link.' };
  if (!text.startsWith(LESSON_LINK_PREFIX))
    return { ok: false, message: 'This link does not hold a PodPath lesson (unknown format).' };
  const bytes = fromBase64Url(text.slice(LESSON_LINK_PREFIX.length));
  if (!bytes || bytes.length === 0)
    return {
      ok: false,
      message: 'This lesson link is damaged. Was it cut off when it was copied?',
    };
  const out = inflateCapped(bytes, MAX_LESSON_BYTES);
  if (out === 'too-large')
    return { ok: false, message: 'This lesson link unpacks to more than a lesson may hold.' };
  if (out === 'corrupt')
    return { ok: false, message: 'This lesson link is damaged and cannot be unpacked.' };
  return lessonFromJson(strFromU8(out));
}
