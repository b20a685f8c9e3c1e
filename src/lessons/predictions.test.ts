import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { galleryEntry } from '../scenario/builtins/gallery.ts';
import type { Prediction } from './lessonTypes.ts';
import { predictionFeedback, resolvePrediction } from './predictions.ts';

function model(id: string) {
  const entry = galleryEntry(id);
  if (!entry) throw new Error(id);
  return { model: buildCluster(entry.scenario.cluster), flow: entry.scenario.flow! };
}
const choices = (...values: string[]) => values.map((value) => ({ value, label: value }));
/** The engine's answer to a flow prediction on a gallery scenario's own flow. */
function flowAnswer(id: string, fact: 'seen-source' | 'verdict', ...values: string[]) {
  const { model: m, flow } = model(id);
  return resolvePrediction(m, { fact, question: '?', probe: flow, choices: choices(...values) });
}

describe('computed predictions', () => {
  it('finds the node where the ClusterIP is rewritten: the sending node (Kubernetes docs, Virtual IPs and Service Proxies)', () => {
    const { model: m, flow } = model('default');
    const p: Prediction = {
      fact: 'rewrite-node',
      question: 'Where?',
      probe: flow,
      choices: choices('node-1', 'node-2', 'none'),
    };
    const outcome = resolvePrediction(m, p);
    expect(outcome.answer).toBe('node-1');
    expect(outcome.right?.value).toBe('node-1');
    expect(outcome.trace?.verdict).toBe('Delivered');
    expect(predictionFeedback(p, 'node-2', outcome)).toEqual({
      correct: false,
      text: 'You predicted “node-2”; the destination address was rewritten on node-1.',
    });
  });

  it('names who the backend sees: the node after NodePort SNAT, the laptop never', () => {
    const outcome = flowAnswer('nodeport-cluster', 'seen-source', 'laptop', 'node-1');
    expect(outcome.answer).toBe('node-1');
  });

  it('answers verdicts, delivery and drop sites from the trace', () => {
    const { model: m, flow } = model('policy-deny');
    const ask = (fact: 'verdict' | 'delivered-to' | 'dropped-at') =>
      resolvePrediction(m, { fact, question: '?', probe: flow, choices: choices('a', 'b') }).answer;
    expect(ask('verdict')).toBe('Dropped');
    expect(ask('delivered-to')).toBe('none');
    expect(ask('dropped-at')).toBe('db');
  });

  it('reads the matrix and DNS: headless names answer with pod addresses', () => {
    const { model: m } = model('policy-deny');
    expect(
      resolvePrediction(m, {
        fact: 'reach',
        question: '?',
        from: 'default/intruder',
        to: 'default/db',
        port: 6379,
        choices: choices('yes', 'no'),
      }).answer,
    ).toBe('no');
    const { model: h } = model('headless');
    expect(
      resolvePrediction(h, {
        fact: 'dns-answer',
        question: '?',
        from: 'default/client',
        name: 'db',
        choices: choices('pod-ips', 'cluster-ip'),
      }).answer,
    ).toBe('pod-ips');
  });

  it('leaves no right choice when the author offered none that fits', () => {
    const outcome = flowAnswer('default', 'verdict', 'Dropped', 'Lost');
    expect(outcome.right).toBeUndefined();
  });
});
