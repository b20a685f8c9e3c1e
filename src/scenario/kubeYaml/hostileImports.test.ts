/**
 * Imported files come from strangers. Each case here was found to stall or confuse the import:
 * the line-reading of kube-proxy's and kubeadm's embedded configuration took quadratic time on
 * long runs of whitespace, making up a node for each of 20,000 pods was quadratic and checked the
 * node limit only afterwards, and a node pod range of 0.0.0.0/0 was refused with a message about
 * a setting the person never wrote.
 */
import { describe, expect, it } from 'vitest';
import { podsOnOwnNodes } from '../fixtures/hostileCorpus.ts';
import { validateScenario } from '../schema.ts';
import { field } from './inferSettings.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';
import { workloadYaml } from '../testing/workloadYaml.ts';

const proxyConfigMap = (conf: string) => `apiVersion: v1
kind: ConfigMap
metadata: {name: kube-proxy, namespace: kube-system}
data:
  config.conf: ${JSON.stringify(conf)}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec: {containers: [{name: app, image: nginx}]}`;

describe('embedded configuration is read in linear time', () => {
  it.each([
    ['100,000 blank lines before the field', `${'\n'.repeat(100_000)}mode: ipvs`, 'ipvs'],
    ['100,000 spaces inside a line', `mode:${' '.repeat(100_000)}x y\nmode: nftables`, 'nftables'],
    ['a comment and quotes', `kind: KubeProxyConfiguration\nmode: "ipvs" # from kubeadm`, 'ipvs'],
    ['the empty mode (iptables)', `mode: ""\n`, ''],
  ])('%s', (_name, text, mode) => {
    expect(field(text, 'mode')).toBe(mode);
  });

  it('a kube-proxy ConfigMap with a long run of whitespace imports with its mode', () => {
    const r = importKubernetesYaml(proxyConfigMap(`${' \n'.repeat(60_000)}mode: ipvs`));
    expect(r.errors).toEqual([]);
    expect(r.spec.settings.proxyMode).toBe('ipvs');
  });
});

describe('nodes the pods name', () => {
  it('past the node limit are refused before any is made up, in words a person can act on', () => {
    const r = importKubernetesYaml(podsOnOwnNodes(600));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toContain('name 600 nodes');
    expect(r.errors[0].message).toContain('at most 200 nodes');
  }, 20_000);

  it('within the limit are made, one per name', () => {
    const r = importKubernetesYaml(podsOnOwnNodes(150));
    expect(r.errors).toEqual([]);
    expect(r.spec.nodes).toHaveLength(150);
  });
});

describe('a node pod range the engine cannot use', () => {
  it('imports, and the settings the person never wrote stay valid', () => {
    const r = importKubernetesYaml(`apiVersion: v1
kind: Node
metadata: {name: wide}
spec: {podCIDR: 0.0.0.0/0}
---
apiVersion: v1
kind: Node
metadata: {name: plain}`);
    expect(r.errors).toEqual([]);
    const checked = validateScenario({ title: 't', cluster: r.spec, layout: {} });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });
});

describe('the pod limit', () => {
  it('says that nothing was imported rather than "imported the first"', () => {
    const r = importKubernetesYaml(
      workloadYaml({
        kind: 'Deployment',
        metadata: 'name: big',
        app: 'big',
        spec: ['replicas: 50'],
        pod: ['containers: [{name: a, image: x}]'],
      }),
      { maxPods: 10 },
    );
    expect(r.errors.map((e) => e.message).join()).not.toContain('imported the first');
    expect(r.errors[0].message).toContain('at most 10');
  });
});

describe('names of Object.prototype members are ordinary names', () => {
  const members = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'];

  it.each(members)('a kind and a field named %s give a real warning, not "undefined"', (m) => {
    const r = importKubernetesYaml(`apiVersion: v1
kind: ${m}
metadata: {name: x}
---
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  ${m}: 1
  containers: [{name: app, image: nginx}]`);
    const text = r.warnings.map((w) => w.message).join('\n');
    expect(text).not.toContain('undefined');
    expect(text).toContain(`spec.${m}`);
    expect(text).toContain('does not know this kind');
  });
});

describe('a file with a great many unknown fields', () => {
  it('lists a bounded number of findings and counts the rest', () => {
    const fields = Array.from({ length: 2_000 }, (_, i) => `  f${i}: 1`).join('\n');
    const r = importKubernetesYaml(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: x}]\n${fields}`,
    );
    expect(r.warnings.length).toBeLessThanOrEqual(201);
    const last = r.warnings.at(-1)!;
    expect(last.message).toMatch(/1,8\d\d more findings/);
    expect(r.spec.pods).toHaveLength(1);
  });
});
