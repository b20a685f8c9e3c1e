/**
 * Grading a learner's result: every challenge check of a lesson, evaluated on one scenario.
 * The command line grades handed-in files with it; the tests grade each reference solution.
 */
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import { evaluateChecks, type CheckResult } from './evaluateChecks.ts';
import type { Check, Lesson } from './lessonTypes.ts';

export interface LessonGrade {
  readonly passed: boolean;
  readonly checks: readonly CheckResult[];
}

/** Every check of every challenge in the lesson, in step order. */
export function lessonChecks(lesson: Lesson): Check[] {
  return lesson.steps.flatMap((s) => s.challenge?.checks ?? []);
}

/** Grades one cluster against all of a lesson's challenges. */
export function gradeLesson(lesson: Lesson, cluster: ClusterSpec): LessonGrade {
  const checks = evaluateChecks(cluster, buildCluster(cluster), lessonChecks(lesson));
  return { passed: checks.every((c) => c.passed), checks };
}
