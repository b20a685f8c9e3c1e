import { describe, expect, it } from 'vitest';
import { defaultScenario } from './builtins/defaultScenario.ts';
import { wrapScenario } from './envelope.ts';
import { exportKubernetesYaml } from './kubeYaml/index.ts';
import { encodeShareFragment } from './shareLink.ts';
import { MAX_IMPORT_BYTES, readImport } from './readImport.ts';
import { workloadYaml } from './testing/workloadYaml.ts';

const YAML = `${workloadYaml({
  kind: 'Deployment',
  metadata: 'name: shop',
  app: 'shop',
  spec: ['replicas: 2'],
  pod: ['containers: [{ name: shop, image: nginx, ports: [{ containerPort: 8080 }] }]'],
})}---
apiVersion: v1
kind: Service
metadata: { name: shop }
spec:
  selector: { app: shop }
  ports: [{ port: 80, targetPort: 8080 }]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data: { a: b }
`;

describe('readImport', () => {
  it('reads Kubernetes YAML into a scenario to lay out, with what came in and what did not', () => {
    const outcome = readImport(YAML, 'shop.yaml');
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.document.title).toBe('Imported from shop');
    expect(outcome.document.layout).toEqual({});
    expect(outcome.document.flow).toBeUndefined();
    expect(outcome.report.kind).toBe('yaml');
    expect(outcome.report.imported).toEqual(
      expect.arrayContaining([
        { kind: 'Deployment', names: ['shop'] },
        { kind: 'Service', names: ['shop'] },
      ]),
    );
    const createdPods = outcome.report.created.find((g) => g.kind === 'Pod');
    expect(createdPods?.names).toHaveLength(2);
    expect(outcome.report.warnings.map((w) => w.message).join('\n')).toMatch(/ConfigMap/);
  });

  it('reads a scenario file, keeping its flow and hop', () => {
    const text = JSON.stringify(wrapScenario(defaultScenario, { hop: 4 }));
    const outcome = readImport(text, 'web.podpath.json');
    expect(outcome.ok && outcome.document).toEqual(defaultScenario);
    expect(outcome.ok && outcome.view).toEqual({ hop: 4 });
    expect(outcome.ok && outcome.report.kind).toBe('scenario');
  });

  it('reads a pasted share link, whole or only its fragment', () => {
    const fragment = encodeShareFragment(defaultScenario, { hop: 2 });
    for (const text of [`https://podpath.example/#${fragment}`, fragment, `  ${fragment}\n`]) {
      const outcome = readImport(text);
      expect(outcome.ok && outcome.report.kind).toBe('link');
      expect(outcome.ok && outcome.view).toEqual({ hop: 2 });
    }
  });

  it('round-trips its own YAML export', () => {
    const outcome = readImport(exportKubernetesYaml(defaultScenario.cluster));
    expect(outcome.ok && outcome.document.cluster.pods.map((p) => p.name)).toEqual([
      'client',
      'web-1',
      'web-2',
    ]);
  });

  it.each([
    ['empty text', '  \n', /nothing to import/],
    ['malformed YAML', 'kind: Pod\nmetadata: { name: [oops\n', /nothing was loaded/],
    ['YAML cut off mid-object', YAML.slice(0, 120), /nothing was loaded/],
    [
      'a hostile name',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: "<img src=x>"\nspec:\n  containers: [{ name: a, image: b }]\n',
      /nothing was loaded/,
    ],
    [
      'nothing PodPath shows',
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n',
      /No Kubernetes objects/,
    ],
    [
      'a truncated scenario file',
      JSON.stringify(wrapScenario(defaultScenario)).slice(0, 300),
      /not valid JSON/,
    ],
    [
      'a scenario from the future',
      JSON.stringify({ ...wrapScenario(defaultScenario), version: 7 }),
      /newer PodPath/,
    ],
    ['a damaged link', `${encodeShareFragment(defaultScenario).slice(0, 60)}`, /damaged/],
    ['binary data', 'PNG\u0000\u0001\u0002', /not a text file/],
  ])('refuses %s with a clear message', (_, text, message) => {
    const outcome = readImport(text);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect([outcome.message, ...outcome.details].join('\n')).toMatch(message);
  });

  it('refuses oversized input before parsing it', () => {
    const outcome = readImport(`# ${'x'.repeat(MAX_IMPORT_BYTES)}`);
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.message).toMatch(/too large/);
  });
});
