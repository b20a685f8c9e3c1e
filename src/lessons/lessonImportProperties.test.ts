/**
 * Properties of the lesson importer on generated input (fast-check), as for scenarios: a lesson
 * comes from a stranger as a file or a link, so any text, any JSON and any bent copy of a real
 * lesson ends within a budget in a lesson or in a message in plain words, never a throw. A bent
 * lesson that is accepted plays: every prediction and every check is answered by the engine (or
 * refused with a message of its own) without hanging.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { COURSE } from './course/course.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import {
  decodeLessonLink,
  encodeLessonLink,
  lessonFromJson,
  LESSON_FORMAT,
  LESSON_VERSION,
  restoreLesson,
  wrapLesson,
} from './lessonFile.ts';
import type { Lesson } from './lessonTypes.ts';
import { resolvePrediction } from './predictions.ts';

const RUNS = Number(process.env.PODPATH_PROPERTY_RUNS ?? 150);
/** Not a speed target: a ceiling that only a hang or a walk over an address range reaches. */
const BUDGET_MS = 4000;
/** What a message a person reads must not contain: schema jargon and leaked values. */
const JARGON = /undefined|\[object|NaN|received|\bexpected (string|number|object|array)/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = readonly (string | number)[];

/** Every path into a JSON value, the value itself first. */
function pathsOf(value: Json, at: Path = []): Path[] {
  if (Array.isArray(value)) return [at, ...value.flatMap((v, i) => pathsOf(v, [...at, i]))];
  if (value !== null && typeof value === 'object')
    return [at, ...Object.entries(value).flatMap(([k, v]) => pathsOf(v, [...at, k]))];
  return [at];
}

/** A copy of the value with the part at the path replaced. */
function replaceAt(value: Json, path: Path, next: Json): Json {
  if (path.length === 0) return next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? replaceAt(v, rest, next) : v));
  if (value !== null && typeof value === 'object')
    return { ...value, [head]: replaceAt(value[head as string], rest, next) };
  return value;
}

/** Values the way a careless or hostile author bends them. */
const bentValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    '',
    0,
    -1,
    65_536,
    1e308,
    '__proto__',
    'constructor',
    'toString',
    '<script>alert(1)</script>',
    '0.0.0.0/0',
    'default/ghost',
    [],
    {},
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/** Reads what a restore says: either a lesson or one message in plain words. */
function expectPlainOutcome(outcome: ReturnType<typeof restoreLesson>): void {
  if (outcome.ok) return;
  expect(outcome.message.length).toBeGreaterThan(10);
  expect(outcome.message).not.toMatch(JARGON);
}

/** Plays every step of an accepted lesson on its own start: answers, or a refusal that says why. */
function playEveryStep(lesson: Lesson): void {
  const spec = lesson.start.cluster;
  let model;
  try {
    model = buildCluster(spec);
  } catch (err) {
    throw new Error(`an accepted lesson's start does not build: ${(err as Error).message}`, {
      cause: err,
    });
  }
  for (const step of lesson.steps) {
    try {
      if (step.prediction)
        expect(typeof resolvePrediction(model, step.prediction).answer).toBe('string');
      const checks = evaluateChecks(spec, model, step.challenge?.checks ?? []);
      for (const check of checks) expect(typeof check.passed).toBe('boolean');
    } catch (err) {
      // A question about something the cluster lacks is refused with its own message.
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message.length).toBeGreaterThan(10);
      expect((err as Error).message).not.toMatch(JARGON);
    }
  }
}

const timed = <T>(run: () => T): T => {
  const started = Date.now();
  const out = run();
  expect(Date.now() - started).toBeLessThan(BUDGET_MS);
  return out;
};

describe('the lesson importer on generated input', () => {
  it('reads any text as a lesson file or says in plain words why not', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.json({ maxDepth: 4 })), (text) => {
        expectPlainOutcome(timed(() => lessonFromJson(text)));
      }),
      { numRuns: RUNS },
    );
  });

  it('reads any link fragment as a lesson or says in plain words why not', () => {
    const real = encodeLessonLink(COURSE[0]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.string({ maxLength: 300 }).map((s) => `pl1.${s}`),
          // A real link cut off, or with characters changed, as a chat program may do.
          fc.nat({ max: real.length }).map((n) => real.slice(0, n)),
          fc
            .tuple(fc.nat({ max: real.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }))
            .map(([i, s]) => real.slice(0, i) + s + real.slice(i + s.length)),
        ),
        (text) => {
          expectPlainOutcome(timed(() => decodeLessonLink(text)));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('reads any JSON inside a lesson envelope, or says in plain words why not', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (lesson) => {
        expectPlainOutcome(
          timed(() => restoreLesson({ format: LESSON_FORMAT, version: LESSON_VERSION, lesson })),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('a built-in lesson bent at any one place is refused in plain words, or plays', () => {
    const envelopes = COURSE.map((l) => JSON.parse(JSON.stringify(wrapLesson(l))) as Json);
    const paths = envelopes.map((e) => pathsOf(e));
    fc.assert(
      fc.property(
        fc.nat({ max: COURSE.length - 1 }),
        fc.nat(),
        bentValue,
        (which, where, value) => {
          const path = paths[which][where % paths[which].length];
          const bent = replaceAt(envelopes[which], path, value);
          const outcome = timed(() => restoreLesson(bent));
          expectPlainOutcome(outcome);
          if (outcome.ok) timed(() => playEveryStep(outcome.lesson));
        },
      ),
      { numRuns: RUNS },
    );
  }, 120_000);
});
