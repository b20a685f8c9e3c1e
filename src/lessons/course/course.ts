/** The built-in course: one lesson per topic of the course material, in teaching order. */
import type { Lesson } from '../lessonTypes.ts';
import { durableLesson, egressLesson, ingressLesson, networkPolicyLesson } from './edgeLessons.ts';
import { ciliumL7Lesson, gatewayLesson } from './layer7Lessons.ts';
import { cniLesson, crossNodeLesson, localhostLesson, sameNodeLesson } from './podLessons.ts';
import {
  clusterIpLesson,
  discoveryLesson,
  headlessLesson,
  loadBalancerLesson,
  nodePortLesson,
} from './serviceLessons.ts';

export const COURSE: readonly Lesson[] = [
  localhostLesson,
  sameNodeLesson,
  crossNodeLesson,
  cniLesson,
  clusterIpLesson,
  discoveryLesson,
  headlessLesson,
  nodePortLesson,
  loadBalancerLesson,
  ingressLesson,
  networkPolicyLesson,
  egressLesson,
  durableLesson,
  gatewayLesson,
  ciliumL7Lesson,
];

export function courseLesson(id: string): Lesson | undefined {
  return COURSE.find((l) => l.id === id);
}
