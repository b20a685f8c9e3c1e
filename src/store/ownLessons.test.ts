import { describe, expect, it } from 'vitest';
import { draftLesson } from '../lessons/lessonAuthoring.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { OWN_LESSON_KEY, readStoredLesson, writeStoredLesson } from './ownLessons.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

const lesson = draftLesson(defaultScenario);

describe("a teacher's own lesson kept in the browser", () => {
  it('reads back the lesson and the step it was at', () => {
    const storage = memoryStorage();
    writeStoredLesson(storage, OWN_LESSON_KEY, { lesson, step: 1 });
    expect(readStoredLesson(storage, OWN_LESSON_KEY)).toEqual({ lesson, step: 1 });
    writeStoredLesson(storage, OWN_LESSON_KEY, null);
    expect(readStoredLesson(storage, OWN_LESSON_KEY)).toBeNull();
  });

  it.each([
    ['not JSON', '{oops'],
    ['not an object', '[1,2]'],
    ['no envelope', '{"step":0}'],
    ['another format', '{"envelope":{"format":"podpath-scenario","version":1},"step":0}'],
    [
      'an invalid lesson',
      JSON.stringify({ envelope: { format: 'podpath-lesson', version: 1, lesson: { id: 'X' } } }),
    ],
  ])('ignores %s', (_, text) => {
    expect(readStoredLesson(memoryStorage({ [OWN_LESSON_KEY]: text }), OWN_LESSON_KEY)).toBeNull();
  });

  it('keeps a step in range and survives a storage that refuses', () => {
    const storage = memoryStorage();
    writeStoredLesson(storage, OWN_LESSON_KEY, { lesson, step: 99 });
    expect(readStoredLesson(storage, OWN_LESSON_KEY)?.step).toBe(lesson.steps.length);
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => {},
    };
    expect(() => writeStoredLesson(refusing, OWN_LESSON_KEY, { lesson, step: 0 })).not.toThrow();
    expect(readStoredLesson(refusing, OWN_LESSON_KEY)).toBeNull();
  });
});
