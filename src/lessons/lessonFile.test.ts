import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import {
  decodeLessonLink,
  encodeLessonLink,
  lessonFromJson,
  lessonToJson,
  restoreLesson,
} from './lessonFile.ts';
import { validateLesson } from './lessonSchema.ts';
import type { Lesson } from './lessonTypes.ts';

const flow = defaultScenario.flow!;
const lesson: Lesson = {
  id: 'tiny',
  title: 'A tiny lesson',
  topic: 'Services',
  level: 'beginner',
  minutes: 5,
  summary: 'Send one packet.',
  start: defaultScenario,
  steps: [
    {
      title: 'Predict',
      text: 'Where does the **ClusterIP** turn into a pod address?',
      prediction: {
        fact: 'rewrite-node',
        question: 'On which node?',
        probe: flow,
        choices: [
          { value: 'node-1', label: 'node-1' },
          { value: 'node-2', label: 'node-2' },
        ],
      },
    },
  ],
};

describe('lesson files and links', () => {
  it('round-trips a lesson through its file and its link', () => {
    const file = lessonFromJson(lessonToJson(lesson));
    expect(file).toEqual({ ok: true, lesson });
    const link = encodeLessonLink(lesson);
    expect(link.startsWith('pl1.')).toBe(true);
    expect(decodeLessonLink(link)).toEqual({ ok: true, lesson });
  });

  it('keeps reading format 1 lessons (golden envelope)', () => {
    const golden = { format: 'podpath-lesson', version: 1, lesson };
    expect(restoreLesson(JSON.parse(JSON.stringify(golden))).ok).toBe(true);
  });

  it('refuses raw HTML in any text, naming the field', () => {
    const bad = {
      ...lesson,
      steps: [{ ...lesson.steps[0], text: 'Hi <script>alert(1)</script>' }],
    };
    const result = validateLesson(bad);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues[0].path).toBe('steps.0.text');
      expect(result.issues[0].message).toMatch(/raw HTML/);
    }
  });

  it('refuses a fixed prediction whose answer is not a choice', () => {
    const bad = {
      ...lesson,
      steps: [
        {
          title: 'x',
          text: 'x',
          prediction: {
            fact: 'fixed',
            question: 'q',
            answer: 'maybe',
            choices: [
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ],
          },
        },
      ],
    };
    expect(validateLesson(bad).ok).toBe(false);
  });

  it('says clearly what is wrong with a file, a newer format or a damaged link', () => {
    expect(lessonFromJson('{')).toMatchObject({ ok: false, message: /not valid JSON/ });
    expect(restoreLesson({ format: 'podpath-scenario', version: 1 })).toMatchObject({
      ok: false,
      message: /not a PodPath lesson/,
    });
    expect(restoreLesson({ format: 'podpath-lesson', version: 9, lesson })).toMatchObject({
      ok: false,
      message: /newer PodPath/,
    });
    expect(decodeLessonLink('pl1.@@@')).toMatchObject({ ok: false, message: /damaged/ });
    // Found by the importer's property test: an empty string as the lesson once came back as an
    // empty message, because a migration's failure was told apart from a lesson by its type.
    expect(restoreLesson({ format: 'podpath-lesson', version: 1, lesson: '' })).toMatchObject({
      ok: false,
      message: /not valid: lesson should be an object/,
    });
    expect(decodeLessonLink('pp1.abc')).toMatchObject({ ok: false, message: /not hold/ });
  });
});
