/**
 * Challenge checks, evaluated on the engine's answers for the learner's scenario: a flow's
 * verdict (and where, why, to whom, seen from where), cells of the reachability matrix, a DNS
 * answer, a Service environment variable, an object with a property. Each failed check gets a
 * hint drawn from what actually happened, never the solution.
 */
import { resolveName } from '../engine/dns.ts';
import type { ClusterModel } from '../engine/model.ts';
import { ProbeError, runProbe } from '../engine/probe.ts';
import { computeReachability } from '../engine/reachability.ts';
import { canReach, podIndex, type ReachabilityMatrix } from '../engine/reachabilityMatrix.ts';
import { serviceEnv } from '../engine/serviceEnv.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import { DROP_REASON_TEXT } from '../engine/vocabulary.ts';
import {
  addressOwner,
  describeDrop,
  DNS_ANSWER_WORDS,
  dnsAnswerKind,
  flowLabel,
  splitPodName,
} from './engineAnswers.ts';
import type { Check } from './lessonTypes.ts';
import { findObjects, readPath } from './lessonObjects.ts';

export interface CheckResult {
  readonly text: string;
  readonly passed: boolean;
  /** Why it failed, from what the engine found; absent when it passed. */
  readonly hint?: string;
}

const pass = (check: Check): CheckResult => ({ text: check.text, passed: true });
const fail = (check: Check, hint: string): CheckResult => ({
  text: check.text,
  passed: false,
  hint,
});

function evaluateFlow(model: ClusterModel, check: Extract<Check, { kind: 'flow' }>): CheckResult {
  const label = flowLabel(check.probe);
  let trace;
  try {
    trace = runProbe(model, check.probe);
  } catch (e) {
    if (e instanceof ProbeError) return fail(check, `${label} cannot be sent: ${e.message}`);
    throw e;
  }
  const want = check.expect;
  if (trace.verdict !== want.verdict) {
    if (trace.verdict === 'Dropped') return fail(check, `${label} ${describeDrop(trace)}.`);
    const to = trace.deliveredTo
      ? `${trace.deliveredTo.pod.namespace}/${trace.deliveredTo.pod.name}`
      : (trace.outside?.ip ?? 'its destination');
    return fail(check, `${label} was delivered to ${to}; nothing on its way stopped it.`);
  }
  if (want.reason && trace.reason !== want.reason) {
    return fail(
      check,
      `${label} ${describeDrop(trace)}, not because ${DROP_REASON_TEXT[want.reason]}.`,
    );
  }
  if (want.deliveredTo) {
    const pod = trace.deliveredTo?.pod;
    const got = pod ? `${pod.namespace}/${pod.name}` : 'no pod';
    if (got !== want.deliveredTo) return fail(check, `${label} reached ${got}.`);
  }
  if (want.seenSource) {
    const who = addressOwner(model, trace.seenSource);
    if (who !== want.seenSource)
      return fail(check, `${label}: the backend saw the source ${trace.seenSource} (${who}).`);
  }
  return pass(check);
}

function evaluateReach(
  check: Extract<Check, { kind: 'reach' }>,
  matrixFor: (port: number, protocol: 'TCP' | 'UDP' | 'SCTP') => ReachabilityMatrix,
): CheckResult {
  const matrix = matrixFor(check.port, check.protocol ?? 'TCP');
  const index = podIndex(matrix);
  if (!index.has(check.from)) return fail(check, `There is no pod ${check.from} in the scenario.`);
  if (!index.has(check.to)) return fail(check, `There is no pod ${check.to} in the scenario.`);
  const allowed = canReach(matrix, check.from, check.to) === true;
  if (allowed === check.allowed) return pass(check);
  const cell = `${check.from} → ${check.to} on ${check.protocol ?? 'TCP'}/${check.port}`;
  return fail(
    check,
    allowed
      ? `${cell} is allowed: no enforced policy stops it.`
      : `${cell} is not allowed by the policies that select these pods.`,
  );
}

function evaluateDns(model: ClusterModel, check: Extract<Check, { kind: 'dns' }>): CheckResult {
  const from = splitPodName(check.from);
  if (!model.pods.some((p) => p.namespace === from.namespace && p.name === from.name))
    return fail(check, `There is no pod ${check.from} in the scenario.`);
  const result = resolveName(model, from.namespace, check.name, check.type ?? 'A');
  const tried = result.tried.map((t) => `${t.name} (${t.rcode})`).join(', ');
  if (result.rcode !== check.rcode)
    return fail(
      check,
      `${check.name} from ${check.from} answered ${result.rcode}; tried ${tried}.`,
    );
  if (check.answers) {
    const kind = dnsAnswerKind(model, result);
    if (kind !== check.answers)
      return fail(check, `${check.name} from ${check.from} answered ${DNS_ANSWER_WORDS[kind]}.`);
  }
  return pass(check);
}

function evaluateEnv(model: ClusterModel, check: Extract<Check, { kind: 'env' }>): CheckResult {
  const ref = splitPodName(check.pod);
  if (!model.pods.some((p) => p.namespace === ref.namespace && p.name === ref.name))
    return fail(check, `There is no pod ${check.pod} in the scenario.`);
  const vars = serviceEnv(model, ref);
  const found = vars.find(([name]) => name === check.name);
  if (Boolean(found) === check.present) return pass(check);
  return fail(
    check,
    found
      ? `${check.pod} has ${check.name}=${found[1]}.`
      : `${check.pod} has no ${check.name}; its Service variables are ${vars
          .filter(([n]) => n.endsWith('_SERVICE_HOST'))
          .map(([n]) => n)
          .join(', ')}.`,
  );
}

function evaluateObject(spec: ClusterSpec, check: Extract<Check, { kind: 'object' }>): CheckResult {
  const what = `${check.object}${check.name ? ` ${check.namespace ? `${check.namespace}/` : ''}${check.name}` : ''}`;
  const objects = findObjects(spec, check.object, check.namespace, check.name);
  if (objects.length === 0) return fail(check, `There is no ${what} in the scenario.`);
  if (!check.path) return pass(check);
  const path = check.path;
  const seen = objects.map((o) => readPath(o, path));
  if (check.equals === undefined) {
    return seen.some((v) => v !== undefined) ? pass(check) : fail(check, `${what} has no ${path}.`);
  }
  if (seen.some((v) => v === check.equals)) return pass(check);
  const shown = [...new Set(seen.map((v) => (v === undefined ? 'unset' : JSON.stringify(v))))];
  return fail(check, `${what}: ${path} is ${shown.join(', ')}.`);
}

/** Evaluates every check on one cluster; one model serves them all. */
export function evaluateChecks(
  spec: ClusterSpec,
  model: ClusterModel,
  checks: readonly Check[],
): CheckResult[] {
  const matrices = new Map<string, ReachabilityMatrix>();
  const matrixFor = (port: number, protocol: 'TCP' | 'UDP' | 'SCTP') => {
    const key = `${protocol}/${port}`;
    let m = matrices.get(key);
    if (!m) {
      m = computeReachability(model, { port, protocol });
      matrices.set(key, m);
    }
    return m;
  };
  return checks.map((check) => {
    switch (check.kind) {
      case 'flow':
        return evaluateFlow(model, check);
      case 'reach':
        return evaluateReach(check, matrixFor);
      case 'dns':
        return evaluateDns(model, check);
      case 'env':
        return evaluateEnv(model, check);
      case 'object':
        return evaluateObject(spec, check);
    }
  });
}
