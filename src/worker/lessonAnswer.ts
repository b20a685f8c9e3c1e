/**
 * The lesson requests the worker answers: a prediction's right choice, worked out by the engine
 * (with the hop that decided it), and a challenge's checks evaluated on the learner's scenario.
 * Views show these answers; they never work one out themselves.
 */
import type { ClusterModel } from '../engine/model.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import type { Hop, Trace } from '../engine/trace.ts';
import { droppingHop } from '../lessons/engineAnswers.ts';
import { evaluateChecks, type CheckResult } from '../lessons/evaluateChecks.ts';
import type { Check, Prediction, PredictionChoice } from '../lessons/lessonTypes.ts';
import { predictionFeedback, resolvePrediction } from '../lessons/predictions.ts';

export interface LessonQuestion {
  readonly prediction?: Prediction;
  /** The learner's choice, for the feedback; null when the teacher reveals it unasked. */
  readonly chosen?: string | null;
  readonly checks?: readonly Check[];
}

/** A prediction's answer as the player shows it. */
export interface PredictionAnswer {
  /** The engine's answer, as a choice value. */
  readonly answer: string;
  readonly right: PredictionChoice | null;
  /** What really happened, in words. */
  readonly happened: string;
  /** The explanation at the hop that decided it: where it was dropped, rewritten, or delivered. */
  readonly decidingHop: { readonly where: string; readonly explanation: string } | null;
  /** "You predicted X; the packet did Y", when the learner chose. */
  readonly feedback: { readonly correct: boolean; readonly text: string } | null;
}

export interface LessonAnswer {
  readonly prediction: PredictionAnswer | null;
  readonly checks: readonly CheckResult[];
}

/** The hop whose work the prediction is about, for the "why" after the run. */
function decidingHopOf(prediction: Prediction, trace: Trace): Hop | undefined {
  const dropped = droppingHop(trace);
  if (dropped) return dropped;
  if (prediction.fact === 'rewrite-node' || prediction.fact === 'seen-source') {
    const field = prediction.fact === 'rewrite-node' ? 'dst' : 'src';
    const rewriting = trace.hops.find((h) => h.after[field].ip !== h.before[field].ip);
    if (rewriting) return rewriting;
  }
  return trace.hops.at(-1);
}

function describeHop(hop: Hop): { where: string; explanation: string } {
  const at = hop.location.at?.name ?? hop.location.device;
  return {
    where: hop.location.node ? `${at} on ${hop.location.node}` : at,
    explanation: hop.explanation,
  };
}

/** Answers a lesson question on one cluster. */
export function answerLessonQuestion(
  spec: ClusterSpec,
  model: ClusterModel,
  question: LessonQuestion,
): LessonAnswer {
  let prediction: PredictionAnswer | null = null;
  if (question.prediction) {
    const outcome = resolvePrediction(model, question.prediction);
    const hop = outcome.trace ? decidingHopOf(question.prediction, outcome.trace) : undefined;
    prediction = {
      answer: outcome.answer,
      right: outcome.right ?? null,
      happened: outcome.happened,
      decidingHop: hop ? describeHop(hop) : null,
      feedback:
        question.chosen == null
          ? null
          : predictionFeedback(question.prediction, question.chosen, outcome),
    };
  }
  const checks = question.checks ? evaluateChecks(spec, model, question.checks) : [];
  return { prediction, checks };
}
