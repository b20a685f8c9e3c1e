import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { validateScenario } from '../schema.ts';
import { encodeShareFragment } from '../shareLink.ts';
import { GALLERY } from './gallery.ts';

describe('gallery', () => {
  it.each(GALLERY.map((g) => [g.id, g] as const))(
    '%s is valid, error-free, and its flow ends as described',
    (_id, g) => {
      expect(validateScenario(JSON.parse(JSON.stringify(g.scenario))).ok).toBe(true);
      const model = buildCluster(g.scenario.cluster);
      expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(g.scenario.flow).toBeDefined();
      const trace = runProbe(model, g.scenario.flow!);
      expect(trace.verdict).toBe(g.expect.verdict);
      if (g.expect.reason) expect(trace.reason).toBe(g.expect.reason);
      if (g.expect.seenSource) {
        const from = g.scenario.flow!.from;
        const expected =
          g.expect.seenSource === 'node'
            ? model.nodes.map((n) => n.ip)
            : g.expect.seenSource === 'controller'
              ? model.pods.filter((p) => p.namespace === 'ingress-nginx').map((p) => p.ip)
              : from.kind === 'pod'
                ? model.pods.filter((p) => p.name === from.name).map((p) => p.ip)
                : model.externalClients.map((c) => c.ip);
        expect(expected).toContain(trace.seenSource);
      }
    },
  );

  it('fits every gallery scenario in a link of at most 2,000 characters', () => {
    for (const g of GALLERY) {
      const link = `https://podpath.example.org/#${encodeShareFragment(g.scenario, { hop: 10 })}`;
      expect(link.length, g.id).toBeLessThanOrEqual(2000);
    }
  });

  it('covers every topic the course needs', () => {
    const ids = GALLERY.map((g) => g.id);
    for (const id of [
      'localhost',
      'same-node',
      'headless',
      'external-name',
      'nodeport-cluster',
      'nodeport-local',
      'load-balancer',
      'ingress',
      'dns-search',
      'policy-deny',
      'policy-flannel',
    ]) {
      expect(ids).toContain(id);
    }
    for (const cni of ['flannel', 'calico', 'cilium', 'weave'])
      expect(ids.some((id) => id.startsWith(`cross-node-${cni}`))).toBe(true);
  });
});
