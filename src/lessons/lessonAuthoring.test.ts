import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { runProbe } from '../engine/probe.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import { evaluateChecks } from './evaluateChecks.ts';
import {
  checkDraft,
  draftLesson,
  FLOW_FACTS,
  flowCheck,
  flowPredictionStep,
  lessonIdFor,
  movedStep,
  reachCheck,
  reachPredictionStep,
  withCheck,
  withoutCheck,
  withoutStep,
  withStep,
} from './lessonAuthoring.ts';
import { lessonFromJson, lessonToJson } from './lessonFile.ts';
import { factOfTrace, resolvePrediction } from './predictions.ts';

const flow = defaultScenario.flow!;
const cluster = defaultScenario.cluster;

describe('making a lesson from a scenario', () => {
  it('captures the scenario as the start of a draft the lesson schema accepts', () => {
    const draft = draftLesson(defaultScenario);
    expect(draft.start).toBe(defaultScenario);
    expect(draft.id).toMatch(/^[a-z0-9][-a-z0-9]*$/);
    expect(checkDraft(draft).ok).toBe(true);
  });

  it('makes ids from titles', () => {
    expect(lessonIdFor('Pod to a ClusterIP Service!')).toBe('pod-to-a-clusterip-service');
    expect(lessonIdFor('¿?')).toBe('my-lesson');
  });

  it.each(FLOW_FACTS.map((f) => f.fact))(
    'builds a %s prediction whose right choice is what the engine answers for the flow',
    (fact) => {
      // The answer comes from the engine's own trace (as the worker gives it to the editor);
      // the player works it out again and must find it among the choices.
      const model = buildCluster(cluster);
      const trace = runProbe(model, flow);
      const answer = factOfTrace(model, fact, trace).answer;
      const step = flowPredictionStep(fact, answer, cluster, flow, trace);
      const prediction = step.prediction!;
      expect(prediction.choices.length).toBeGreaterThanOrEqual(2);
      expect(prediction.choices.length).toBeLessThanOrEqual(5);
      expect(new Set(prediction.choices.map((c) => c.value)).size).toBe(prediction.choices.length);
      const outcome = resolvePrediction(model, prediction);
      expect(outcome.right?.value).toBe(answer);
      expect(checkDraft(withStep(draftLesson(defaultScenario), step)).ok).toBe(true);
    },
  );

  it('asks where the ClusterIP is rewritten and finds node-1, the sending node (Kubernetes docs, Virtual IPs and Service Proxies)', () => {
    const model = buildCluster(cluster);
    const trace = runProbe(model, flow);
    const answer = factOfTrace(model, 'rewrite-node', trace).answer;
    const step = flowPredictionStep('rewrite-node', answer, cluster, flow, trace);
    expect(answer).toBe('node-1');
    expect(step.prediction!.choices.map((c) => c.value)).toEqual(['node-1', 'node-2', 'none']);
    expect(step.prediction!.choices.at(-1)!.label).toBe('Nowhere: it is never rewritten');
  });

  it('asks a matrix cell as a prediction the engine answers: denied under a default-deny policy (NetworkPolicy, kubernetes.io)', () => {
    const entry = galleryEntry('policy-deny');
    if (!entry) throw new Error('gallery entry missing');
    const model = buildCluster(entry.scenario.cluster);
    const flowOf = entry.scenario.flow!;
    const from = flowOf.from.kind === 'pod' ? `${flowOf.from.namespace}/${flowOf.from.name}` : '';
    const trace = runProbe(model, flowOf);
    expect(trace.verdict).toBe('Dropped');
    const target = model.pods.find((p) => p.name === 'db')!;
    const step = reachPredictionStep(from, `${target.namespace}/${target.name}`, flowOf.port ?? 80);
    const outcome = resolvePrediction(model, step.prediction!);
    expect(outcome.answer).toBe('no');
    expect(outcome.right?.label).toBe('No, it is denied');
    expect(checkDraft(withStep(draftLesson(entry.scenario), step)).ok).toBe(true);
  });

  it('adds checks to one challenge step, without repeating a check', () => {
    let lesson = draftLesson(defaultScenario);
    lesson = withCheck(lesson, flowCheck(flow, 'Dropped'));
    lesson = withCheck(lesson, reachCheck('default/client', 'default/web-1', 80, false));
    lesson = withCheck(lesson, flowCheck(flow, 'Dropped'));
    expect(lesson.steps).toHaveLength(2);
    expect(lesson.steps[1].challenge!.checks.map((c) => c.kind)).toEqual(['reach', 'flow']);
    lesson = withoutCheck(lesson, 1, 0);
    lesson = withoutCheck(lesson, 1, 0);
    expect(lesson.steps[1].challenge).toBeUndefined();
  });

  it('checks made from the screen grade the scenario they were made on, as the engine says (NetworkPolicy default deny, kubernetes.io)', () => {
    const entry = galleryEntry('policy-deny');
    if (!entry) throw new Error('gallery entry missing');
    const model = buildCluster(entry.scenario.cluster);
    const trace = runProbe(model, entry.scenario.flow!);
    expect(trace.verdict).toBe('Dropped');
    const now = flowCheck(entry.scenario.flow!, trace.verdict);
    const opposite = flowCheck(
      entry.scenario.flow!,
      trace.verdict === 'Delivered' ? 'Dropped' : 'Delivered',
    );
    const [kept, changed] = evaluateChecks(entry.scenario.cluster, model, [now, opposite]);
    expect(kept.passed).toBe(true);
    expect(changed.passed).toBe(false);
    expect(changed.hint).toBeTruthy();
  });

  it('reorders and removes steps; a move past either end changes nothing', () => {
    let lesson = withStep(draftLesson(defaultScenario), { title: 'Second', text: 'Two.' });
    expect(movedStep(lesson, 0, -1)).toBe(lesson);
    expect(movedStep(lesson, 1, 1)).toBe(lesson);
    lesson = movedStep(lesson, 1, -1);
    expect(lesson.steps.map((s) => s.title)).toEqual(['Second', 'Look at the cluster']);
    lesson = withoutStep(lesson, 0);
    expect(lesson.steps.map((s) => s.title)).toEqual(['Look at the cluster']);
  });

  it('says what to fix in words the author knows, and refuses raw HTML', () => {
    const bad = { ...draftLesson(defaultScenario), title: '' };
    const html = withStep(draftLesson(defaultScenario), { title: 'X', text: '<b>hi</b>' });
    const empty = { ...draftLesson(defaultScenario), steps: [] };
    const problems = (l: typeof bad) => {
      const r = checkDraft(l);
      return r.ok ? [] : r.problems;
    };
    expect(problems(bad)[0]).toMatch(/^The title /);
    expect(problems(html)[0]).toMatch(/^Step 2, text has raw HTML/);
    expect(problems(empty)[0]).toMatch(/at least one step/);
  });

  it('downloads as a lesson file that opens again unchanged', () => {
    const model = buildCluster(cluster);
    const trace = runProbe(model, flow);
    let lesson = withStep(
      draftLesson(defaultScenario),
      flowPredictionStep('verdict', trace.verdict, cluster, flow, trace),
    );
    lesson = withCheck(lesson, flowCheck(flow, 'Delivered'));
    const restored = lessonFromJson(lessonToJson(lesson));
    expect(restored.ok && restored.lesson).toEqual(lesson);
  });
});
