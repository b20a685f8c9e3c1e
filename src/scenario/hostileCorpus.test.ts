/**
 * The hostile inputs of the audit, read through the same reader as the Import dialog and the
 * address bar: each one settles within a budget, as a scenario that builds and traces (every
 * trace with exactly one verdict) or as a refusal in plain words. Any opened scenario exports
 * YAML that a YAML 1.1 reader (go-yaml, behind kubectl) splits into the same objects.
 */
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../engine/cluster/buildCluster.ts';
import type { ClusterModel } from '../engine/model.ts';
import { candidateProbes } from '../engine/testing/arbitraries.ts';
import { probesWithoutOneVerdict } from '../engine/testing/traceEnds.ts';
import type { Probe } from '../engine/trace.ts';
import { HOSTILE_INPUTS } from './fixtures/hostileCorpus.ts';
import { exportKubernetesYaml } from './kubeYaml/index.ts';
import { readImport } from './readImport.ts';

/** Not a speed target: a ceiling that only a hang, a range walk or a quadratic pass reaches. */
const BUDGET_MS = 30_000;

/** Probes over a few pods: every pair of 10,000 pods would be a hundred million. */
const someProbes = (model: ClusterModel) =>
  candidateProbes({ ...model, pods: model.pods.slice(0, 8) }).slice(0, 20);

/** Whether any object in the value reads `polluted`, own or inherited. */
const readsPolluted = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  ((value as Record<string, unknown>).polluted !== undefined ||
    Object.values(value).some(readsPolluted));

/** go-yaml's scanner breaks lines at \r, \n, NEL, LS and PS (yamlprivateh.go is_break). */
const podsAsYaml11Reads = (yaml: string) =>
  parseAllDocuments(yaml.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n'))
    .map((d) => d.toJS() as { kind?: string } | null)
    .filter((d) => d?.kind === 'Pod').length;

describe('hostile inputs from the audit', () => {
  it.each(HOSTILE_INPUTS.map((h) => [h.name, h] as const))(
    '%s',
    (_name, input) => {
      const text = input.text();
      const started = Date.now();
      const outcome = readImport(text, input.kind === 'yaml' ? 'hostile.yaml' : undefined);
      if (input.outcome !== 'opens') {
        expect(outcome.ok).toBe(false);
        if (outcome.ok) return;
        const said = [outcome.message, ...outcome.details].join('\n');
        expect(said).toMatch(input.outcome);
        expect(said).not.toMatch(/undefined|\[object|received|expected (string|number|object)/);
        expect(Date.now() - started).toBeLessThan(BUDGET_MS);
        return;
      }
      expect(outcome.ok ? [] : [outcome.message, ...outcome.details]).toEqual([]);
      if (!outcome.ok) return;
      expect(outcome.report.warnings.map((w) => w.message).join('\n')).not.toMatch(
        /undefined|\[object/,
      );
      expect(outcome.report.warnings.length).toBeLessThanOrEqual(201);
      const { document } = outcome;
      expect(readsPolluted(document)).toBe(false);
      const model = buildCluster(document.cluster);
      const said = model.diagnostics.map((d) => d.message).join('\n');
      if (input.diagnostic) expect(said).toMatch(input.diagnostic);
      expect(said).not.toMatch(/undefined|\[object|NaN/);
      const probes: Probe[] = [
        ...(document.flow ? [document.flow as Probe] : []),
        ...someProbes(model),
      ];
      // A flow naming what the cluster lacks is refused with its own message (a ProbeError).
      expect(probesWithoutOneVerdict(model, probes, 1)).toEqual([]);
      expect(Date.now() - started).toBeLessThan(BUDGET_MS);
      if (document.cluster.pods.length <= 100) {
        const yaml = exportKubernetesYaml(document.cluster, { title: document.title });
        expect(podsAsYaml11Reads(yaml)).toBe(document.cluster.pods.length);
      }
    },
    90_000,
  );

  it('no input reached Object.prototype', () => {
    for (const input of HOSTILE_INPUTS.filter(
      (h) => h.kind !== 'yaml' || h.name.includes('Object'),
    ))
      readImport(input.text());
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
  }, 90_000);
});
