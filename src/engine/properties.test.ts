/**
 * Properties every trace must have, on generated small clusters and probes (fast-check):
 * one terminal verdict at the end, replies that undo every translation (section 3: conntrack
 * reverses the translation so the client sees the address it called), determinism per seed
 * (DESIGN.md: a link reproduces the flow), no hop loops, and a reachability matrix that agrees
 * with pod-to-pod probes (section 6).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import type { ClusterModel } from './model.ts';
import type { ClusterSpec } from './spec.ts';
import { ProbeError, runProbe } from './probe.ts';
import { candidateProbes, clusterArb } from './testing/arbitraries.ts';
import { expectMatrixAgreesWithProbes } from './testing/matrixAgreement.ts';
import type { Hop, Probe, Trace } from './trace.ts';
import { TERMINAL_VERDICTS } from './vocabulary.ts';

// PODPATH_PROPERTY_RUNS=2000 npx vitest run src/engine/properties.test.ts for a longer hunt.
const RUNS = Number(process.env.PODPATH_PROPERTY_RUNS ?? 150);

/** A cluster, a few probes picked from what makes sense in it, and seeds. */
const scenarioArb = fc.record({
  spec: clusterArb(),
  picks: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  seeds: fc.array(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 8, maxLength: 8 }),
});

function scenario({ spec, picks, seeds }: { spec: ClusterSpec; picks: number[]; seeds: number[] }) {
  const model = buildCluster(spec);
  const all = candidateProbes(model);
  const probes: Probe[] = picks.map((n, i) => ({ ...all[n % all.length], seed: seeds[i] }));
  return { spec, model, probes };
}

function tryProbe(model: ClusterModel, probe: Probe): Trace | undefined {
  try {
    return runProbe(model, probe);
  } catch (e) {
    if (e instanceof ProbeError) return undefined; // a probe that names nothing sensible
    throw e;
  }
}

const isTerminal = (h: Hop) => TERMINAL_VERDICTS.includes(h.verdict);

function checkTerminal(t: Trace, where: string): void {
  if (t.hops.length === 0) {
    expect(t.lookup, `${where}: a trace without hops ends in its lookup`).toBeDefined();
    checkTerminal(t.lookup!, `${where} lookup`);
    expect(t.verdict).toBe(t.lookup!.verdict);
    expect(t.reason).toBe(t.lookup!.reason);
    return;
  }
  if (t.verdict === 'Dropped' && t.reply.at(-1)?.verdict === 'Dropped') {
    // The answer lost on its way back (datapath/l2Adjacency.test.ts): the request was delivered,
    // the reply ends in the one drop that names the reason.
    expect(t.hops.filter(isTerminal), `${where}: the request was delivered`).toEqual([
      t.hops.at(-1),
    ]);
    expect(t.hops.at(-1)!.verdict).toBe('Delivered');
    expect(t.reply.filter(isTerminal), `${where}: one terminal reply hop`).toEqual([
      t.reply.at(-1),
    ]);
    expect(t.reply.at(-1)!.reason).toBe(t.reason);
    return;
  }
  const terminal = t.hops.filter(isTerminal);
  expect(terminal, `${where}: exactly one terminal hop`).toHaveLength(1);
  const last = t.hops.at(-1)!;
  expect(isTerminal(last), `${where}: the terminal hop is the last`).toBe(true);
  expect(t.verdict).toBe(last.verdict);
  if (t.verdict === 'Dropped') {
    expect(t.reason).toBeDefined();
    expect(last.reason).toBe(t.reason);
    expect(t.reply).toEqual([]);
  }
  if (t.reply.length > 0) {
    expect(t.reply.filter(isTerminal), `${where}: one terminal reply hop`).toHaveLength(1);
    expect(t.reply.at(-1)!.verdict).toBe('Delivered');
  }
  if (t.lookup) checkTerminal(t.lookup, `${where} lookup`);
}

function checkReply(t: Trace): void {
  if (t.reply.at(-1)?.verdict === 'Delivered') {
    const first = t.hops[0].before;
    const last = t.reply.at(-1)!.after;
    expect(last.src).toEqual(first.dst);
    expect(last.dst).toEqual(first.src);
    expect(last.protocol).toBe(first.protocol);
    expect(last.outer).toBeUndefined();
  }
  if (t.lookup) checkReply(t.lookup);
}

