/**
 * The lesson player: the step's text, its action, its prediction (asked before the packet plays;
 * the engine's answer and the hop that decided it after) and its challenge (checked by the
 * engine, each check with the hint drawn from what failed), with Back, Next and the summary.
 */
import { DockSection } from './DockSection.tsx';
import { useEffect, useRef } from 'react';
import type { LessonStep, StepAction } from '../../lessons/lessonTypes.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import type { LessonPlay } from '../../store/lessonSlice.ts';
import { selectLessonPlay, selectLessonProgress } from '../../store/selectors.ts';
import { LessonText } from './LessonText.tsx';

const BUTTON =
  'h-9 rounded-md border px-3.5 text-[14px] font-medium focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-50';
const PRIMARY = `${BUTTON} border-sky-700 bg-sky-700 text-white hover:bg-sky-800`;
const SECONDARY = `${BUTTON} border-slate-300 bg-white text-slate-800 hover:bg-slate-50`;

const ACTION_LABEL: Record<StepAction['kind'], string> = {
  send: 'Send the packet',
  'open-policies': 'Open the policy workbench',
  'open-hop': 'Send it and open the hop',
};

interface LessonPanelProps {
  /** Starts the lesson over from its start scenario. */
  readonly onReset: () => void;
  /** Copies a link to this lesson at this step. */
  readonly onCopyLink: () => void;
}

export function LessonPanel({ onReset, onCopyLink }: LessonPanelProps) {
  const play = useAppStore(selectLessonPlay);
  const heading = useRef<HTMLHeadingElement>(null);
  const stepShown = play ? `${play.lesson.id}:${play.step}` : '';
  // Moving to a step puts the keyboard on its title, so the text is read from the start.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (stepShown) heading.current?.focus();
  }, [stepShown]);
  if (!play) return null;
  const { lesson, step } = play;
  const total = lesson.steps.length;
  const current = lesson.steps[step];
  const state = appStore.getState();
  return (
    <DockSection
      label="Lesson"
      title={
        <>
          <p className="text-[12px] font-semibold tracking-wide text-sky-800 uppercase">
            Lesson · {lesson.topic}
          </p>
          <p
            className="line-clamp-2 text-[15px] leading-snug font-semibold text-slate-900"
            title={lesson.title}
          >
            {lesson.title}
          </p>
        </>
      }
      commands={
        <button
          type="button"
          className="h-8 rounded-md px-2 text-[13px] text-slate-700 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none"
          onClick={() => state.closeLesson()}
        >
          Close lesson
        </button>
      }
    >
      {/* Reachable by keyboard to scroll a long step whose buttons are all answered. */}
      <div
        tabIndex={0}
        className="min-h-0 flex-1 overflow-y-auto px-4 py-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500"
      >
        <p className="text-[12.5px] text-slate-600" aria-live="polite">
          {current ? `Step ${step + 1} of ${total}` : 'Summary'}
        </p>
        <h2
          ref={heading}
          tabIndex={-1}
          className="mb-2 text-[16px] font-semibold text-slate-900 focus:outline-none"
        >
          {current ? current.title : `You finished “${lesson.title}”`}
        </h2>
        {current ? <StepBody play={play} step={current} /> : <Summary play={play} />}
      </div>
      <nav
        aria-label="Lesson steps"
        className="flex flex-wrap items-center gap-2 border-t border-slate-200 bg-slate-50 px-4 py-2.5"
      >
        <button
          type="button"
          className={SECONDARY}
          disabled={step === 0}
          onClick={() => state.goToLessonStep(step - 1)}
        >
          Back
        </button>
        {current && (
          <button type="button" className={PRIMARY} onClick={() => state.goToLessonStep(step + 1)}>
            {step + 1 === total ? 'Finish' : 'Next'}
          </button>
        )}
        <span className="flex-1" />
        <button type="button" className={SECONDARY} onClick={onCopyLink}>
          Copy link
        </button>
        <button type="button" className={SECONDARY} onClick={onReset}>
          Reset lesson
        </button>
      </nav>
    </DockSection>
  );
}

function StepBody({ play, step }: { readonly play: LessonPlay; readonly step: LessonStep }) {
  const state = appStore.getState();
  return (
    <>
      <LessonText text={step.text} />
      {step.action && (!step.prediction || play.answer) && (
        <button
          type="button"
          className={`${SECONDARY} mt-3`}
          onClick={() => state.runLessonAction()}
        >
          {ACTION_LABEL[step.action.kind]}
        </button>
      )}
      {step.prediction && <PredictionBlock play={play} step={step} />}
      {step.challenge && <ChallengeBlock play={play} step={step} />}
      {play.error && (
        <p role="alert" className="mt-3 rounded-md bg-red-50 px-3 py-2 text-red-900">
          {play.error}
        </p>
      )}
    </>
  );
}

