/**
 * The lesson being taken: which lesson and step, the prediction asked and its answer, the
 * challenge's check results, and the learner's progress in every lesson. The right answers come
 * from the worker (the engine); this slice only keeps them and the learner's choices.
 */
import type { StateCreator } from 'zustand';
import type { CheckResult } from '../lessons/evaluateChecks.ts';
import type { Lesson, LessonStep } from '../lessons/lessonTypes.ts';
import type { PredictionAnswer } from '../worker/lessonAnswer.ts';
import type { SimulationRunner } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';
import { EMPTY_RECORD, type LessonProgress, type LessonRecord } from './lessonProgress.ts';

export interface LessonPlay {
  readonly lesson: Lesson;
  /** The step shown; steps.length is the end summary. */
  readonly step: number;
  /** The choice the learner made, or null before (or when the teacher revealed it unasked). */
  readonly chosen: string | null;
  readonly answer: PredictionAnswer | null;
  readonly checks: readonly CheckResult[] | null;
  readonly busy: boolean;
  readonly error: string | null;
}

export interface LessonSlice {
  readonly lessonPlay: LessonPlay | null;
  readonly lessonProgress: LessonProgress;
  /** Starts a lesson at a step (its start scenario must already be loaded). */
  readonly beginLesson: (lesson: Lesson, step: number) => void;
  readonly closeLesson: () => void;
  readonly goToLessonStep: (step: number) => void;
  /** Answers the step's prediction: the engine works out the right choice, then the packet plays. */
  readonly answerPrediction: (choice: string | null) => Promise<void>;
  /** Runs the step's action: sends its flow, opens the policy workbench or a hop. */
  readonly runLessonAction: () => void;
  /** Checks the step's challenge on the scenario as the learner left it. */
  readonly checkChallenge: () => Promise<void>;
  readonly forgetLessonProgress: (id: string) => void;
  readonly setLessonProgress: (progress: LessonProgress) => void;
}

/** The step on screen, or undefined on the summary. */
export function currentLessonStep(play: LessonPlay): LessonStep | undefined {
  return play.lesson.steps[play.step];
}

/** True while a prediction waits for its answer: the trace stays hidden until then. */
export function predictionPending(play: LessonPlay | null): boolean {
  if (!play) return false;
  return currentLessonStep(play)?.prediction !== undefined && play.answer === null;
}

const fresh = { chosen: null, answer: null, checks: null, busy: false, error: null } as const;

export const createLessonSlice =
  (runner: SimulationRunner): StateCreator<AppState, [], [], LessonSlice> =>
  (set, get) => {
    const record = (id: string): LessonRecord => get().lessonProgress[id] ?? EMPTY_RECORD;
    const saveRecord = (id: string, change: (r: LessonRecord) => LessonRecord) =>
      set({ lessonProgress: { ...get().lessonProgress, [id]: change(record(id)) } });
    const ask = async (question: Parameters<NonNullable<SimulationRunner['lesson']>>[1]) => {
      if (!runner.lesson) return { kind: 'error' as const, error: 'Lessons need the simulator.' };
      return runner.lesson(get().document.cluster, question);
    };
    /** A step that asks a prediction starts with no packet on screen: its answer is the trace. */
    const hideTraceFor = (lesson: Lesson, step: number) => {
      if (lesson.steps[step]?.prediction)
        set({ activeProbe: null, trace: null, steps: [], playing: false, selectedStepId: null });
    };
    return {
      lessonPlay: null,
      lessonProgress: {},
      beginLesson: (lesson, step) => {
        const at = Math.max(0, Math.min(step, lesson.steps.length - 1));
        set({ lessonPlay: { lesson, step: at, ...fresh } });
        saveRecord(lesson.id, (r) => ({ ...r, step: at }));
        hideTraceFor(lesson, at);
      },
      closeLesson: () => set({ lessonPlay: null }),
      goToLessonStep: (step) => {
        const play = get().lessonPlay;
        if (!play) return;
        const at = Math.max(0, Math.min(step, play.lesson.steps.length));
        set({ lessonPlay: { ...play, step: at, ...fresh } });
        const finished = at === play.lesson.steps.length;
        saveRecord(play.lesson.id, (r) => ({ ...r, step: at, done: r.done || finished }));
        hideTraceFor(play.lesson, at);
      },
      answerPrediction: async (choice) => {
        const play = get().lessonPlay;
        const prediction = play && currentLessonStep(play)?.prediction;
        if (!play || !prediction || play.busy) return;
        set({ lessonPlay: { ...play, chosen: choice, busy: true, error: null } });
        const outcome = await ask({ prediction, chosen: choice });
        const now = get().lessonPlay;
        if (now?.lesson !== play.lesson || now.step !== play.step) return;
        if (outcome.kind === 'superseded' || outcome.kind === 'cancelled') {
          set({ lessonPlay: { ...now, busy: false } });
          return;
        }
        if (outcome.kind === 'error') {
          set({ lessonPlay: { ...now, busy: false, error: outcome.error } });
          return;
        }
        const answer = outcome.answer.prediction;
        set({ lessonPlay: { ...now, busy: false, answer } });
        if (answer?.feedback) {
          const right = answer.feedback.correct;
          saveRecord(play.lesson.id, (r) => ({
            ...r,
            predictions: { ...r.predictions, [play.step]: right },
          }));
        }
        if (prediction.probe) await get().sendProbe(prediction.probe);
      },
      runLessonAction: () => {
        const play = get().lessonPlay;
        const action = play && currentLessonStep(play)?.action;
        if (!action || predictionPending(play)) return;
        switch (action.kind) {
          case 'send':
            void get().sendProbe(action.probe);
            return;
          case 'open-policies':
            get().setPoliciesOpen(true);
            return;
          case 'open-hop':
            set({ pendingHop: action.hop });
            void get().sendProbe(action.probe);
            return;
        }
      },
      checkChallenge: async () => {
        const play = get().lessonPlay;
        const challenge = play && currentLessonStep(play)?.challenge;
        if (!play || !challenge || play.busy) return;
        set({ lessonPlay: { ...play, busy: true, error: null } });
        const outcome = await ask({ checks: challenge.checks });
        const now = get().lessonPlay;
        if (now?.lesson !== play.lesson || now.step !== play.step) return;
        if (outcome.kind !== 'result') {
          const error = outcome.kind === 'error' ? outcome.error : null;
          set({ lessonPlay: { ...now, busy: false, error } });
          return;
        }
        const checks = outcome.answer.checks;
        set({ lessonPlay: { ...now, busy: false, checks } });
        saveRecord(play.lesson.id, (r) => ({
          ...r,
          challenges: { ...r.challenges, [play.step]: checks.every((c) => c.passed) },
        }));
      },
      forgetLessonProgress: (id) => {
        const kept = Object.entries(get().lessonProgress).filter(([key]) => key !== id);
        set({ lessonProgress: Object.fromEntries(kept) });
      },
      setLessonProgress: (lessonProgress) => set({ lessonProgress }),
    };
  };
