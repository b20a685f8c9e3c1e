/**
 * "Make a lesson": the editor for a lesson captured from the scenario on screen. Title, topic,
 * level and minutes; steps written, reordered and removed; predictions and checks added from the
 * probe bar and the reachability matrix. The lesson schema checks the draft as it changes, and
 * Preview, Share and Download take only a valid lesson.
 */
import { DockSection } from './DockSection.tsx';
import { useEffect, useRef, useState, type Ref } from 'react';
import {
  checkDraft,
  lessonIdFor,
  movedStep,
  withoutCheck,
  withoutStep,
  withStepChange,
} from '../../lessons/lessonAuthoring.ts';
import { LESSON_LEVELS, type Lesson, type LessonStep } from '../../lessons/lessonTypes.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { predictionKey } from '../../store/lessonDraftSlice.ts';
import { ChoiceSelect } from './ChoiceSelect.tsx';
import { FIELD, PRIMARY, SECONDARY, SMALL } from './editorStyles.ts';
import { LessonEditorAdd } from './LessonEditorAdd.tsx';

interface LessonEditorProps {
  readonly onPreview: (lesson: Lesson) => void;
  /** The lesson's link (made from the valid lesson). */
  readonly linkFor: (lesson: Lesson) => string;
  readonly onCopy: (url: string) => void;
  readonly onDownload: (lesson: Lesson) => void;
}

