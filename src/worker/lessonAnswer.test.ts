import { describe, expect, it } from 'vitest';
import { buildCluster, computeReachability, runProbe } from '../engine/index.ts';
import { courseLesson } from '../lessons/course/course.ts';
import type { Check, Prediction } from '../lessons/lessonTypes.ts';
import { answerRequest } from './answerRequest.ts';

const engine = { buildCluster, runProbe, computeReachability };

/** The lesson request the player sends, answered as the worker answers it. */
function ask(lessonId: string, step: number, chosen: string | null, solution = false) {
  const lesson = courseLesson(lessonId)!;
  const s = lesson.steps[step];
  const scenario = solution ? lesson.solution! : lesson.start;
  const response = answerRequest(engine, {
    kind: 'lesson',
    id: 1,
    cluster: scenario.cluster,
    question: {
      ...(s.prediction ? { prediction: s.prediction as Prediction, chosen } : {}),
      ...(s.challenge ? { checks: s.challenge.checks as Check[] } : {}),
    },
  });
  if (!response.ok || !('kind' in response) || response.kind !== 'lesson')
    throw new Error(JSON.stringify(response));
  return response.answer;
}

describe('the lesson request at the worker seam', () => {
  // Kubernetes docs, "Using Source IP" (tutorials/services/source-ip): with the default
  // externalTrafficPolicy Cluster, a LoadBalancer's traffic is SNATed to the node's address.
  it("answers a prediction from the engine's trace, with the hop that decided it", () => {
    const wrong = ask('service-loadbalancer', 0, 'visitor');
    expect(wrong.prediction?.answer).toBe('node-1');
    expect(wrong.prediction?.right?.value).toBe('node-1');
    expect(wrong.prediction?.feedback?.correct).toBe(false);
    expect(wrong.prediction?.feedback?.text).toMatch(/^You predicted “The visitor's address”; /);
    // The hop that rewrote the source is the one that decided what web sees.
    expect(wrong.prediction?.decidingHop?.explanation).toBeTruthy();
    expect(ask('service-loadbalancer', 0, 'node-1').prediction?.feedback?.correct).toBe(true);
  });

  it('a teacher revealing it unasked gets the answer and no feedback', () => {
    const reveal = ask('service-loadbalancer', 0, null);
    expect(reveal.prediction?.answer).toBe('node-1');
    expect(reveal.prediction?.feedback).toBeNull();
  });

  it('checks a challenge on the start (a hint from the failure) and on the solution', () => {
    const start = ask('service-loadbalancer', 1, null);
    expect(start.checks.map((c) => c.passed)).toEqual([false]);
    expect(start.checks[0].hint).toMatch(/the backend saw the source .* \(node-1\)/);
    const solved = ask('service-loadbalancer', 1, null, true);
    expect(solved.checks.map((c) => c.passed)).toEqual([true]);
  });
});
