/**
 * `podpath lessons` and `podpath lesson check|export`: the built-in course on the command line,
 * and grading learners' handed-in scenarios (files or share links) against a lesson's checks.
 */
import { decodeShareFragment } from '../scenario/shareLink.ts';
import { restoreFromJson } from '../scenario/envelope.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { wrapScenario } from '../scenario/envelope.ts';
import { courseLesson, COURSE } from '../lessons/course/course.ts';
import { gradeLesson } from '../lessons/gradeLesson.ts';
import { decodeLessonLink, lessonFromJson } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import { CliError, UsageError, type FlagSpecs, type ParsedArgs } from './args.ts';

interface LessonContext {
  readonly io: { readonly stdout: (text: string) => void; readonly stderr: (text: string) => void };
  readonly readFile: (path: string) => string;
}

/** Exit status when every scenario was graded and at least one did not pass. */
export const EXIT_NOT_PASSED = 4;

const jsonFlag: FlagSpecs = {
  json: { type: 'boolean', help: 'print the result as JSON on stdout' },
  help: { type: 'boolean', help: 'show this help' },
};

/** A built-in lesson by id, or a lesson file or link. */
function loadLesson(ref: string, ctx: LessonContext): Lesson {
  const builtin = courseLesson(ref);
  if (builtin) return builtin;
  const hash = ref.indexOf('#lesson=');
  const result =
    hash >= 0
      ? decodeLessonLink(ref.slice(hash + '#lesson='.length))
      : /^[a-z0-9-]+$/.test(ref) && !ref.includes('.')
        ? {
            ok: false as const,
            message: `there is no built-in lesson "${ref}" (podpath lessons lists them), and no file by that name`,
          }
        : lessonFromJson(ctx.readFile(ref));
  if (!result.ok) throw new CliError(`${ref}: ${result.message}`);
  return result.lesson;
}

/** A scenario file or a share link. */
function loadHandedIn(ref: string, ctx: LessonContext): ScenarioDocument {
  const hash = ref.indexOf('#');
  const restored =
    /^https?:\/\//.test(ref) || ref.startsWith('#')
      ? decodeShareFragment(hash >= 0 ? ref.slice(hash) : '')
      : restoreFromJson(ctx.readFile(ref));
  if (!restored.ok) throw new CliError(`${ref}: ${restored.message}`);
  return restored.scenario;
}

export const lessonsCommand = {
  usage: 'lessons [--json]',
  summary: 'list the built-in lessons of the course',
  details: 'The JSON form is [{id, title, topic, steps}], in course order.',
  flags: jsonFlag,
  run(args: ParsedArgs, ctx: LessonContext): number {
    if (args.positionals.length > 0)
      throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
    const list = COURSE.map((l) => ({
      id: l.id,
      title: l.title,
      topic: l.topic,
      steps: l.steps.length,
    }));
    const width = Math.max(...list.map((l) => l.id.length));
    ctx.io.stdout(
      args.flags.json
        ? `${JSON.stringify(list, null, 2)}\n`
        : list
            .map(
              (l, i) =>
                `${String(i + 1).padStart(2)}. ${l.id.padEnd(width)}  ${l.title} (${l.topic}, ${l.steps} steps)`,
            )
            .join('\n') + '\n',
    );
    return 0;
  },
};

function checkLesson(args: ParsedArgs, ctx: LessonContext): number {
  const [, lessonRef, ...scenarios] = args.positionals;
  if (!lessonRef) throw new UsageError('missing LESSON');
  if (scenarios.length === 0) throw new UsageError('missing SCENARIO');
  const lesson = loadLesson(lessonRef, ctx);
  const results = scenarios.map((ref) => {
    const grade = gradeLesson(lesson, loadHandedIn(ref, ctx).cluster);
    return {
      lesson: lesson.id,
      scenario: ref,
      passed: grade.passed,
      checks: grade.checks.map((c) => ({ text: c.text, passed: c.passed, hint: c.hint ?? null })),
    };
  });
  if (args.flags.json) {
    ctx.io.stdout(`${JSON.stringify(results.length === 1 ? results[0] : results, null, 2)}\n`);
  } else {
    for (const r of results) {
      const lines = r.checks.map(
        (c) => `  ${c.passed ? 'pass' : 'FAIL'}  ${c.text}${c.hint ? `\n        ${c.hint}` : ''}`,
      );
      ctx.io.stdout(
        `${r.scenario}: ${r.passed ? 'passed' : 'not passed'} (${lesson.id})\n${lines.join('\n')}\n`,
      );
    }
  }
  return results.every((r) => r.passed) ? 0 : EXIT_NOT_PASSED;
}

function exportLesson(args: ParsedArgs, ctx: LessonContext): number {
  const [, lessonRef, extra] = args.positionals;
  if (!lessonRef) throw new UsageError('missing LESSON');
  if (extra) throw new UsageError(`unexpected argument "${extra}"`);
  const start = args.flags.start === true;
  const solution = args.flags.solution === true;
  if (start === solution) throw new UsageError('give exactly one of --start and --solution');
  const lesson = loadLesson(lessonRef, ctx);
  const scenario = start ? lesson.start : lesson.solution;
  if (!scenario) throw new CliError(`${lessonRef}: this lesson has no reference solution`);
  ctx.io.stdout(`${JSON.stringify(wrapScenario(scenario), null, 2)}\n`);
  return 0;
}

export const lessonCommand = {
  usage: 'lesson check LESSON SCENARIO... [--json] | lesson export LESSON --start|--solution',
  summary: 'grade scenarios against a lesson, or write its start or solution scenario',
  details: `LESSON is a built-in lesson id (podpath lessons), a lesson file, or a lesson link.
SCENARIO is a scenario file or a share link (https://…#pp1.…); give as many as you like.
check prints each check with a hint for each failure; the JSON form is one object per scenario
{lesson, scenario, passed, checks: [{text, passed, hint}]} (a list when there are several).
Exit status of check: 0 when every scenario passes, 4 when any does not, 1 on errors.
export writes the lesson's start (--start) or reference solution (--solution) as a scenario file.`,
  flags: {
    ...jsonFlag,
    start: { type: 'boolean', help: 'export: the scenario the lesson starts from' },
    solution: { type: 'boolean', help: 'export: the lesson’s reference solution' },
  } satisfies FlagSpecs,
  run(args: ParsedArgs, ctx: LessonContext): number {
    const action = args.positionals[0];
    if (action === 'check') return checkLesson(args, ctx);
    if (action === 'export') return exportLesson(args, ctx);
    throw new UsageError(action ? `unknown action "${action}"` : 'missing check or export');
  },
};