export function LessonEditor({ onPreview, linkFor, onCopy, onDownload }: LessonEditorProps) {
  const draft = useAppStore((s) => s.lessonDraft);
  const [link, setLink] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [startProblem, setStartProblem] = useState<string | null>(null);
  // Opening the editor puts the keyboard on the lesson's title.
  const title = useRef<HTMLInputElement>(null);
  useEffect(() => title.current?.focus(), []);
  if (!draft) return null;
  const state = appStore.getState();
  const edit = (change: (l: Lesson) => Lesson) => {
    setLink(null);
    state.editLessonDraft(change);
  };
  const checked = checkDraft(draft);
  const share = (lesson: Lesson) => {
    const url = linkFor(lesson);
    setLink(url);
    onCopy(url);
  };
  const recapture = async () => {
    setLink(null);
    setStartProblem(await appStore.getState().recaptureDraftStart());
  };

  return (
    <DockSection
      label="Lesson editor"
      title={<h2 className="truncate text-[15px] font-semibold text-slate-900">Make a lesson</h2>}
      commands={
        discarding ? (
          <>
            <button type="button" className={SMALL} onClick={() => state.closeLessonDraft()}>
              Discard it
            </button>
            <button type="button" className={SMALL} onClick={() => setDiscarding(false)}>
              Keep editing
            </button>
          </>
        ) : (
          <button type="button" className={SMALL} onClick={() => setDiscarding(true)}>
            Close editor
          </button>
        )
      }
    >
      {discarding && (
        <p role="alert" className="bg-amber-50 px-4 py-2 text-[13px] text-amber-950">
          Closing discards this lesson. Download it or copy its link first to keep it.
        </p>
      )}
      <div className="min-h-0 flex-1 space-y-4 overflow-y-auto px-4 py-3">
        <div className="space-y-2">
          <TextField
            ref={title}
            label="Title"
            value={draft.title}
            onChange={(title) => edit((l) => ({ ...l, title, id: lessonIdFor(title) }))}
          />
          {/* The topic on a row of its own: the dock is narrow beside the cluster. */}
          <div className="grid grid-cols-[1fr_5rem] gap-2">
            <div className="col-span-2">
              <TextField
                label="Topic"
                value={draft.topic}
                onChange={(topic) => edit((l) => ({ ...l, topic }))}
              />
            </div>
            <ChoiceSelect
              label="Level"
              className="block text-[13px] font-medium"
              value={draft.level}
              choices={LESSON_LEVELS}
              onChange={(level) => edit((l) => ({ ...l, level }))}
            />
            <label className="block text-[13px] font-medium">
              Minutes
              <input
                className={FIELD}
                type="number"
                min={1}
                max={120}
                value={Number.isFinite(draft.minutes) ? draft.minutes : ''}
                onChange={(e) => {
                  const minutes = e.target.valueAsNumber;
                  edit((l) => ({ ...l, minutes }));
                }}
              />
            </label>
          </div>
          <label className="block text-[13px] font-medium">
            Summary (shown at the end)
            <textarea
              className={FIELD}
              rows={2}
              value={draft.summary}
              onChange={(e) => {
                const summary = e.target.value;
                edit((l) => ({ ...l, summary }));
              }}
            />
          </label>
          <p className="text-[13px] text-slate-700">
            Starts from “{draft.start.title}”, as it was when you began.{' '}
            <button
              type="button"
              className="text-sky-800 underline hover:text-sky-950 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
              onClick={() => void recapture()}
            >
              Use the cluster on screen instead
            </button>
          </p>
          {startProblem && (
            <p role="alert" className="text-[13px] text-red-800">
              {startProblem}
            </p>
          )}
        </div>

        <ol className="space-y-3" aria-label="Steps">
          {draft.steps.map((step, i) => (
            <StepEditor key={i} step={step} index={i} count={draft.steps.length} edit={edit} />
          ))}
        </ol>

        <LessonEditorAdd />
      </div>

      <div className="space-y-2 border-t border-slate-200 bg-slate-50 px-4 py-2.5">
        {!checked.ok && (
          <div role="alert" className="text-[13px] text-red-800">
            <p className="font-semibold">Fix this before you preview or share:</p>
            <ul className="list-disc pl-5">
              {checked.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="flex flex-wrap gap-2">
          {(
            [
              ['Preview', PRIMARY, onPreview],
              ['Share link', SECONDARY, share],
              ['Download', SECONDARY, onDownload],
            ] as const
          ).map(([label, className, act]) => (
            <button
              key={label}
              type="button"
              className={className}
              disabled={!checked.ok}
              onClick={() => checked.ok && act(checked.lesson)}
            >
              {label}
            </button>
          ))}
        </div>
        {link && (
          <label className="block text-[13px] font-medium">
            The lesson's link (it holds the whole lesson)
            <input
              className={`${FIELD} font-mono text-[12px]`}
              readOnly
              value={link}
              onFocus={(e) => e.target.select()}
            />
          </label>
        )}
      </div>
    </DockSection>
  );
}

interface StepEditorProps {
  readonly step: LessonStep;
  readonly index: number;
  readonly count: number;
  readonly edit: (change: (l: Lesson) => Lesson) => void;
}

function StepEditor({ step, index, count, edit }: StepEditorProps) {
  const answers = useAppStore((s) => s.draftAnswers);
  const change = (patch: Partial<LessonStep>) => edit((l) => withStepChange(l, index, patch));
  const n = index + 1;
  const p = step.prediction;
  const answer = p && answers[predictionKey(p)];
  const right = p?.choices.find((c) => c.value === answer);
  return (
    <li className="rounded-lg border border-slate-200 bg-slate-50/60 px-3 py-2.5">
      <div className="flex items-center gap-1.5">
        <h3 className="flex-1 text-[13px] font-semibold tracking-wide text-slate-600 uppercase">
          Step {n}
        </h3>
        <button
          type="button"
          className={SMALL}
          aria-label={`Move step ${n} up`}
          disabled={index === 0}
          onClick={() => edit((l) => movedStep(l, index, -1))}
        >
          ↑
        </button>
        <button
          type="button"
          className={SMALL}
          aria-label={`Move step ${n} down`}
          disabled={index === count - 1}
          onClick={() => edit((l) => movedStep(l, index, 1))}
        >
          ↓
        </button>
        <button
          type="button"
          className={SMALL}
          aria-label={`Remove step ${n}`}
          onClick={() => edit((l) => withoutStep(l, index))}
        >
          Remove
        </button>
      </div>
      <TextField
        label={`Step ${n} title`}
        value={step.title}
        onChange={(title) => change({ title })}
      />
      <label className="mt-1 block text-[13px] font-medium">
        Step {n} text
        <textarea
          className={FIELD}
          rows={3}
          value={step.text}
          onChange={(e) => change({ text: e.target.value })}
        />
      </label>
      <p className="text-[12px] text-slate-600">
        Paragraphs, “- ” lists, **strong**, *emphasis* and `code`; no HTML.
      </p>
      {p && (
        <div className="mt-2 rounded-md border border-violet-300 bg-violet-50/60 px-2.5 py-2">
          <TextField
            label={`Step ${n} prediction question`}
            value={p.question}
            onChange={(question) => change({ prediction: { ...p, question } })}
          />
          <p className="mt-1 text-[13px]">Choices: {p.choices.map((c) => c.label).join(' · ')}</p>
          <p className="text-[13px] font-medium text-emerald-900">
            {right
              ? `Right answer, worked out by the engine: ${right.label}`
              : 'The engine works the right answer out when the lesson plays.'}
          </p>
        </div>
      )}
      {step.challenge && (
        <div className="mt-2 rounded-md border border-amber-300 bg-amber-50/60 px-2.5 py-2">
          <TextField
            label={`Step ${n} challenge goal`}
            value={step.challenge.goal}
            onChange={(goal) =>
              step.challenge && change({ challenge: { ...step.challenge, goal } })
            }
          />
          <ul className="mt-1 space-y-1" aria-label={`Step ${n} checks`}>
            {step.challenge.checks.map((c, ci) => (
              <li key={ci} className="flex items-center gap-2 text-[13px]">
                <span className="flex-1">{c.text}</span>
                <button
                  type="button"
                  className={SMALL}
                  aria-label={`Remove the check “${c.text}”`}
                  onClick={() => edit((l) => withoutCheck(l, index, ci))}
                >
                  Remove
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

interface TextFieldProps {
  readonly ref?: Ref<HTMLInputElement>;
  readonly label: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A one-line text field with its label above it. */
function TextField({ ref, label, value, onChange }: TextFieldProps) {
  return (
    <label className="mt-1 block text-[13px] font-medium">
      {label}
      <input ref={ref} className={FIELD} value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
