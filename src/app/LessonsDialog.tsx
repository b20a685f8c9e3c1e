/** The course: every built-in lesson in order, with its topic, length and the learner's progress. */
import { useState } from 'react';
import { lessonFromJson } from '../lessons/lessonFile.ts';
import type { Lesson } from '../lessons/lessonTypes.ts';
import { useAppStore } from '../store/appStore.ts';
import type { LessonRecord } from '../store/lessonProgress.ts';
import { selectLessonProgress } from '../store/selectors.ts';
import { buttonStyles, DialogButton, DialogFrame } from './DialogFrame.tsx';
import { courseLessons } from './lessonActions.ts';

interface LessonsDialogProps {
  readonly onOpen: (lesson: Lesson, step: number) => void;
  /** Starts the lesson editor on the scenario on screen. */
  readonly onMake: () => void;
  readonly onClose: () => void;
}

function progressText(lesson: Lesson, record: LessonRecord | undefined): string {
  if (!record) return 'Not started';
  if (record.done) return 'Finished';
  return `Step ${Math.min(record.step + 1, lesson.steps.length)} of ${lesson.steps.length}`;
}

export function LessonsDialog({ onOpen, onMake, onClose }: LessonsDialogProps) {
  const progress = useAppStore(selectLessonProgress);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const restored = lessonFromJson(await file.text());
    if (restored.ok) onOpen(restored.lesson, 0);
    else setFileProblem(`“${file.name}” could not be opened. ${restored.message}`);
  };
  const lessons = courseLessons();
  const finished = lessons.filter((l) => progress[l.id]?.done).length;
  return (
    <DialogFrame title="Lessons" onClose={onClose} width="lg">
      <p className="text-slate-600">
        A course through Kubernetes networking, one topic a lesson: predict what the packet does,
        then watch it; change the cluster until the checks pass. Opening a lesson keeps your current
        work in Recent. {finished} of {lessons.length} finished.
      </p>
      <p className="mt-2 text-slate-600">
        Teaching? Make your own lesson from the scenario on screen (steps, predictions the engine
        answers, checks), then share it as a link or a file.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <DialogButton onClick={onMake}>Make a lesson from this scenario</DialogButton>
        <label
          className={`${buttonStyles.secondary} inline-flex cursor-pointer items-center focus-within:ring-2 focus-within:ring-sky-300`}
        >
          Open a lesson file…
          <input
            type="file"
            accept=".json,application/json"
            className="sr-only"
            onChange={(e) => void openFile(e.target.files?.[0])}
          />
        </label>
      </div>
      {fileProblem && (
        <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-red-900">
          {fileProblem}
        </p>
      )}
      <ol className="mt-3 space-y-2">
        {lessons.map((lesson, i) => {
          const record = progress[lesson.id];
          const resume = record && !record.done && record.step > 0;
          return (
            <li
              key={lesson.id}
              className="flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border border-slate-200 bg-white px-3.5 py-2.5"
            >
              <span className="w-6 shrink-0 text-right font-mono text-slate-500">{i + 1}.</span>
              <div className="min-w-0 flex-1 basis-56">
                <h3 className="text-[14.5px] font-semibold text-slate-900">{lesson.title}</h3>
                <p className="text-[12.5px] text-slate-600">
                  {lesson.topic} · {lesson.minutes} min · {lesson.level} ·{' '}
                  <span className={record?.done ? 'font-semibold text-emerald-800' : ''}>
                    {progressText(lesson, record)}
                  </span>
                </p>
              </div>
              <button
                type="button"
                aria-label={`${resume ? 'Continue' : 'Start'} ${lesson.title}`}
                className={`${buttonStyles.secondary} h-8`}
                onClick={() => onOpen(lesson, resume ? record.step : 0)}
              >
                {resume ? 'Continue' : 'Start'}
              </button>
            </li>
          );
        })}
      </ol>
    </DialogFrame>
  );
}
