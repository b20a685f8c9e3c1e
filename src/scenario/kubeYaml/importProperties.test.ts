/**
 * Properties of the YAML importer on generated input (fast-check): Kubernetes objects with
 * values bent the way hostile or careless files bend them (names that are not names, ranges of
 * any size, ports out of range, keys named after Object.prototype members, unknown fields), as
 * well as mangled text. Any input ends within a budget in a scenario or in errors that each say
 * something; any scenario that comes in builds, and every trace in it has exactly one verdict.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/buildCluster.ts';
import { candidateProbes } from '../../engine/testing/arbitraries.ts';
import { probesWithoutOneVerdict } from '../../engine/testing/traceEnds.ts';
import { readImport } from '../readImport.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

const RUNS = Number(process.env.PODPATH_PROPERTY_RUNS ?? 150);
/** Not a speed target: a ceiling that only a hang or a walk over an address range reaches. */
const BUDGET_MS = 4000;

const prototypeWords = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];
const octet = fc.integer({ min: 0, max: 255 });
const ip = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const cidr = fc.oneof(
  fc.tuple(ip, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.constantFrom('0.0.0.0/0', '10.244.1.0/32', '10.96.0.0/29', 'not-a-cidr', ''),
);
/** The values a careless or hostile file bends, and the same values written as Kubernetes asks. */
interface Values {
  readonly name: fc.Arbitrary<string>;
  readonly labelKey: fc.Arbitrary<string>;
  readonly port: fc.Arbitrary<number>;
  readonly labelValue: fc.Arbitrary<string | number>;
  readonly serviceType: fc.Arbitrary<string>;
  /** Whether a workload's selector may miss its template's labels (the API server refuses it). */
  readonly looseSelectors: boolean;
  readonly minContainers: number;
}
const soundName = fc.oneof(
  fc.constantFrom('web', 'client', 'db', 'node-1', 'node-2', 'shop', 'constructor', 'valueof'),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,12}[a-z0-9]$/),
);
const SOUND: Values = {
  name: soundName,
  labelKey: fc.constantFrom('app', 'role', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'),
  port: fc.oneof(fc.constantFrom(80, 8080, 53, 443), fc.integer({ min: 1, max: 65_535 })),
  labelValue: fc.oneof(soundName, fc.nat()),
  serviceType: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer'),
  looseSelectors: false,
  minContainers: 1,
};
const BENT: Values = {
  name: fc.oneof(soundName, fc.constantFrom(...prototypeWords), fc.string({ maxLength: 20 })),
  labelKey: fc.oneof(SOUND.labelKey, fc.constant('__proto__'), fc.string({ maxLength: 12 })),
  port: fc.oneof(SOUND.port, fc.integer({ min: -5, max: 70_000 })),
  labelValue: fc.oneof(fc.string({ maxLength: 20 }), fc.integer()),
  serviceType: fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName', 'Weird'),
  looseSelectors: true,
  minContainers: 0,
};
/** Extra fields PodPath does not read (or reads when they are well formed). */
const extra = fc.dictionary(
  fc.oneof(
    fc.constantFrom(...prototypeWords, 'securityContext', 'nodeName', 'hostNetwork'),
    fc.string({ maxLength: 10 }),
  ),
  fc.jsonValue({ maxDepth: 2 }),
  { maxKeys: 3 },
);
/** One Kubernetes object of a kind PodPath reads (or of a kind it does not). */
function kubeObject(values: Values): fc.Arbitrary<Record<string, unknown>> {
  const { name, labelKey, port, labelValue, serviceType } = values;
  const labels = fc.dictionary(labelKey, labelValue, { maxKeys: 4 });
  const meta = fc.record(
    { name, namespace: fc.oneof(fc.constant('default'), name), labels },
    { requiredKeys: ['name'] },
  );
  const template = fc.record({
    metadata: fc.record({ labels }),
    spec: fc
      .tuple(
        fc.record(
          {
            nodeName: name,
            hostNetwork: fc.boolean(),
            containers: fc.array(
              fc.record({
                name,
                image: fc.constant('nginx'),
                ports: fc.array(
                  fc.record({ containerPort: port, name: fc.option(name, { nil: undefined }) }),
                  { maxLength: 2 },
                ),
              }),
              { minLength: values.minContainers, maxLength: 2 },
            ),
          },
          { requiredKeys: ['containers'] },
        ),
        extra,
      )
      .map(([s, e]) => ({ ...e, ...s })),
  });

  return fc.oneof(
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Node'),
      metadata: meta,
      spec: fc.record({ podCIDR: cidr }, { requiredKeys: [] }),
      status: fc.record({
        addresses: fc.array(fc.record({ type: fc.constant('InternalIP'), address: ip }), {
          maxLength: 1,
        }),
      }),
    }),
    fc.tuple(meta, template).map(([metadata, t]) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { ...metadata, labels: t.metadata.labels },
      spec: t.spec,
      status: { podIP: '10.244.1.5' },
    })),
    fc.record({
      apiVersion: fc.constant('apps/v1'),
      kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet'),
      metadata: meta,
      spec: fc
        .record({
          replicas: fc.integer({ min: values.looseSelectors ? -1 : 0, max: 40 }),
          matchLabels: labels,
          template,
        })
        .map(({ replicas, matchLabels, template: t }) => ({
          replicas,
          selector: { matchLabels: values.looseSelectors ? matchLabels : t.metadata.labels },
          template: t,
        })),
    }),
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.constant('Service'),
      metadata: meta,
      spec: fc.record(
        {
          type: serviceType,
          clusterIP: fc.oneof(ip, fc.constant('None')),
          selector: labels,
          externalName: name,
          ports: fc.array(
            fc.record(
              {
                port,
                targetPort: fc.oneof(port, name),
                nodePort: port,
                protocol: fc.constantFrom('TCP', 'UDP', 'SCTP', 'ICMP'),
              },
              { requiredKeys: ['port'] },
            ),
            { maxLength: 3 },
          ),
        },
        { requiredKeys: ['ports'] },
      ),
    }),
    fc.record({
      apiVersion: fc.constant('networking.k8s.io/v1'),
      kind: fc.constant('Ingress'),
      metadata: fc.tuple(meta, fc.boolean()).map(([m, regex]) => ({
        ...m,
        ...(regex ? { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } } : {}),
      })),
      spec: fc.record({
        rules: fc.array(
          fc.record({
            host: fc.oneof(fc.constant('shop.example.com'), name),
            http: fc.record({
              paths: fc.array(
                fc.record({
                  path: fc.oneof(
                    fc.constantFrom('/', '/api', '/(a+)+$', '/(x+x+)+y', '(', '/(a)\\1'),
                    fc.string({ maxLength: 12 }),
                  ),
                  pathType: fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific', 'Odd'),
                  backend: fc.record({
                    service: fc.record({ name, port: fc.record({ number: port }) }),
                  }),
                }),
                { maxLength: 2 },
              ),
            }),
          }),
          { maxLength: 2 },
        ),
      }),
    }),
    fc.record({
      apiVersion: fc.constant('networking.k8s.io/v1'),
      kind: fc.constant('NetworkPolicy'),
      metadata: meta,
      spec: fc.record({
        podSelector: fc.record({ matchLabels: labels }),
        policyTypes: fc.subarray(['Ingress', 'Egress']),
        ingress: fc.array(
          fc.record({
            from: fc.array(
              fc.oneof(
                fc.record({ podSelector: fc.record({ matchLabels: labels }) }),
                fc.record({
                  ipBlock: fc.record({ cidr, except: fc.array(cidr, { maxLength: 2 }) }),
                }),
              ),
              { maxLength: 2 },
            ),
            ports: fc.array(fc.record({ port }), { maxLength: 2 }),
          }),
          { maxLength: 2 },
        ),
      }),
    }),
    fc.record({
      apiVersion: fc.constant('v1'),
      kind: fc.oneof(
        fc.constantFrom('Namespace', 'ConfigMap', 'Secret', ...prototypeWords),
        fc.string({ maxLength: 12 }),
      ),
      metadata: meta,
      data: extra,
    }),
  );
}

