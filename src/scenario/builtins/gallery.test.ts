import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCluster, runProbe } from '../../engine/index.ts';
import { ingressControllerOf } from '../../engine/spec.ts';
import { validateScenario } from '../schema.ts';
import { encodeShareFragment } from '../shareLink.ts';
import { defaultScenario } from './defaultScenario.ts';
import { GALLERY } from './gallery.ts';
import { CONTROL_PLANE_GALLERY } from './controlPlaneGallery.ts';
import { INGRESS_CLASS_GALLERY } from './ingressClassGallery.ts';
import { EGRESS_GALLERY } from './egressGallery.ts';
import { L7_GALLERY } from './l7Gallery.ts';

describe('gallery', () => {
  it('builds the very documents that were written out by hand before the builders', () => {
    // The fixture is the first-visit scenario and the gallery as they were before the builders,
    // key order included: share links and saved work made from them must not change.
    const fixture = readFileSync(
      new URL('../fixtures/builtin-documents.json', import.meta.url),
      'utf8',
    );
    // The layer-7, leaving-the-cluster and control-plane entries came after the builders (their
    // own tests check them).
    const later = new Set(
      [...L7_GALLERY, ...EGRESS_GALLERY, ...INGRESS_CLASS_GALLERY, ...CONTROL_PLANE_GALLERY].map(
        (g) => g.id,
      ),
    );
    // What an entry opens as (compareWith) is not part of its document or its links.
    const gallery = GALLERY.filter((g) => !later.has(g.id)).map(
      ({ compareWith: _opensAs, ...g }) => g,
    );
    expect(`${JSON.stringify({ defaultScenario, gallery }, null, 2)}\n`).toBe(fixture);
  });

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
              ? model.pods
                  .filter((p) => p.namespace === ingressControllerOf(model.settings)?.namespace)
                  .map((p) => p.ip)
              : g.expect.seenSource === 'load-balancer'
                ? model.services.flatMap((s) =>
                    s.loadBalancerSourceIP ? [s.loadBalancerSourceIP] : [],
                  )
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
      'compare-kube-router',
      'compare-calico',
      'ingress-haproxy',
      'ingress-service-upstream',
      'load-balancer-proxy',
      'load-balancer-ip-targets',
    ]) {
      expect(ids).toContain(id);
    }
    for (const cni of ['flannel', 'calico', 'cilium', 'weave', 'kube-router'])
      expect(ids.some((id) => id.startsWith(`cross-node-${cni}`))).toBe(true);
  });

  it('opens each "same flow, two CNIs" entry as the comparison with the other entry', () => {
    const byId = (id: string) => GALLERY.find((x) => x.id === id)!;
    const kubeRouter = byId('compare-kube-router');
    const calico = byId('compare-calico');
    const settingsOf = (g: typeof kubeRouter) => ({
      cni: g.scenario.cluster.settings.cni,
      proxyMode: g.scenario.cluster.settings.proxyMode,
    });
    expect(kubeRouter.compareWith).toEqual(settingsOf(calico));
    expect(calico.compareWith).toEqual(settingsOf(kubeRouter));
    // Traced under the other entry's settings, each cluster is the other entry's cluster.
    const replayed = {
      ...kubeRouter.scenario.cluster,
      settings: { ...kubeRouter.scenario.cluster.settings, ...kubeRouter.compareWith },
    };
    expect(replayed).toEqual(calico.scenario.cluster);
    expect(GALLERY.filter((g) => g.compareWith).map((g) => g.id)).toEqual([
      'compare-kube-router',
      'compare-calico',
    ]);
  });

  it('shows on the hops what the descriptions of the issue-8 entries promise', () => {
    const run = (id: string) => {
      const g = GALLERY.find((x) => x.id === id)!;
      return runProbe(buildCluster(g.scenario.cluster), g.scenario.flow!);
    };
    const kr = run('cross-node-kube-router');
    expect(kr.hops.find((h) => h.verdict === 'Encapsulated')?.location.device).toBe(
      'tun-192168502',
    );
    const a = run('compare-kube-router');
    const b = run('compare-calico');
    expect(a.hops.some((h) => h.location.device === 'kube-bridge')).toBe(true);
    expect(a.hops.find((h) => h.location.place === 'KubeProxy')?.location.device).toMatch(
      /kube-dummy-if/,
    );
    expect(b.hops.some((h) => h.location.place === 'Bridge')).toBe(false);
    expect(b.hops.find((h) => h.location.place === 'KubeProxy')?.location.device).toMatch(
      /iptables/,
    );
    for (const t of [a, b]) {
      expect(t.hops.some((h) => h.verdict === 'Allowed')).toBe(true);
      expect(t.hops.some((h) => h.verdict === 'Encapsulated')).toBe(false);
    }
    const haproxy = run('ingress-haproxy');
    expect(haproxy.deliveredTo?.pod.name).toBe('api');
    expect(
      haproxy.hops.find(
        (h) =>
          h.location.place === 'IngressController' &&
          h.location.device === 'haproxy' &&
          h.verdict === 'Translated',
      )?.explanation,
    ).toMatch(/ingress-nginx would decide differently here/);
    const upstream = run('ingress-service-upstream');
    const ctl = upstream.hops.findIndex((h) => h.location.place === 'IngressController');
    expect(upstream.hops.slice(ctl).some((h) => h.location.place === 'KubeProxy')).toBe(true);
    const ipTargets = run('load-balancer-ip-targets');
    expect(ipTargets.hops.some((h) => h.location.place === 'KubeProxy')).toBe(false);
  });
});
