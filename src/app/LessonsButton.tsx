/** The header's Lessons button: opens the course list, and a lesson from it. */
import { useState } from 'react';
import type { Lesson } from '../lessons/lessonTypes.ts';
import { appStore } from '../store/appStore.ts';
import { buttonStyles } from './DialogFrame.tsx';
import { openLesson } from './lessonActions.ts';
import { LessonsDialog } from './LessonsDialog.tsx';

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  const start = (lesson: Lesson, step: number) => {
    setOpen(false);
    openLesson(appStore, lesson, step, `for the lesson “${lesson.title}”`);
  };
  return (
    <>
      <button
        type="button"
        className={buttonStyles.header}
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
      >
        Lessons
      </button>
      {open && (
        <LessonsDialog
          onOpen={start}
          onMake={() => {
            setOpen(false);
            appStore.getState().startLessonDraft();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
