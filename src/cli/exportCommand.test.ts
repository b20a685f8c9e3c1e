import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { restoreEnvelope, wrapScenario } from '../scenario/envelope.ts';
import { defaultScenario } from '../scenario/builtins/defaultScenario.ts';
import { exportManifests, importKubernetesYaml } from '../scenario/kubeYaml/index.ts';
import { main, type CliIo } from './main.ts';
import { workloadYaml } from '../scenario/testing/workloadYaml.ts';

const guestbook = readFileSync(
  new URL('../scenario/kubeYaml/fixtures/public/guestbook-all-in-one.yaml', import.meta.url),
  'utf8',
);

const FILES: Record<string, string> = {
  'guestbook.yaml': guestbook,
  'default.json': JSON.stringify(wrapScenario(defaultScenario)),
  // A field PodPath does not model, kept verbatim, that the Deployment schema refuses.
  'bad.yaml': workloadYaml({
    kind: 'Deployment',
    metadata: 'name: web',
    app: 'web',
    spec: ['minReadySeconds: soon'],
    pod: ['containers: [{name: web, image: nginx}]'],
  }),
};

async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (path) => {
      if (!(path in FILES)) throw new Error(`no test file ${path}`);
      return FILES[path];
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

const kinds = (yaml: string) =>
  parseAllDocuments(yaml).map((d) => (d.toJS() as { kind: string }).kind);

describe('podpath export', () => {
  it('writes manifests by default: the guestbook as its Deployments and Services', async () => {
    const r = await run('export', 'guestbook.yaml');
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toEqual([
      'Deployment',
      'Deployment',
      'Deployment',
      'Service',
      'Service',
      'Service',
    ]);
    expect(r.stdout.split('\n')[0]).toBe(
      '# guestbook: manifests exported by PodPath. Apply with: kubectl apply -f <file>',
    );
    // The same text the Export menu gives for the same scenario.
    const spec = importKubernetesYaml(guestbook).spec;
    expect(r.stdout).toBe(exportManifests(spec, { title: 'guestbook' }));
  });

  it('writes the cluster snapshot with nodes and node pins', async () => {
    const r = await run('export', 'guestbook.yaml', '--format', 'snapshot');
    expect(r.code).toBe(0);
    expect(kinds(r.stdout)).toContain('Node');
    expect(r.stdout).toContain('nodeName:');
    expect(r.stdout.split('\n')[0]).toMatch(/^# guestbook: cluster snapshot exported by PodPath/);
  });

  it('writes a scenario file that restores as the same scenario, layout and flow kept', async () => {
    const r = await run('export', 'default.json', '--format', 'scenario');
    expect(r.code).toBe(0);
    const restored = restoreEnvelope(JSON.parse(r.stdout));
    expect(restored.ok && restored.scenario).toEqual({
      title: defaultScenario.title,
      cluster: defaultScenario.cluster,
      layout: defaultScenario.layout,
      flow: defaultScenario.flow,
    });
  });

  it('refuses an unknown format and a missing file name as wrong usage', async () => {
    const bad = await run('export', 'guestbook.yaml', '--format', 'helm');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format must be manifests, snapshot, scenario, not "helm"');
    expect((await run('export')).stderr).toContain('missing FILE');
  });

  it('writes nothing when the manifests fail the Kubernetes OpenAPI schemas', async () => {
    const r = await run('export', 'bad.yaml');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('do not pass the Kubernetes OpenAPI schemas');
    expect(r.stderr).toMatch(/Deployment web: .*minReadySeconds must be integer/);
  });
});
