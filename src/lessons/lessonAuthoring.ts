/**
 * Making a lesson without code: a draft captured from a scenario, steps added, removed and
 * reordered, predictions asked about a flow whose right answer the engine gives (the editor
 * only offers the choices around it), and challenge checks taken from a flow's verdict or a
 * reachability matrix cell. Everything here is pure; the schema still decides what is valid.
 */
import type { ClusterSpec } from '../engine/spec.ts';
import type { Probe, Trace } from '../engine/trace.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { slugOf } from '../scenario/slug.ts';
import { flowLabel } from './engineAnswers.ts';
import { validateLesson } from './lessonSchema.ts';
import type {
  Check,
  ComputedPrediction,
  Lesson,
  LessonStep,
  PredictionChoice,
} from './lessonTypes.ts';
import { podKey, qualifiedNameOfKey } from '../scenario/document/elementKey.ts';

/** The questions about a flow the engine can answer from its trace. */
export type FlowFact = ComputedPrediction['fact'];

export const FLOW_FACTS: readonly { readonly fact: FlowFact; readonly label: string }[] = [
  { fact: 'verdict', label: 'Is it delivered or dropped?' },
  { fact: 'delivered-to', label: 'Which pod receives it?' },
  { fact: 'seen-source', label: 'Which source does the backend see?' },
  { fact: 'rewrite-node', label: 'Where is the destination address rewritten?' },
  { fact: 'dropped-at', label: 'Where is it dropped?' },
];

/** The most choices a made prediction offers (the schema allows up to 8). */
const MAX_CHOICES = 5;

/** A lesson id from a title: `Pod to a Service` → `pod-to-a-service`. */
export function lessonIdFor(title: string): string {
  return slugOf(title) || 'my-lesson';
}

/** A new lesson whose start is the scenario as it is now, with one step to write. */
export function draftLesson(start: ScenarioDocument): Lesson {
  const title = `Lesson: ${start.title}`.slice(0, 300);
  return {
    id: lessonIdFor(title),
    title,
    topic: 'Networking',
    level: 'beginner',
    minutes: 10,
    summary: start.description?.slice(0, 4_000) ?? '',
    start,
    steps: [{ title: 'Look at the cluster', text: 'What do you see on the canvas?' }],
  };
}

/** The question a prediction asks about a flow. */
export function questionFor(fact: FlowFact, probe: Probe): string {
  const flow = flowLabel(probe);
  switch (fact) {
    case 'verdict':
      return `Is ${flow} delivered or dropped?`;
    case 'delivered-to':
      return `Which pod receives ${flow}?`;
    case 'seen-source':
      return `For ${flow}, which source does the backend see?`;
    case 'rewrite-node':
      return `For ${flow}, on which node is the destination address rewritten?`;
    case 'dropped-at':
      return `Where is ${flow} dropped?`;
  }
}

/** How a choice reads: `none` and `delivered` in words, the rest as named. */
export function choiceLabel(fact: FlowFact, value: string): string {
  if (fact === 'delivered-to' && value === 'none') return 'No pod: it is dropped';
  if (fact === 'rewrite-node' && value === 'none') return 'Nowhere: it is never rewritten';
  if (fact === 'dropped-at' && value === 'delivered') return 'Nowhere: it is delivered';
  if (fact === 'seen-source' && value === 'localhost') return 'localhost (127.0.0.1)';
  return value;
}

/** The other answers a learner could believe, from the cluster and the flow's own trace. */
function candidates(fact: FlowFact, cluster: ClusterSpec, probe: Probe, trace?: Trace): string[] {
  const pods = cluster.pods.map((p) => qualifiedNameOfKey(podKey(p)));
  const nodes = cluster.nodes.map((n) => n.name);
  switch (fact) {
    case 'verdict':
      return ['Delivered', 'Dropped'];
    case 'delivered-to':
      return [...pods, 'none'];
    case 'seen-source': {
      const from = probe.from;
      const sender = from.kind === 'pod' ? `${from.namespace}/${from.name}` : from.name;
      return [sender, ...nodes, 'localhost'];
    }
    case 'rewrite-node':
      return ['none', ...nodes];
    case 'dropped-at': {
      const places = (trace?.hops ?? []).map((h) => h.location.at?.name ?? h.location.device);
      return ['delivered', ...places];
    }
  }
}

/**
 * The choices for a prediction about a flow: the engine's answer and up to four others, in a
 * fixed order that does not give the answer away (alphabetical, by value).
 */
export function flowChoices(
  fact: FlowFact,
  answer: string,
  cluster: ClusterSpec,
  probe: Probe,
  trace?: Trace,
): PredictionChoice[] {
  const others = [...new Set(candidates(fact, cluster, probe, trace))].filter((v) => v !== answer);
  const values = [answer, ...others.slice(0, MAX_CHOICES - 1)].sort((a, b) => a.localeCompare(b));
  return values.map((value) => ({ value, label: choiceLabel(fact, value) }));
}

/** A prediction step about a flow, its choices built around the engine's answer. */
export function flowPredictionStep(
  fact: FlowFact,
  answer: string,
  cluster: ClusterSpec,
  probe: Probe,
  trace?: Trace,
): LessonStep {
  return {
    title: 'Predict',
    text: `Look at the flow ${flowLabel(probe)} before it is sent.`,
    prediction: {
      fact,
      question: questionFor(fact, probe),
      probe,
      choices: flowChoices(fact, answer, cluster, probe, trace),
    },
  };
}