const filesOf = (values: Values) =>
  fc
    .array(kubeObject(values), { minLength: 1, maxLength: 8 })
    .map((docs) => docs.map((d) => stringify(d)).join('---\n'));
const yamlText = filesOf(BENT);
const soundYaml = filesOf(SOUND);
/** The same files, mangled: cut, spliced or with characters thrown in. */
const mangled = fc
  .tuple(
    yamlText,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('', ':', '-', '&a', '*a', '{', '[', '"', '\t', '\u2028', '\n  '),
        fc.nat({ max: 8 }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((s, [at, insert, cut]) => {
      const p = at % (s.length + 1);
      return s.slice(0, p) + insert + s.slice(p + cut);
    }, text),
  );

describe('the YAML importer on generated files', () => {
  it('ends in a scenario or in errors that say something, within the budget', () => {
    fc.assert(
      fc.property(fc.oneof(yamlText, mangled, fc.string({ maxLength: 300 })), (text) => {
        const started = Date.now();
        const result = importKubernetesYaml(text);
        for (const e of result.errors) expect(e.message).toMatch(/\w/);
        for (const w of result.warnings) expect(w.message).not.toMatch(/undefined|\[object/);
        expect(Date.now() - started).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it('builds whatever it lets in, and every trace has exactly one verdict', () => {
    let opened = 0;
    fc.assert(
      fc.property(soundYaml, (text) => {
        const outcome = readImport(text, 'generated.yaml');
        if (!outcome.ok) {
          expect(outcome.message).toMatch(/\w/);
          return;
        }
        opened++;
        const started = Date.now();
        const model = buildCluster(outcome.document.cluster);
        expect(probesWithoutOneVerdict(model, candidateProbes(model).slice(0, 30), 3)).toEqual([]);
        expect(Date.now() - started).toBeLessThan(BUDGET_MS);
      }),
      { numRuns: RUNS },
    );
    // The generator must reach the engine, not only the refusals.
    expect(opened).toBeGreaterThan(RUNS / 4);
  }, 120_000);
});
