/**
 * Readers for engine tests and benchmarks: one fact out of a built model (a pod, a Service, a
 * node's IP) or out of a trace (its last hop, hops with a verdict, rule lines). A missing object
 * throws, so a test fails at the lookup that went wrong.
 */
import type { ClusterModel, PodModel, ServiceModel } from '../model.ts';
import type { Hop, Trace } from '../trace.ts';
import { splitRef } from './builders.ts';

export function podOf(model: ClusterModel, ref: string): PodModel {
  const { namespace, name } = splitRef(ref);
  const p = model.pods.find((x) => x.namespace === namespace && x.name === name);
  if (!p) throw new Error(`no pod ${ref}`);
  return p;
}

export function serviceOf(model: ClusterModel, ref: string): ServiceModel {
  const { namespace, name } = splitRef(ref);
  const s = model.services.find((x) => x.namespace === namespace && x.name === name);
  if (!s) throw new Error(`no service ${ref}`);
  return s;
}

export function nodeIpOf(model: ClusterModel, name: string): string {
  const n = model.nodes.find((x) => x.name === name);
  if (!n) throw new Error(`no node ${name}`);
  return n.ip;
}

/** The hops of a trace's request, or of its DNS lookup when the request never started. */
export function terminalHop(t: Trace): Hop | undefined {
  return t.hops.at(-1) ?? t.lookup?.hops.at(-1);
}

/** Hops with a given verdict (request direction unless told). */
export function hopsWith(
  t: Trace,
  verdict: Hop['verdict'],
  direction: 'request' | 'reply' = 'request',
): Hop[] {
  return (direction === 'request' ? t.hops : t.reply).filter((h) => h.verdict === verdict);
}

/** Every rule line of every decision of the request. */
export function ruleLines(t: Trace): string[] {
  return t.hops.flatMap((h) => (h.decisions ?? []).flatMap((d) => d.rules ?? []));
}
