/**
 * The lesson a teacher is making: captured from the scenario on screen, edited step by step.
 * A prediction's right answer is asked of the engine (through the worker) on the lesson's start
 * scenario, so the choices the editor offers are built around what the packet really does there.
 */
import type { StateCreator } from 'zustand';
import type { Probe, Trace } from '../engine/trace.ts';
import type { FlowFact } from '../lessons/lessonAuthoring.ts';
import type { Lesson, Prediction } from '../lessons/lessonTypes.ts';
import type { SimulationRunner } from '../worker/simulationClient.ts';
import type { AppState } from './appState.ts';
import { currentWork } from './scenarioLibrarySlice.ts';

export interface LessonDraftSlice {
  readonly lessonDraft: Lesson | null;
  /** The engine's answer to each prediction of the draft, keyed by predictionKey. */
  readonly draftAnswers: Readonly<Record<string, string>>;
  /** Starts a lesson from the scenario on screen (its flow included). */
  readonly startLessonDraft: () => Promise<void>;
  readonly editLessonDraft: (change: (lesson: Lesson) => Lesson) => void;
  readonly closeLessonDraft: () => void;
  /** Opens a lesson (a stored draft) in the editor again. */
  readonly restoreLessonDraft: (lesson: Lesson) => Promise<void>;
  /** Adds a prediction about a flow; resolves to a message when it could not. */
  readonly addDraftPrediction: (fact: FlowFact, probe: Probe) => Promise<string | null>;
  /** Adds a prediction on a reachability matrix cell; resolves to a message when it could not. */
  readonly addDraftReachPrediction: (
    from: string,
    to: string,
    port: number,
  ) => Promise<string | null>;
  /** Makes the scenario on screen the lesson's start; predictions are worked out again on it. */
  readonly recaptureDraftStart: () => Promise<string | null>;
}

/** What decides a prediction's answer: the question and the flow or cell, not its wording. */
export function predictionKey(p: Prediction): string {
  const cell = p.fact === 'reach' ? [p.from, p.to, p.port, p.protocol ?? 'TCP'] : null;
  return JSON.stringify([p.fact, p.probe ?? null, cell]);
}

/**
 * The authoring rules (and the lesson schema they check drafts with) load when the editor is
 * first used, not with the page.
 */
const loadAuthoring = () => import('../lessons/lessonAuthoring.ts');

export const createLessonDraftSlice =
  (runner: SimulationRunner): StateCreator<AppState, [], [], LessonDraftSlice> =>
  (set, get) => {
    /** The engine's answer to a flow question on the draft's start scenario. */
    const engineAnswer = async (
      lesson: Lesson,
      prediction: Prediction,
    ): Promise<{ answer: string } | { error: string }> => {
      if (!runner.lesson) return { error: 'Making predictions needs the simulator.' };
      const outcome = await runner.lesson(lesson.start.cluster, { prediction });
      if (outcome.kind === 'error') return { error: outcome.error };
      if (outcome.kind !== 'result' || !outcome.answer.prediction)
        return { error: 'The engine was busy; try again.' };
      return { answer: outcome.answer.prediction.answer };
    };
    /** The trace on screen, when it is this flow's on the lesson's start cluster. */
    const traceFor = (lesson: Lesson, probe: Probe): Trace | undefined => {
      const s = get();
      const same = s.activeProbe === probe && s.document.cluster === lesson.start.cluster;
      return same ? (s.trace ?? undefined) : undefined;
    };
    /**
     * Asks the engine every flow prediction's answer on the draft's start; after the start
     * changed (rebuild) the choices are built around the new answers.
     */
    const reanswer = async (lesson: Lesson, rebuild: boolean): Promise<string | null> => {
      const answers: Record<string, string> = {};
      const steps = [];
      for (const step of lesson.steps) {
        const p = step.prediction;
        if (!p || p.fact === 'fixed' || p.fact === 'dns-answer') {
          steps.push(step);
          continue;
        }
        const got = await engineAnswer(lesson, p);
        if ('error' in got) return got.error;
        answers[predictionKey(p)] = got.answer;
        if (p.fact === 'reach') {
          steps.push(step);
          continue;
        }
        const choices = rebuild
          ? (await loadAuthoring()).flowChoices(p.fact, got.answer, lesson.start.cluster, p.probe)
          : p.choices;
        steps.push({ ...step, prediction: { ...p, choices } });
      }
      if (rebuild) set({ lessonDraft: { ...lesson, steps }, draftAnswers: answers });
      else if (get().lessonDraft === lesson) set({ draftAnswers: answers });
      return null;
    };
    return {
      lessonDraft: null,
      draftAnswers: {},
      startLessonDraft: async () => {
        const { draftLesson } = await loadAuthoring();
        set({
          lessonDraft: draftLesson(currentWork(get()).scenario),
          draftAnswers: {},
          lessonPlay: null,
        });
      },
      editLessonDraft: (change) => {
        const draft = get().lessonDraft;
        if (draft) set({ lessonDraft: change(draft) });
      },
      closeLessonDraft: () => set({ lessonDraft: null, draftAnswers: {} }),
      restoreLessonDraft: async (lesson) => {
        set({ lessonDraft: lesson, draftAnswers: {} });
        await reanswer(lesson, false);
      },
      addDraftPrediction: async (fact, probe) => {
        const draft = get().lessonDraft;
        if (!draft) return null;
        const asked: Prediction = { fact, probe, question: '?', choices: [] };
        const [got, { flowPredictionStep }] = await Promise.all([
          engineAnswer(draft, asked),
          loadAuthoring(),
        ]);
        if ('error' in got) return got.error;
        const now = get().lessonDraft;
        if (!now) return null;
        const step = flowPredictionStep(
          fact,
          got.answer,
          now.start.cluster,
          probe,
          traceFor(now, probe),
        );
        set({
          lessonDraft: { ...now, steps: [...now.steps, step] },
          draftAnswers: { ...get().draftAnswers, [predictionKey(asked)]: got.answer },
        });
        return null;
      },
      addDraftReachPrediction: async (from, to, port) => {
        const draft = get().lessonDraft;
        if (!draft) return null;
        const step = (await loadAuthoring()).reachPredictionStep(from, to, port);
        const asked = step.prediction as Prediction;
        const got = await engineAnswer(draft, asked);
        if ('error' in got) return got.error;
        const now = get().lessonDraft;
        if (!now) return null;
        set({
          lessonDraft: { ...now, steps: [...now.steps, step] },
          draftAnswers: { ...get().draftAnswers, [predictionKey(asked)]: got.answer },
        });
        return null;
      },
      recaptureDraftStart: async () => {
        const draft = get().lessonDraft;
        if (!draft) return null;
        return reanswer({ ...draft, start: currentWork(get()).scenario }, true);
      },
    };
  };
