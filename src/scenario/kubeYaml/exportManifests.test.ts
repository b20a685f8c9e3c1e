import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ClusterSpec } from '../../engine/spec.ts';
import { defaultScenario } from '../builtins/defaultScenario.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { exportManifests, toManifestObjects } from './exportManifests.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';
import { validateManifests } from './validateManifests.ts';

const FIXTURES = [
  'guestbook-all-in-one.yaml',
  'mysql-statefulset.yaml',
  'tls-example-ingress.yaml',
  'networkpolicy.yaml',
] as const;

const read = (name: string) =>
  readFileSync(new URL(`./fixtures/public/${name}`, import.meta.url), 'utf8');

function load(text: string): ClusterSpec {
  const r = importKubernetesYaml(text);
  expect(r.errors).toEqual([]);
  return r.spec;
}

function withoutSources(spec: ClusterSpec): ClusterSpec {
  return Object.fromEntries(
    Object.entries(spec).filter(([k]) => k !== 'sourceObjects'),
  ) as unknown as ClusterSpec;
}

function documents(yaml: string): Record<string, unknown>[] {
  return parseAllDocuments(yaml).map((d) => d.toJS() as Record<string, unknown>);
}

describe('exportManifests on public manifests', () => {
  it.each(FIXTURES)('%s: import, export, import gives the same scenario', (name) => {
    const first = load(read(name));
    const again = load(exportManifests(first));
    expect(withoutSources(again)).toEqual(withoutSources(first));
  });

  it.each(FIXTURES)('%s: the export of an import of an export is the same text', (name) => {
    const text = exportManifests(load(read(name)), { title: name });
    expect(exportManifests(load(text), { title: name })).toBe(text);
  });

  it.each(FIXTURES)('%s: every object passes the Kubernetes OpenAPI schemas', async (name) => {
    const objects = toManifestObjects(load(read(name)));
    expect(objects.length).toBeGreaterThan(0);
    expect(await validateManifests(objects)).toEqual([]);
  });

  it.each(FIXTURES)('%s: the cluster snapshot re-imports as the same scenario', (name) => {
    const spec = load(read(name));
    expect(load(exportKubernetesYaml(spec))).toEqual(spec);
  });

  it('gives the guestbook back as its Deployments, with fields PodPath does not model', () => {
    const docs = documents(exportManifests(load(read('guestbook-all-in-one.yaml'))));
    const kinds = docs.map(
      (d) => `${String(d.kind)}/${String((d.metadata as { name: string }).name)}`,
    );
    expect(kinds).toEqual([
      'Deployment/redis-master',
      'Deployment/redis-replica',
      'Deployment/frontend',
      'Service/redis-master',
      'Service/redis-replica',
      'Service/frontend',
    ]);
    const frontend = docs.find(
      (d) => d.kind === 'Deployment' && (d.metadata as { name: string }).name === 'frontend',
    )!;
    expect(frontend.spec).toEqual({
      selector: { matchLabels: { app: 'guestbook', tier: 'frontend' } },
      replicas: 3,
      template: {
        metadata: { labels: { app: 'guestbook', tier: 'frontend' } },
        spec: {
          containers: [
            {
              name: 'php-redis',
              image: 'gcr.io/google-samples/gb-frontend:v4',
              resources: { requests: { cpu: '100m', memory: '100Mi' } },
              env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
              ports: [{ containerPort: 80 }],
            },
          ],
        },
      },
    });
    const service = docs.find(
      (d) => d.kind === 'Service' && (d.metadata as { name: string }).name === 'frontend',
    )!;
    expect(service.metadata).toEqual({
      name: 'frontend',
      labels: { app: 'guestbook', tier: 'frontend' },
    });
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/nodeName|podIP|"status"|"Node"|podpath\.dev/);
  });

  it('keeps the StatefulSet whole: serviceName, init containers, probes, volume claims', () => {
    const text = exportManifests(load(read('mysql-statefulset.yaml')));
    // The init scripts stay literal blocks, as written, not one quoted line.
    expect(text).toMatch(/ - \|\n +set -ex\n +# Generate mysql server-id/);
    const docs = documents(text);
    const sts = docs.find((d) => d.kind === 'StatefulSet')!;
    const source = documents(read('mysql-statefulset.yaml')).find((d) => d.kind === 'StatefulSet')!;
    expect(sts.spec).toEqual(source.spec);
    expect(docs.some((d) => d.kind === 'Pod')).toBe(false);
    const headless = docs.find(
      (d) => (d.metadata as { name: string }).name === 'mysql' && d.kind === 'Service',
    )!;
    expect((headless.spec as { clusterIP: string }).clusterIP).toBe('None');
  });
});

