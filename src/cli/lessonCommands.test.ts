import { describe, expect, it } from 'vitest';
import { courseLesson } from '../lessons/course/course.ts';
import { encodeLessonLink, lessonToJson } from '../lessons/lessonFile.ts';
import { wrapScenario } from '../scenario/envelope.ts';
import { encodeShareFragment } from '../scenario/shareLink.ts';
import { main, type CliIo } from './main.ts';

const cni = courseLesson('cni-compare')!;
const FILES: Record<string, string> = {
  'start.json': JSON.stringify(wrapScenario(cni.start)),
  'solution.json': JSON.stringify(wrapScenario(cni.solution!)),
  'mine.lesson.json': lessonToJson({ ...cni, id: 'my-lesson' }),
  'broken.json': '{',
};

/** Runs the CLI in-process on the files above; reading any other file fails the test. */
function run(...argv: string[]) {
  const out = { stdout: '', stderr: '' };
  const readFile = (path: string) => {
    if (path in FILES) return FILES[path];
    throw new Error(`unexpected read of ${path}`);
  };
  const write = (stream: 'stdout' | 'stderr') => (t: string) => void (out[stream] += t);
  const io: CliIo = { stdout: write('stdout'), stderr: write('stderr'), readFile };
  return { code: main(argv, io), ...out };
}

describe('podpath lessons', () => {
  it('lists the course as JSON [{id, title, topic, steps}]', () => {
    const r = run('lessons', '--json');
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.length).toBeGreaterThanOrEqual(13);
    expect(list[0]).toEqual({
      id: 'pod-localhost',
      title: 'Containers in a pod share one network namespace',
      topic: 'Pods',
      steps: 4,
    });
  });
});

describe('podpath lesson check', () => {
  it('passes the reference solution (exit 0) and fails the start with hints (exit 4)', () => {
    const ok = run('lesson', 'check', 'cni-compare', 'solution.json', '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      lesson: 'cni-compare',
      scenario: 'solution.json',
      passed: true,
    });
    const bad = run('lesson', 'check', 'cni-compare', 'start.json', '--json');
    expect(bad.code).toBe(4);
    const result = JSON.parse(bad.stdout);
    expect(result.passed).toBe(false);
    expect(result.checks[0]).toEqual({
      text: 'the intruder is dropped by policy',
      passed: false,
      hint: 'default/intruder → db:6379 was delivered to default/db; nothing on its way stopped it.',
    });
  });

  it('grades many scenarios at once, from files and share links, against a lesson file', () => {
    const link = `https://podpath.example/#${encodeShareFragment(cni.solution!)}`;
    const r = run(
      'lesson',
      'check',
      'mine.lesson.json',
      'solution.json',
      link,
      'start.json',
      '--json',
    );
    expect(r.code).toBe(4);
    const results = JSON.parse(r.stdout);
    expect(results.map((x: { passed: boolean }) => x.passed)).toEqual([true, true, false]);
    expect(results[0].lesson).toBe('my-lesson');
  });

  it('reads a lesson link', () => {
    const r = run(
      'lesson',
      'check',
      `https://podpath.example/#lesson=${encodeLessonLink(cni)}`,
      'solution.json',
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/solution\.json: passed \(cni-compare\)/);
  });

  it('exits 1 on bad input and 2 on wrong usage', () => {
    expect(run('lesson', 'check', 'no-such-lesson', 'start.json').code).toBe(1);
    const broken = run('lesson', 'check', 'cni-compare', 'broken.json');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json: The file is not valid JSON/);
    expect(run('lesson', 'check', 'cni-compare').code).toBe(2);
    expect(run('lesson', 'grade').code).toBe(2);
    expect(run('lesson', 'export', 'cni-compare').code).toBe(2);
  });
});

describe('podpath lesson export', () => {
  it('writes the start or the solution as a scenario file', () => {
    const start = run('lesson', 'export', 'cni-compare', '--start');
    expect(start.code).toBe(0);
    expect(JSON.parse(start.stdout)).toEqual(JSON.parse(FILES['start.json']));
    const solution = run('lesson', 'export', 'cni-compare', '--solution');
    expect(JSON.parse(solution.stdout).scenario.cluster.settings.cni.plugin).toBe('calico');
  });
});