function PredictionBlock({ play, step }: { readonly play: LessonPlay; readonly step: LessonStep }) {
  const prediction = step.prediction;
  if (!prediction) return null;
  const answer = play.answer;
  return (
    <fieldset className="mt-4 rounded-lg border border-violet-300 bg-violet-50/60 px-3 py-2.5">
      <legend className="px-1 text-[12px] font-semibold tracking-wide text-violet-900 uppercase">
        Predict
      </legend>
      <p className="font-medium text-slate-900">{prediction.question}</p>
      {!answer && (
        <p className="mt-1 text-[13px] text-slate-600">
          Choose before the packet plays: its trace stays hidden until you answer.
        </p>
      )}
      <div className="mt-2 flex flex-col gap-1.5" role="group" aria-label="Choices">
        {prediction.choices.map((c) => {
          const chosen = play.chosen === c.value;
          const right = answer?.right?.value === c.value;
          return (
            <button
              key={c.value}
              type="button"
              disabled={answer !== null || play.busy}
              aria-pressed={chosen}
              onClick={() => void appStore.getState().answerPrediction(c.value)}
              className={`min-h-9 rounded-md border px-3 py-1.5 text-left text-[14px] focus-visible:ring-2 focus-visible:ring-sky-400 focus-visible:outline-none disabled:cursor-default ${
                right
                  ? 'border-emerald-600 bg-emerald-50 font-semibold text-emerald-950'
                  : chosen
                    ? 'border-violet-700 bg-violet-100 font-semibold text-violet-950'
                    : 'border-slate-300 bg-white text-slate-800 hover:bg-slate-50'
              }`}
            >
              {c.label}
              {right && answer ? ' (what the packet did)' : ''}
            </button>
          );
        })}
      </div>
      {answer && (
        <div role="status" className="mt-3 space-y-1.5">
          <p
            className={`font-semibold ${answer.feedback?.correct ? 'text-emerald-800' : 'text-red-800'}`}
          >
            {answer.feedback
              ? `${answer.feedback.correct ? 'Right. ' : 'Not quite. '}${answer.feedback.text.replace(/ Right\.$/, '')}`
              : `The packet did this: ${answer.happened}.`}
          </p>
          {prediction.explanation && <LessonText text={prediction.explanation} />}
          {answer.decidingHop && (
            <p className="text-[13px] text-slate-700">
              <span className="font-semibold">At {answer.decidingHop.where}:</span>{' '}
              {answer.decidingHop.explanation}
            </p>
          )}
        </div>
      )}
    </fieldset>
  );
}

function ChallengeBlock({ play, step }: { readonly play: LessonPlay; readonly step: LessonStep }) {
  const challenge = step.challenge;
  if (!challenge) return null;
  const checks = play.checks;
  const passed = checks !== null && checks.every((c) => c.passed);
  return (
    <section
      aria-label="Challenge"
      className="mt-4 rounded-lg border border-amber-300 bg-amber-50/60 px-3 py-2.5"
    >
      <h3 className="text-[12px] font-semibold tracking-wide text-amber-900 uppercase">
        Challenge
      </h3>
      <LessonText text={challenge.goal} />
      <button
        type="button"
        className={`${PRIMARY} mt-2`}
        disabled={play.busy}
        onClick={() => void appStore.getState().checkChallenge()}
      >
        Check
      </button>
      {checks && (
        <div role="status" className="mt-2">
          <p className={`font-semibold ${passed ? 'text-emerald-800' : 'text-red-800'}`}>
            {passed
              ? 'Every check passes. Well done.'
              : `${checks.filter((c) => c.passed).length} of ${checks.length} checks pass.`}
          </p>
          <ul className="mt-1 space-y-1.5">
            {checks.map((c, i) => (
              <li key={i} className="flex gap-2">
                <span aria-hidden="true" className={c.passed ? 'text-emerald-700' : 'text-red-700'}>
                  {c.passed ? '✓' : '✗'}
                </span>
                <span>
                  <span className="sr-only">{c.passed ? 'Passed: ' : 'Not yet: '}</span>
                  {c.text}
                  {c.hint && <span className="block text-[13px] text-slate-700">{c.hint}</span>}
                </span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Summary({ play }: { readonly play: LessonPlay }) {
  const progress = useAppStore(selectLessonProgress)[play.lesson.id];
  const steps = play.lesson.steps;
  const asked = steps.flatMap((s, i) => (s.prediction ? [i] : []));
  const set = steps.flatMap((s, i) => (s.challenge ? [i] : []));
  const right = asked.filter((i) => progress?.predictions[i] === true).length;
  const passed = set.filter((i) => progress?.challenges[i] === true).length;
  return (
    <div className="space-y-2">
      <p>{play.lesson.summary}</p>
      <ul className="list-disc space-y-1 pl-5">
        <li>
          Predictions right: {right} of {asked.length}
        </li>
        <li>
          Challenges passed: {passed} of {set.length}
        </li>
      </ul>
      {steps.map((s, i) =>
        s.challenge && progress?.challenges[i] !== true ? (
          <p key={i} className="text-[13px] text-slate-700">
            Step {i + 1}, “{s.title}”, is not checked yet: go Back to it and press Check.
          </p>
        ) : null,
      )}
    </div>
  );
}
