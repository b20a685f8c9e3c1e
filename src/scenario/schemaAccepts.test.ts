/**
 * Whatever the schema lets in, the engine builds and traces: links and files are checked by the
 * schema only, so a setting the schema accepts and the engine cannot lay out (a Service range of
 * /29, a node pod range of /32 or 0.0.0.0/0) would break every reload of that scenario. The
 * generator starts from sensible clusters and bends the values that come from the user: ranges of
 * any size, node pod ranges, addresses, nodes that do not exist, regex paths.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import type { ClusterSpec } from '../engine/spec.ts';
import { candidateProbes, clusterArb } from '../engine/testing/arbitraries.ts';
import { probesWithoutOneVerdict } from '../engine/testing/traceEnds.ts';
import { validateScenario } from './schema.ts';

const RUNS = Number(process.env.PODPATH_PROPERTY_RUNS ?? 120);
/** Not a speed target: a generous ceiling that only a hang or a range walk would reach. */
const BUDGET_MS = 4000;

const octet = fc.integer({ min: 0, max: 255 });
const cidrText = fc
  .tuple(octet, octet, octet, octet, fc.integer({ min: 0, max: 32 }))
  .map(([a, b, c, d, p]) => `${a}.${b}.${c}.${d}/${p}`);
const ipText = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const anyCidr = fc.oneof(
  cidrText,
  fc.constantFrom('0.0.0.0/0', '10.96.0.0/29', '10.244.1.0/32', '10.244.0.0/31', '10.0.0.0/8'),
);

const hostileArb: fc.Arbitrary<ClusterSpec> = fc
  .record({
    spec: clusterArb(),
    clusterCidr: fc.option(anyCidr, { nil: undefined }),
    serviceCidr: fc.option(anyCidr, { nil: undefined }),
    nodeNetwork: fc.option(anyCidr, { nil: undefined }),
    mask: fc.option(fc.integer({ min: 8, max: 30 }), { nil: undefined }),
    podCidrs: fc.array(fc.option(anyCidr, { nil: undefined }), { maxLength: 3 }),
    podIps: fc.array(fc.option(ipText, { nil: undefined }), { maxLength: 6 }),
    clusterIps: fc.array(fc.option(ipText, { nil: undefined }), { maxLength: 3 }),
    missingNode: fc.boolean(),
    regex: fc.option(fc.constantFrom('/(a+)+$', '/(x+x+)+y', '/(a)\\1', '(', '.*'), {
      nil: undefined,
    }),
  })
  .map((h) => {
    const s = h.spec;
    return {
      ...s,
      settings: {
        ...s.settings,
        ...(h.clusterCidr ? { clusterCidr: h.clusterCidr } : {}),
        ...(h.serviceCidr ? { serviceCidr: h.serviceCidr } : {}),
        ...(h.nodeNetwork ? { nodeNetwork: h.nodeNetwork } : {}),
        ...(h.mask ? { nodeCidrMaskSize: h.mask } : {}),
      },
      nodes: s.nodes.map((n, i) => (h.podCidrs[i] ? { ...n, podCidr: h.podCidrs[i] } : n)),
      pods: s.pods.map((p, i) => ({
        ...p,
        ...(h.podIps[i] ? { ip: h.podIps[i] } : {}),
        ...(i === 0 && h.missingNode ? { nodeName: 'no-such-node' } : {}),
      })),
      services: s.services.map((x, i) =>
        h.clusterIps[i] ? { ...x, clusterIP: h.clusterIps[i] } : x,
      ),
      ingresses: (s.ingresses ?? []).map((ing) =>
        h.regex
          ? {
              ...ing,
              annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' },
              rules: ing.rules?.map((r) => ({
                ...r,
                paths: r.paths.map((p) => ({ ...p, path: h.regex })),
              })),
            }
          : ing,
      ),
    };
  });

describe('whatever the schema accepts, the engine builds and traces', () => {
  it('builds, and every probe ends in exactly one verdict, within the budget', () => {
    fc.assert(
      fc.property(hostileArb, (cluster) => {
        const checked = validateScenario({ title: 't', cluster, layout: {} });
        if (!checked.ok) return; // refused at the door, with a message: fine
        const started = Date.now();
        const model = buildCluster(checked.scenario.cluster);
        expect(probesWithoutOneVerdict(model, candidateProbes(model).slice(0, 40), 7)).toEqual([]);
        expect(Date.now() - started).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
