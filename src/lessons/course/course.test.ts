/**
 * The built-in course against the engine: every lesson is valid lesson data, its reference
 * solution passes every challenge and its start does not, and every computed prediction has
 * the answer the upstream docs give (cited per row). Predictions before a lesson's first
 * challenge are asked on the start; later ones on the solution, as a learner reaches them.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/buildCluster.ts';
import { runProbe } from '../../engine/probe.ts';
import { gradeLesson } from '../gradeLesson.ts';
import { evaluateChecks } from '../evaluateChecks.ts';
import { validateLesson } from '../lessonSchema.ts';
import type { Lesson } from '../lessonTypes.ts';
import { resolvePrediction } from '../predictions.ts';
import { COURSE } from './course.ts';

/** The scenario a learner has at step i: the start, or the solution once past a challenge. */
function scenarioAt(lesson: Lesson, i: number) {
  const solvedBefore = lesson.steps.slice(0, i).some((s) => s.challenge);
  return solvedBefore ? (lesson.solution ?? lesson.start) : lesson.start;
}

/**
 * lesson id -> the answer of each prediction, in step order, with the source it rests on.
 */
const ANSWERS: Record<string, readonly string[]> = {
  // Pods share one network namespace: the sidecar sees loopback; containers share the pod IP
  // (kubernetes.io/docs/concepts/workloads/pods/#pod-networking).
  'pod-localhost': ['localhost', 'same'],
  // The Kubernetes network model: pods reach each other without NAT
  // (kubernetes.io/docs/concepts/cluster-administration/networking/).
  'pod-same-node': ['none'],
  // An overlay keeps the inner packet: the pod sees the pod IP (flannel Documentation/backends.md).
  'pod-cross-node': ['default/client'],
  // Flannel does not implement NetworkPolicy (flannel-io/flannel README, "NetworkPolicy").
  'cni-compare': ['Delivered'],
  // kube-proxy DNATs on the sending node (kubernetes.io/docs/reference/networking/virtual-ips/);
  // the endpoint chosen with seed 1 is fixed by the engine's seeded choice.
  'service-clusterip': ['node-1', 'default/web-2'],
  // Short names are searched in the pod's namespace first (dns-pod-service, "Namespaces of
  // Services"); env vars only for Services existing at container start (service#environment-variables).
  'service-discovery': ['Dropped', 'no'],
  // A ClusterIP Service's A record is its ClusterIP; a headless one needs no proxying
  // (service#headless-services).
  'service-headless-externalname': ['cluster-ip', 'none'],
  // NodePort with Cluster SNATs to the node; Local drops where there is no local endpoint
  // (kubernetes.io/docs/tutorials/services/source-ip/).
  'service-nodeport': ['node-1', 'Dropped'],
  // A load balancer through NodePorts with policy Cluster: the pod sees a node (tutorials/services/source-ip).
  'service-loadbalancer': ['node-1'],
  // Ingress is its own API object; prefix / matches every path; the controller proxies
  // (kubernetes.io/docs/concepts/services-networking/ingress/).
  ingress: ['no', 'default/web', 'ingress-nginx/ingress-nginx-controller'],
  // namespaceSelector and podSelector in one peer are ANDed (network-policies,
  // "Behavior of to and from selectors").
  'network-policy': ['no'],
  // Calico natOutgoing masquerades to the node; egress policy drops at the pod
  // (network-policies; Calico "Configure outgoing NAT").
  egress: ['node-2', 'orders'],
  // A replacement pod is a new pod with a new IP (pod-lifecycle); the Service follows its pods.
  'pod-addresses': ['no', 'default/web-3'],
  // A cross-namespace backendRef needs a ReferenceGrant in the target namespace, else
  // ResolvedRefs is False with RefNotPermitted (gateway-api.sigs.k8s.io/api-types/referencegrant/).
  'gateway-api': ['Dropped'],
  // An L7 rule sends the connection through Cilium's proxy, which answers 403 to a request no
  // HTTP rule allows (docs.cilium.io security/policy/language, "Layer 7 Examples").
  'cilium-l7': ['Dropped'],
};

describe('the built-in course', () => {
  it('has at least 13 lessons with unique ids, in the course order', () => {
    expect(COURSE.length).toBeGreaterThanOrEqual(13);
    expect(new Set(COURSE.map((l) => l.id)).size).toBe(COURSE.length);
    expect(Object.keys(ANSWERS)).toEqual(COURSE.map((l) => l.id));
  });

  for (const lesson of COURSE) {
    describe(lesson.id, () => {
      it('is valid lesson data, as a file would carry it', () => {
        const result = validateLesson(JSON.parse(JSON.stringify(lesson)));
        expect(result.ok ? [] : result.issues).toEqual([]);
        expect(lesson.minutes).toBeGreaterThanOrEqual(5);
        expect(lesson.minutes).toBeLessThanOrEqual(15);
        expect(lesson.sources?.length).toBeGreaterThan(0);
      });

      it('its reference solution passes every check', () => {
        const grade = gradeLesson(lesson, lesson.solution!.cluster);
        expect(grade.checks.filter((c) => !c.passed)).toEqual([]);
        expect(grade.checks.length).toBeGreaterThan(0);
      });

      it('its start fails each challenge, with a hint', () => {
        const model = buildCluster(lesson.start.cluster);
        for (const step of lesson.steps) {
          if (!step.challenge) continue;
          const results = evaluateChecks(lesson.start.cluster, model, step.challenge.checks);
          const failed = results.filter((r) => !r.passed);
          expect(failed.length).toBeGreaterThan(0);
          for (const f of failed) expect(f.hint).toBeTruthy();
        }
      });

      it('every prediction has the answer the docs give, among its choices', () => {
        const answers = lesson.steps.flatMap((step, i) => {
          if (!step.prediction) return [];
          const model = buildCluster(scenarioAt(lesson, i).cluster);
          const outcome = resolvePrediction(model, step.prediction);
          expect(outcome.right, `${lesson.id} step ${i + 1}`).toBeDefined();
          return [outcome.answer];
        });
        expect(answers).toEqual(ANSWERS[lesson.id]);
      });

      it('every action and flow it plays can be traced', () => {
        lesson.steps.forEach((step, i) => {
          const model = buildCluster(scenarioAt(lesson, i).cluster);
          const action = step.action;
          if (action && action.kind !== 'open-policies') {
            const trace = runProbe(model, action.probe);
            if (action.kind === 'open-hop') expect(trace.hops.length).toBeGreaterThan(action.hop);
          }
        });
      });
    });
  }
});
