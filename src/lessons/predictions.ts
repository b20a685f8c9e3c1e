/**
 * Computed predictions: the right answer comes from the engine's own answer for the flow the
 * step plays (its verdict, the address the backend sees, the node where the destination is
 * rewritten, the pod it reached or where it was dropped), from the reachability matrix, or
 * from a DNS lookup, so a lesson's answer can never drift from what the packet does.
 */
import { resolveName } from '../engine/dns.ts';
import type { ClusterModel } from '../engine/model.ts';
import { runProbe } from '../engine/probe.ts';
import { computeReachability } from '../engine/reachability.ts';
import { canReach } from '../engine/reachabilityMatrix.ts';
import type { Trace } from '../engine/trace.ts';
import {
  addressOwner,
  DNS_ANSWER_WORDS,
  dnsAnswerKind,
  droppingHop,
  rewriteNode,
  splitPodName,
} from './engineAnswers.ts';
import type { Prediction, PredictionChoice } from './lessonTypes.ts';

export interface PredictionOutcome {
  /** The engine's answer, as a choice value. */
  readonly answer: string;
  /** The choice whose value is the answer; undefined when no choice fits (an authoring error). */
  readonly right: PredictionChoice | undefined;
  /** What really happened, in words: "the packet was delivered to default/web-2". */
  readonly happened: string;
  /** The flow played after the answer, when the step plays one. */
  readonly trace?: Trace;
}

/** The fact a trace gives for a computed prediction. */
export function factOfTrace(
  model: ClusterModel,
  fact: 'verdict' | 'seen-source' | 'rewrite-node' | 'delivered-to' | 'dropped-at',
  trace: Trace,
): { answer: string; happened: string } {
  switch (fact) {
    case 'verdict':
      return { answer: trace.verdict, happened: `the packet was ${trace.verdict.toLowerCase()}` };
    case 'seen-source': {
      const who = addressOwner(model, trace.seenSource);
      return {
        answer: who,
        happened:
          trace.verdict === 'Delivered'
            ? `the backend saw the source ${trace.seenSource} (${who})`
            : 'the packet never reached a backend',
      };
    }
    case 'rewrite-node': {
      const node = rewriteNode(trace);
      return {
        answer: node,
        happened:
          node === 'none'
            ? 'no hop changed the destination address'
            : `the destination address was rewritten on ${node}`,
      };
    }
    case 'delivered-to': {
      const pod = trace.deliveredTo?.pod;
      const answer = pod ? `${pod.namespace}/${pod.name}` : 'none';
      return {
        answer,
        happened: pod ? `the packet was delivered to ${answer}` : 'the packet reached no pod',
      };
    }
    case 'dropped-at': {
      const hop = droppingHop(trace);
      const answer = hop ? (hop.location.at?.name ?? hop.location.device) : 'delivered';
      return {
        answer,
        happened: hop ? `the packet was dropped at ${answer}` : 'the packet was delivered',
      };
    }
  }
}

/** Works out a prediction's right answer with the engine, and plays its flow if it has one. */
export function resolvePrediction(model: ClusterModel, prediction: Prediction): PredictionOutcome {
  const trace = prediction.probe ? runProbe(model, prediction.probe) : undefined;
  const pick = (answer: string, happened: string): PredictionOutcome => ({
    answer,
    right: prediction.choices.find((c) => c.value === answer),
    happened,
    ...(trace ? { trace } : {}),
  });
  switch (prediction.fact) {
    case 'fixed': {
      const right = prediction.choices.find((c) => c.value === prediction.answer);
      return pick(prediction.answer, right?.label ?? prediction.answer);
    }
    case 'reach': {
      const matrix = computeReachability(model, {
        port: prediction.port,
        protocol: prediction.protocol ?? 'TCP',
      });
      const allowed = canReach(matrix, prediction.from, prediction.to) === true;
      const verb = allowed ? 'may' : 'may not';
      return pick(
        allowed ? 'yes' : 'no',
        `${prediction.from} ${verb} open a connection to ${prediction.to} on port ${prediction.port}`,
      );
    }
    case 'dns-answer': {
      const from = splitPodName(prediction.from);
      const kind = dnsAnswerKind(model, resolveName(model, from.namespace, prediction.name, 'A'));
      return pick(kind, `DNS answered ${prediction.name} with ${DNS_ANSWER_WORDS[kind]}`);
    }
    default: {
      // Computed predictions always carry their probe (the schema requires it).
      const fact = factOfTrace(model, prediction.fact, trace as Trace);
      return pick(fact.answer, fact.happened);
    }
  }
}

/** "You predicted X; the packet did Y." */
export function predictionFeedback(
  prediction: Prediction,
  chosen: string,
  outcome: PredictionOutcome,
): { correct: boolean; text: string } {
  const label = prediction.choices.find((c) => c.value === chosen)?.label ?? chosen;
  const correct = chosen === outcome.answer;
  return {
    correct,
    text: `You predicted “${label}”; ${outcome.happened}.${correct ? ' Right.' : ''}`,
  };
}