function checkNoLoops(hops: readonly Hop[]): void {
  for (let i = 1; i < hops.length; i++) {
    const a = hops[i - 1];
    const b = hops[i];
    const same =
      JSON.stringify(a.location) === JSON.stringify(b.location) &&
      JSON.stringify(a.after) === JSON.stringify(b.after) &&
      JSON.stringify(a.before) === JSON.stringify(b.before);
    expect(same, `hop ${i} repeats hop ${i - 1} at ${JSON.stringify(b.location)}`).toBe(false);
  }
}

function checkContinuity(hops: readonly Hop[]): void {
  for (let i = 1; i < hops.length; i++) {
    expect(hops[i].before, `hop ${i} starts with the packet hop ${i - 1} ended with`).toEqual(
      hops[i - 1].after,
    );
  }
}

function eachTrace(t: Trace, f: (t: Trace) => void): void {
  f(t);
  if (t.lookup) eachTrace(t.lookup, f);
}

/** Checks every probe of each generated scenario that traces (a refused probe is skipped). */
function forEveryTrace(check: (t: Trace, p: Probe, model: ClusterModel) => void): void {
  fc.assert(
    fc.property(scenarioArb, (input) => {
      const { model, probes } = scenario(input);
      for (const p of probes) {
        const t = tryProbe(model, p);
        if (t) check(t, p, model);
      }
    }),
    { numRuns: RUNS },
  );
}

// Each property traces 150 generated clusters; on a shared machine that takes longer than
// vitest's default 5 s per test, so these get 30 s. The properties themselves are unchanged.
const PROPERTY_TIMEOUT = { timeout: 30_000 };

describe('trace properties on generated clusters', PROPERTY_TIMEOUT, () => {
  it('every trace ends with exactly one terminal verdict, last (or in its lookup)', () => {
    forEveryTrace((t, p) => checkTerminal(t, JSON.stringify(p)));
  });

  it('a reply undoes every translation of its request', () => {
    forEveryTrace((t) => checkReply(t));
  });

  it('the same seed gives the same trace, also from a freshly built model', () => {
    fc.assert(
      fc.property(scenarioArb, (input) => {
        const { spec, model, probes } = scenario(input);
        const again = buildCluster(spec);
        for (const p of probes) {
          const a = tryProbe(model, p);
          expect(tryProbe(model, p)).toEqual(a);
          expect(tryProbe(again, p)).toEqual(a);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('no hop repeats the one before it, and each hop starts where the last one ended', () => {
    forEveryTrace((t) =>
      eachTrace(t, (x) => {
        checkNoLoops(x.hops);
        checkNoLoops(x.reply);
        checkContinuity(x.hops);
        checkContinuity(x.reply);
      }),
    );
  });

  it('hops happen on nodes of the model and the destination sees what the last hop shows', () => {
    forEveryTrace((t, _p, model) => {
      const nodes = new Set(model.nodes.map((n) => n.name));
      eachTrace(t, (x) => {
        for (const h of [...x.hops, ...x.reply]) {
          if (h.location.node !== undefined) expect(nodes.has(h.location.node)).toBe(true);
        }
        if (x.verdict === 'Delivered' && x.deliveredTo) {
          expect(x.seenSource).toBe(x.hops.at(-1)!.before.src.ip);
        }
      });
    });
  });

  it('a model never throws while building, whatever the spec', () => {
    fc.assert(
      fc.property(clusterArb(), (spec) => {
        const model = buildCluster(spec);
        expect(Array.isArray(model.diagnostics)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

describe(
  'the reachability matrix agrees with pod-to-pod probes (section 6)',
  PROPERTY_TIMEOUT,
  () => {
    it('allowed[a][b] is false exactly when a probe from a to b is dropped by policy', () => {
      fc.assert(
        fc.property(
          clusterArb({ maxPods: 5, maxPolicies: 4 }),
          fc.constantFrom(80, 8080, 8050, 53),
          fc.constantFrom<'TCP' | 'UDP'>('TCP', 'TCP', 'UDP'),
          (spec, port, protocol) => {
            expectMatrixAgreesWithProbes(buildCluster(spec), port, protocol);
          },
        ),
        { numRuns: RUNS },
      );
    });
  },
);
