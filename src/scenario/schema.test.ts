/**
 * The schema's view of the settings and fields issue 8 added: each is optional, validated, and
 * the `ingressController` boolean of every saved scenario keeps its meaning.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import { ingressControllerOf } from '../engine/spec.ts';
import { defaultScenario } from './builtins/defaultScenario.ts';
import goldenV1 from './fixtures/envelope-v1.json' with { type: 'json' };
import type { z } from 'zod';
import type { ScenarioDocument } from './scenarioDocument.ts';
import { scenarioSchema, validateScenario } from './schema.ts';

/** The schema's output with the document type's readonly arrays and fields. */
type DeepReadonly<T> = T extends (infer E)[]
  ? readonly DeepReadonly<E>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

describe('schema and document type', () => {
  it('types every field as the document type does (checked when the tests compile)', () => {
    // A field the two type differently fails to compile here; the other way round,
    // validateScenario returns the schema's output as a document without a cast.
    const fits = (d: ScenarioDocument): DeepReadonly<z.infer<typeof scenarioSchema>> => d;
    expect(fits(defaultScenario)).toBe(defaultScenario);
  });
});

const withSettings = (patch: Record<string, unknown>) => ({
  ...defaultScenario,
  cluster: {
    ...defaultScenario.cluster,
    settings: { ...defaultScenario.cluster.settings, ...patch },
  },
});

function settingsOf(value: unknown) {
  const r = validateScenario(JSON.parse(JSON.stringify(value)));
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.scenario.cluster.settings;
}

describe('settings schema', () => {
  it('keeps the golden v1 file as it is', () => {
    const r = validateScenario(goldenV1.scenario);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario).toEqual(goldenV1.scenario);
  });

  it.each([
    [true, 'ingress-nginx'],
    [false, undefined],
    [undefined, 'ingress-nginx'],
  ])('ingressController: %j still means %s', (value, label) => {
    const s = settingsOf(withSettings({ ingressController: value }));
    expect(ingressControllerOf(s)?.label).toBe(label);
  });

  it('reads a controller name in ingressController as the add-on on with that controller', () => {
    const s = settingsOf(withSettings({ ingressController: 'haproxy' }));
    expect(s.ingressController).toBe(true);
    expect(s.ingressControllerType).toBe('haproxy');
    expect(ingressControllerOf(s)?.namespace).toBe('ingress-controller');
  });

  it('accepts the new values and rejects unknown ones with the field named', () => {
    const ok = withSettings({
      cni: { plugin: 'kube-router', mode: 'full' },
      proxyMode: 'kube-router',
      ingressControllerType: 'haproxy',
      loadBalancer: 'ip-preserve',
    });
    expect(validateScenario(ok).ok).toBe(true);
    for (const [patch, path] of [
      [{ cni: { plugin: 'kube-router', mode: 'vxlan' } }, 'cluster.settings.cni.mode'],
      [{ ingressControllerType: 'traefik' }, 'cluster.settings.ingressControllerType'],
      [{ ingressController: 'traefik' }, 'cluster.settings.ingressControllerType'],
      [{ loadBalancer: 'alb' }, 'cluster.settings.loadBalancer'],
      [{ proxyMode: 'userspace' }, 'cluster.settings.proxyMode'],
    ] as const) {
      const r = validateScenario(withSettings(patch));
      expect(r.ok, JSON.stringify(patch)).toBe(false);
      if (!r.ok) expect(r.issues.map((i) => i.path)).toContain(path);
    }
  });

  it('validates Service.loadBalancerMode, node subnets and Ingress annotations', () => {
    const base = defaultScenario.cluster;
    const scenario = {
      ...defaultScenario,
      cluster: {
        ...base,
        nodes: base.nodes.map((n, i) => ({ ...n, subnet: `192.168.${49 + i}.0/24` })),
        services: base.services.map((s) => ({ ...s, loadBalancerMode: 'proxy' })),
        ingresses: [
          {
            name: 'shop',
            annotations: { 'nginx.ingress.kubernetes.io/service-upstream': 'true' },
            rules: [],
          },
        ],
      },
    };
    expect(validateScenario(scenario).ok).toBe(true);
    const bad = {
      ...scenario,
      cluster: {
        ...scenario.cluster,
        ingresses: [{ name: 'shop', annotations: { 'not a key!': 'x' }, rules: [] }],
      },
    };
    expect(validateScenario(bad).ok).toBe(false);
    const badMode = {
      ...scenario,
      cluster: {
        ...scenario.cluster,
        services: base.services.map((s) => ({ ...s, loadBalancerMode: 'alb' })),
      },
    };
    expect(validateScenario(badMode).ok).toBe(false);
  });

  it('builds a model from every accepted combination without errors', () => {
    const s = withSettings({
      cni: { plugin: 'kube-router', mode: 'subnet' },
      proxyMode: 'kube-router',
      ingressController: 'haproxy',
      loadBalancer: 'proxy',
    });
    const r = validateScenario(JSON.parse(JSON.stringify(s)));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const model = buildCluster(r.scenario.cluster);
    expect(model.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});