/**
 * A prediction step on a reachability matrix cell: may `from` open a connection to `to` on the
 * port? The engine's matrix answers it when the lesson plays.
 */
export function reachPredictionStep(from: string, to: string, port: number): LessonStep {
  return {
    title: 'Predict',
    text: `Think about the policies that select ${to} and ${from}.`,
    prediction: {
      fact: 'reach',
      question: `Can ${from} open a connection to ${to} on port ${port}?`,
      from,
      to,
      port,
      choices: [
        { value: 'yes', label: 'Yes, the connection is allowed' },
        { value: 'no', label: 'No, it is denied' },
      ],
    },
  };
}

/** A challenge check: the flow must end delivered (or dropped). */
export function flowCheck(probe: Probe, verdict: 'Delivered' | 'Dropped'): Check {
  return {
    kind: 'flow',
    text: `${flowLabel(probe)} is ${verdict.toLowerCase()}`,
    probe,
    expect: { verdict },
  };
}

/** A challenge check on a reachability matrix cell. */
export function reachCheck(from: string, to: string, port: number, allowed: boolean): Check {
  return {
    kind: 'reach',
    text: `${from} ${allowed ? 'can' : 'cannot'} open a connection to ${to} on port ${port}`,
    from,
    to,
    port,
    allowed,
  };
}

/** A check's identity, so the same check is not added twice to a challenge. */
function sameCheck(a: Check, b: Check): boolean {
  return JSON.stringify({ ...a, text: '' }) === JSON.stringify({ ...b, text: '' });
}

/** Adds a check to the last step's challenge, or a new challenge step when the last has none. */
export function withCheck(lesson: Lesson, check: Check): Lesson {
  const last = lesson.steps.at(-1);
  if (last?.challenge) {
    const kept = last.challenge.checks.filter((c) => !sameCheck(c, check));
    const step = { ...last, challenge: { ...last.challenge, checks: [...kept, check] } };
    return { ...lesson, steps: [...lesson.steps.slice(0, -1), step] };
  }
  const step: LessonStep = {
    title: 'Your turn',
    text: 'Change the cluster on the canvas, in the inspector or in the policy workbench.',
    challenge: { goal: 'Make every check below pass, then press Check.', checks: [check] },
  };
  return { ...lesson, steps: [...lesson.steps, step] };
}

export function withStep(lesson: Lesson, step: LessonStep): Lesson {
  return { ...lesson, steps: [...lesson.steps, step] };
}

export function withoutStep(lesson: Lesson, index: number): Lesson {
  return { ...lesson, steps: lesson.steps.filter((_, i) => i !== index) };
}

/** Moves a step up (-1) or down (+1); a move past either end changes nothing. */
export function movedStep(lesson: Lesson, index: number, by: -1 | 1): Lesson {
  const to = index + by;
  if (index < 0 || index >= lesson.steps.length || to < 0 || to >= lesson.steps.length)
    return lesson;
  const steps = [...lesson.steps];
  [steps[index], steps[to]] = [steps[to], steps[index]];
  return { ...lesson, steps };
}

export function withStepChange(lesson: Lesson, index: number, change: Partial<LessonStep>): Lesson {
  return { ...lesson, steps: lesson.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) };
}

/** Removes one check of a step's challenge; the challenge goes when its last check does. */
export function withoutCheck(lesson: Lesson, stepIndex: number, checkIndex: number): Lesson {
  const step = lesson.steps[stepIndex];
  if (!step?.challenge) return lesson;
  const checks = step.challenge.checks.filter((_, i) => i !== checkIndex);
  const rest: LessonStep = { title: step.title, text: step.text };
  const kept: LessonStep = {
    ...rest,
    ...(step.action ? { action: step.action } : {}),
    ...(step.prediction ? { prediction: step.prediction } : {}),
  };
  const changed: LessonStep = checks.length
    ? { ...kept, challenge: { ...step.challenge, checks } }
    : kept;
  return { ...lesson, steps: lesson.steps.map((s, i) => (i === stepIndex ? changed : s)) };
}

/** The draft checked by the lesson schema: the lesson, or what to fix, in words. */
export function checkDraft(
  lesson: Lesson,
): { ok: true; lesson: Lesson } | { ok: false; problems: string[] } {
  const checked = validateLesson(lesson);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.issues.slice(0, 5).map((i) => `${describePath(i.path)} ${i.message}.`),
  };
}

/** `steps.2.prediction.question` → `Step 3, prediction question`. */
function describePath(path: string): string {
  if (!path) return 'The lesson';
  const parts = path.split('.');
  if (parts[0] === 'steps' && /^\d+$/.test(parts[1] ?? '')) {
    const rest = parts.slice(2).filter((p) => !/^\d+$/.test(p));
    return `Step ${Number(parts[1]) + 1}${rest.length ? `, ${rest.join(' ')}` : ''}`;
  }
  return `The ${parts.filter((p) => !/^\d+$/.test(p)).join(' ')}`;
}
