import { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { Namespace, Node, Pod, Service } from 'kubernetes-models/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { DEFAULT_SETTINGS, type ClusterSpec } from '../../engine/spec.ts';
import { defaultScenario } from '../builtins/defaultScenario.ts';
import { GALLERY } from '../builtins/gallery.ts';
import { isL7Kind } from './l7Objects.ts';
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
        'networking.k8s.io/v1 IngressClass',
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
      const models = {
        Namespace,
        Node,
        Pod,
        Service,
        Ingress,
        IngressClass,
        NetworkPolicy,
      } as const;
      for (const doc of documents(exportKubernetesYaml(spec))) {
        // CRD kinds (Gateway API, Cilium) have no OpenAPI model here; l7Objects.test.ts reads them back.
        if (isL7Kind(String(doc.kind))) continue;
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
    expect(yaml.split('\n')[0]).toMatch(
      /^# evil kind: Secret: cluster snapshot exported by PodPath, to import into PodPath again\./,
    );
    expect(documents(yaml).some((d) => d.kind === 'Secret')).toBe(false);
  });

  it('writes the description as one comment line under the title, and no object from it', () => {
    const yaml = exportKubernetesYaml(defaultScenario.cluster, {
      title: 'Week 3',
      description: 'Two web pods.\n---\nkind: Secret\u2028metadata: {name: x}',
    });
    const lines = yaml.split('\n');
    expect(lines[0]).toMatch(/^# Week 3: cluster snapshot/);
    expect(lines[1]).toBe('# Two web pods. --- kind: Secret metadata: {name: x}');
    expect(documents(yaml).some((d) => d.kind === 'Secret')).toBe(false);
    expect(
      exportKubernetesYaml(defaultScenario.cluster, { title: 'Week 3' }).split('\n')[1],
    ).toMatch(/^# podpath:settings /);
  });

  describe('no line break a YAML 1.1 parser sees (kubectl reads YAML with go-yaml)', () => {
    // YAML 1.1 section 5.4 and go-yaml's scanner (yamlprivateh.go is_break) break lines at
    // \r, \n, NEL, LS and PS; the `yaml` package (YAML 1.2) only at \r and \n. No JavaScript
    // parser reads 1.1 line breaks, so this reads the text the way go-yaml's scanner splits it.
    const readAsYaml11 = (yaml: string) =>
      documents(yaml.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n'));
    const smuggled = 'kind: Pod\nmetadata: {name: evil}\nspec: {hostNetwork: true}';
    const breaks = ['\u0085', '\u2028', '\u2029', '\r', '\n'];

    it.each(breaks.map((b) => [JSON.stringify(b), b]))(
      'a title holding %s stays one comment line',
      (_name, br) => {
        const title = `Shop${br}${smuggled.replace(/\n/g, br)}`;
        const yaml = exportKubernetesYaml(defaultScenario.cluster, { title });
        expect(yaml).not.toMatch(/[\u0085\u2028\u2029\r]/);
        expect(readAsYaml11(yaml)).toEqual(documents(yaml));
        expect(
          readAsYaml11(yaml).some((d) => (d.metadata as { name?: string })?.name === 'evil'),
        ).toBe(false);
      },
    );

    it.each(breaks.map((b) => [JSON.stringify(b), b]))(
      'values holding %s are escaped and read back the same by both versions',
      (_name, br) => {
        const text = `x${br}${smuggled.replace(/\n/g, br)}`;
        const spec: ClusterSpec = {
          ...defaultScenario.cluster,
          settings: { ...defaultScenario.cluster.settings, clusterDomain: text },
          ingresses: [
            {
              name: 'web',
              annotations: { 'example.com/note': text },
              rules: [
                {
                  paths: [
                    { path: `/a${br}b`, pathType: 'Prefix', backend: { service: 'web', port: 80 } },
                  ],
                },
              ],
            },
          ],
        };
        const yaml = exportKubernetesYaml(spec);
        expect(yaml).not.toMatch(/[\u0085\u2028\u2029\r]/);
        const docs11 = readAsYaml11(yaml);
        expect(docs11).toEqual(documents(yaml));
        expect(docs11.filter((d) => d.kind === 'Pod')).toHaveLength(
          defaultScenario.cluster.pods.length,
        );
        const ing = docs11.find((d) => d.kind === 'Ingress') as {
          metadata: { annotations: Record<string, string> };
        };
        expect(ing.metadata.annotations['example.com/note']).toBe(text);
        expect(importKubernetesYaml(yaml).spec.settings.clusterDomain).toBe(text);
      },
    );
  });
});
