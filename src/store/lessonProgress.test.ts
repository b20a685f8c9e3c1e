import { describe, expect, it } from 'vitest';
import {
  LESSON_PROGRESS_KEY,
  parseLessonProgress,
  readLessonProgress,
  writeLessonProgress,
} from './lessonProgress.ts';

describe('lesson progress in the browser', () => {
  it('reads back what it wrote', () => {
    const items = new Map<string, string>();
    const storage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
    };
    const progress = {
      'pod-localhost': { step: 2, done: false, predictions: { '1': true }, challenges: {} },
    };
    writeLessonProgress(storage, progress);
    expect(items.has(LESSON_PROGRESS_KEY)).toBe(true);
    expect(readLessonProgress(storage)).toEqual(progress);
  });

  it.each([null, '', 'not json', '[1,2]', '"text"', '{"a": 3}', '{"a": null}'])(
    'reads garbage (%j) as no progress, never an error',
    (text) => {
      const parsed = parseLessonProgress(text);
      expect(Object.values(parsed).every((r) => r.step === 0 && !r.done)).toBe(true);
    },
  );

  it('keeps the sound parts of a damaged record', () => {
    const parsed = parseLessonProgress(
      JSON.stringify({
        x: { step: -4, done: 'yes', predictions: { '0': true, '1': 'maybe', bad: false } },
      }),
    );
    expect(parsed).toEqual({
      x: { step: 0, done: false, predictions: { '0': true }, challenges: {} },
    });
  });

  it('ignores a storage that refuses', () => {
    const refusing = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(readLessonProgress(refusing)).toEqual({});
    expect(() => writeLessonProgress(refusing, {})).not.toThrow();
  });
});
