/**
 * The header's Lessons button: opens the course list, and a lesson from it. The list and the
 * lessons load when first opened (the dialog brings them), not with the page.
 */
import { useState } from 'react';
import type { Lesson } from '../lessons/lessonTypes.ts';
import { appStore } from '../store/appStore.ts';
import { lazyPart } from '../ui/lazyPart.tsx';
import { buttonStyles } from '../ui/buttonStyles.ts';

const LessonsDialog = lazyPart(() => import('./LessonsDialog.tsx').then((m) => m.LessonsDialog));

export function LessonsButton() {
  const [open, setOpen] = useState(false);
  const start = (lesson: Lesson, step: number) => {
    setOpen(false);
    // Already loaded: the dialog that offered the lesson imports it.
    void import('./lessonActions.ts').then(({ openLesson }) =>
      openLesson(appStore, lesson, step, `for the lesson “${lesson.title}”`),
    );
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
            void appStore.getState().startLessonDraft();
          }}
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
