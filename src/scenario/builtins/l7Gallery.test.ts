/**
 * The layer-7 gallery: each flow comes to the HTTP answer its description promises (routing
 * rules pinned in engine/gateway/*.test.ts from the Gateway API conformance suite).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { validateScenario } from '../schema.ts';
import { decodeShareFragment, encodeShareFragment } from '../shareLink.ts';
import { L7_GALLERY } from './l7Gallery.ts';

describe('layer-7 gallery', () => {
  it.each(L7_GALLERY.map((g) => [g.id, g] as const))('%s ends as described', (_id, g) => {
    const model = buildCluster(g.scenario.cluster);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const t = runProbe(model, g.scenario.flow!);
    expect(t.verdict).toBe(g.expect.verdict);
    if (g.expect.reason) expect(t.reason).toBe(g.expect.reason);
    if (g.expect.status !== undefined) expect(t.http?.status).toBe(g.expect.status);
    if (g.expect.route) expect(t.http?.route).toBe(g.expect.route);
    if (g.expect.rule) expect(t.http?.rule).toBe(g.expect.rule);
    if (g.expect.service) expect(t.http?.backend?.service).toBe(g.expect.service);
  });

  it('keeps Gateway objects and the probe’s HTTP part through the schema and a share link', () => {
    const g = L7_GALLERY.find((x) => x.id === 'gateway-header')!;
    const r = validateScenario(JSON.parse(JSON.stringify(g.scenario)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toEqual(JSON.parse(JSON.stringify(g.scenario)));
    const back = decodeShareFragment(encodeShareFragment(g.scenario));
    expect(back.ok && back.scenario.cluster.httpRoutes).toEqual(g.scenario.cluster.httpRoutes);
    expect(back.ok && back.scenario.flow?.http).toEqual(g.scenario.flow?.http);
  });

  it('the canary split sends about one request in ten to the canary', () => {
    const g = L7_GALLERY.find((x) => x.id === 'gateway-canary')!;
    const model = buildCluster(g.scenario.cluster);
    let canary = 0;
    for (let seed = 1; seed <= 100; seed++)
      if (runProbe(model, { ...g.scenario.flow!, seed }).http?.backend?.service === 'app-canary')
        canary++;
    expect(canary).toBeGreaterThan(2);
    expect(canary).toBeLessThan(25);
  });
});
