import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Namespace, Node, Pod, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS, type ClusterSpec } from '../../engine/spec.ts';
import { defaultScenario } from '../builtins/defaultScenario.ts';
import { GALLERY } from '../builtins/gallery.ts';
import { exportKubernetesYaml, PLACEHOLDER_IMAGE } from './exportKubernetesYaml.ts';
import { richSpec } from './fixtures/richSpec.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

function roundTrip(spec: ClusterSpec) {
  const yaml = exportKubernetesYaml(spec);
  const back = importKubernetesYaml(yaml);
  expect(back.errors).toEqual([]);
  return { yaml, back };
}

function documents(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
}

describe('exportKubernetesYaml', () => {
  it('round-trips the default scenario: spec -> YAML -> the same spec', () => {
    expect(roundTrip(defaultScenario.cluster).back.spec).toEqual(defaultScenario.cluster);
  });

  it('round-trips a spec that uses every supported field', () => {
    const { back } = roundTrip(richSpec);
    expect(back.spec).toEqual(richSpec);
    // Nothing is lost on the way: the only finding is the Service that has no selector.
    expect(back.warnings.map((w) => w.what)).toEqual(['kind Service']);
  });

  it.each(GALLERY.map((g) => [g.id, g.scenario.cluster] as const))(
    'round-trips the gallery scenario %s',
    (_id, cluster) => {
      expect(roundTrip(cluster).back.spec).toEqual(cluster);
    },
  );

  it('writes the rich spec as this YAML (golden file)', async () => {
    await expect(exportKubernetesYaml(richSpec, { title: 'Rich' })).toMatchFileSnapshot(
      './fixtures/rich-export.yaml',
    );
  });

  it('writes objects kubectl apply accepts: apiVersion, kind, metadata, spec; pods as Pods', () => {
    const docs = documents(exportKubernetesYaml(richSpec));
    const kinds = docs.map((d) => `${String(d.apiVersion)} ${String(d.kind)}`);
    expect(new Set(kinds)).toEqual(
      new Set([
        'v1 Namespace',
        'v1 Node',
        'v1 Pod',
        'v1 Service',
        'networking.k8s.io/v1 Ingress',
        'networking.k8s.io/v1 NetworkPolicy',
      ]),
    );
    // Namespaces first, so namespaced objects find theirs.
    expect(kinds.slice(0, 3)).toEqual(['v1 Namespace', 'v1 Namespace', 'v1 Namespace']);
    for (const d of docs) {
      expect(d.metadata).toMatchObject({ name: expect.any(String) });
      if (d.kind !== 'Namespace' && d.kind !== 'Node') expect(d.spec).toBeDefined();
    }
    const pod = docs.find((d) => d.kind === 'Pod') as {
      spec: { containers: { image?: string }[] };
    };
    for (const c of pod.spec.containers) expect(c.image).toEqual(expect.any(String));
  });

  const everySpec: [string, ClusterSpec][] = [
    ['the default scenario', defaultScenario.cluster],
    ['the rich spec', richSpec],
    ...GALLERY.map((g): [string, ClusterSpec] => [g.id, g.scenario.cluster]),
  ];
  it.each(everySpec)(
    'writes %s as objects that pass the Kubernetes OpenAPI schemas',
    (_name, spec) => {
      const models = { Namespace, Node, Pod, Service, Ingress, NetworkPolicy } as const;
      for (const doc of documents(exportKubernetesYaml(spec))) {
        const Model = models[doc.kind as keyof typeof models];
        expect(Model, String(doc.kind)).toBeDefined();
        // validate() throws with the failing field's path when the object breaks the schema.
        expect(() => new Model(doc as never).validate()).not.toThrow();
      }
    },
  );

  it('adds the Namespace objects that namespaced objects need, and an image when a container has none', () => {
    const spec: ClusterSpec = {
      settings: DEFAULT_SETTINGS,
      nodes: [{ name: 'n1' }],
      pods: [{ name: 'p', namespace: 'team-a', nodeName: 'n1', containers: [{ name: 'c' }] }],
      services: [],
    };
    const docs = documents(exportKubernetesYaml(spec));
    expect(docs[0]).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(docs.find((d) => d.kind === 'Pod')).toMatchObject({
      spec: { containers: [{ name: 'c', image: PLACEHOLDER_IMAGE }] },
    });
  });

  it('keeps the title comment on one line, whatever the title holds', () => {
    const yaml = exportKubernetesYaml(defaultScenario.cluster, {
      title: 'evil\nkind: Secret',
    });
    expect(yaml.split('\n')[0]).toBe(
      '# evil kind: Secret: exported by PodPath. Apply with: kubectl apply -f <file>',
    );
    expect(documents(yaml).some((d) => d.kind === 'Secret')).toBe(false);
  });
});