describe('exportManifests', () => {
  it('writes pods made as a Deployment as that Deployment, without node pins', () => {
    const docs = documents(exportManifests(defaultScenario.cluster));
    const web = docs.find((d) => d.kind === 'Deployment')!;
    expect(web.metadata).toEqual({ name: 'web' });
    expect((web.spec as { replicas: number }).replicas).toBe(
      defaultScenario.cluster.pods.filter((p) => p.ownerRef === 'Deployment/web').length,
    );
    expect(
      docs.filter((d) => d.kind === 'Pod').map((d) => (d.metadata as { name: string }).name),
    ).toEqual(['client']);
    expect(JSON.stringify(docs)).not.toMatch(/nodeName|"Node"/);
  });

  it('opens a file whose objects are too large to keep verbatim, and says the export is rebuilt', () => {
    const big = 'x'.repeat(2_200_000);
    const text = `apiVersion: v1\nkind: Pod\nmetadata: {name: web, labels: {app: web}}\nspec:\n  containers: [{name: app, image: nginx}]\n  extra: ${big}`;
    const result = importKubernetesYaml(text);
    expect(result.errors).toEqual([]);
    expect(result.spec.sourceObjects).toBeUndefined();
    expect(result.warnings.map((w) => `${w.what} ${w.why}`).join('\n')).toMatch(
      /too large to keep verbatim/,
    );
    const web = documents(exportManifests(result.spec)).find((d) => d.kind === 'Pod')!;
    expect(web.metadata).toMatchObject({ name: 'web', labels: { app: 'web' } });
  });

  it('keeps a cloud load balancer annotation and adds PodPath’s only where it says something else', () => {
    // The AWS Load Balancer Controller's NLB annotations, as in the manifest.
    const nlb = 'service.beta.kubernetes.io/aws-load-balancer';
    const yaml = JSON.stringify({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'web',
        annotations: {
          [`${nlb}-type`]: 'external',
          [`${nlb}-nlb-target-type`]: 'ip',
          [`${nlb}-scheme`]: 'internet-facing',
        },
      },
      spec: {
        type: 'LoadBalancer',
        selector: { app: 'web' },
        ports: [{ port: 80, targetPort: 8080 }],
      },
    });
    const spec = load(yaml);
    expect(spec.services[0].loadBalancerMode).toBe('ip');
    const [svc] = documents(exportManifests(spec));
    const annotations = (svc.metadata as { annotations: Record<string, string> }).annotations;
    expect(annotations).toEqual({
      'service.beta.kubernetes.io/aws-load-balancer-type': 'external',
      'service.beta.kubernetes.io/aws-load-balancer-nlb-target-type': 'ip',
      'service.beta.kubernetes.io/aws-load-balancer-scheme': 'internet-facing',
    });
    const changed = {
      ...spec,
      services: [{ ...spec.services[0], loadBalancerMode: 'nodeport' as const }],
    };
    const [svc2] = documents(exportManifests(changed));
    expect((svc2.metadata as { annotations: Record<string, string> }).annotations).toMatchObject({
      'podpath.dev/load-balancer-mode': 'nodeport',
    });
    expect(load(exportManifests(changed)).services[0].loadBalancerMode).toBe('nodeport');
  });

  it('lays an edit over the source: a removed container port goes, the rest stays', () => {
    const spec = load(read('guestbook-all-in-one.yaml'));
    const edited: ClusterSpec = {
      ...spec,
      pods: spec.pods.map((p) =>
        p.ownerRef === 'Deployment/frontend'
          ? {
              ...p,
              containers: p.containers.map((c) => ({ ...c, image: 'nginx:1.27', ports: [] })),
            }
          : p,
      ),
    };
    const docs = documents(exportManifests(edited));
    const frontend = docs.find(
      (d) => d.kind === 'Deployment' && (d.metadata as { name: string }).name === 'frontend',
    )!;
    const [container] = (
      frontend.spec as { template: { spec: { containers: Record<string, unknown>[] } } }
    ).template.spec.containers;
    expect(container).toEqual({
      name: 'php-redis',
      image: 'nginx:1.27',
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      env: [{ name: 'GET_HOSTS_FROM', value: 'dns' }],
      ports: [],
    });
  });
});

describe('validateManifests', () => {
  it('names the object and the field a schema refuses', async () => {
    const problems = await validateManifests([
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'web' },
        spec: { replicas: 'two', selector: {}, template: {} },
      },
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0].object).toBe('Deployment web');
    expect(problems[0].message).toMatch(/replicas must be integer/);
  });
});
