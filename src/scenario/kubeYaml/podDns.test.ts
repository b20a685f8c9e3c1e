/**
 * A pod's dnsPolicy and dnsConfig from Kubernetes YAML, kept through the schema and export,
 * with the API server's own refusals (core/v1 validation, validatePodDNSConfig): dnsPolicy None
 * needs a nameserver, at most 3 nameservers, each an IP address. The example is the one in
 * kubernetes.io "DNS for Services and Pods" (Pod's DNS Config).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster, resolveFromPod } from '../../engine/index.ts';
import { defaultScenario } from '../builtins/defaultScenario.ts';
import { validateScenario } from '../schema.ts';
import { exportKubernetesYaml } from './exportKubernetesYaml.ts';
import { importKubernetesYaml } from './importKubernetesYaml.ts';

const podYaml = (spec: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: dns-example, namespace: default}\nspec:\n  containers: [{name: test, image: nginx}]\n${spec}`;

const DOCS_EXAMPLE = podYaml(`  dnsPolicy: "None"
  dnsConfig:
    nameservers: [192.0.2.1]
    searches: [ns1.svc.cluster-domain.example, my.dns.search.suffix]
    options:
      - name: ndots
        value: "2"
      - name: edns0
`);

describe('a pod’s DNS settings from YAML', () => {
  it('reads the docs’ dnsConfig example and the pod resolves with it', () => {
    const r = importKubernetesYaml(DOCS_EXAMPLE);
    expect(r.errors).toEqual([]);
    const pod = r.spec.pods[0];
    expect(pod.dnsPolicy).toBe('None');
    expect(pod.dnsConfig).toEqual({
      nameservers: ['192.0.2.1'],
      searches: ['ns1.svc.cluster-domain.example', 'my.dns.search.suffix'],
      options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }],
    });
    const model = buildCluster(r.spec);
    const from = model.pods.find((p) => p.name === 'dns-example');
    if (!from) throw new Error('pod missing');
    const result = resolveFromPod(model, from, 'kubernetes.default');
    expect([result.rcode, result.nameserver]).toEqual(['NXDOMAIN', '192.0.2.1']);
  });

  it('keeps them through export and back', () => {
    const first = importKubernetesYaml(DOCS_EXAMPLE).spec;
    const again = importKubernetesYaml(exportKubernetesYaml(first));
    expect(again.spec.pods[0].dnsPolicy).toBe('None');
    expect(again.spec.pods[0].dnsConfig).toEqual(first.pods[0].dnsConfig);
  });

  it.each([
    ['None without a nameserver', '  dnsPolicy: None\n', /at least one nameserver/],
    ['an unknown policy', '  dnsPolicy: ClusterOnly\n', /not one of ClusterFirst/],
    [
      'a nameserver that is not an address',
      '  dnsConfig: {nameservers: [dns.example]}\n',
      /not an IPv4 address/,
    ],
    [
      'four nameservers',
      '  dnsConfig: {nameservers: [1.1.1.1, 1.0.0.1, 8.8.8.8, 8.8.4.4]}\n',
      /more than 3/,
    ],
  ])('refuses %s', (_what, spec, message) => {
    const r = importKubernetesYaml(podYaml(spec));
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(message);
  });

  it('the schema refuses dnsPolicy None without a nameserver in a link or file', () => {
    const base = defaultScenario;
    const [first, ...others] = base.cluster.pods;
    const result = validateScenario(
      JSON.parse(
        JSON.stringify({
          ...base,
          cluster: { ...base.cluster, pods: [{ ...first, dnsPolicy: 'None' }, ...others] },
        }),
      ),
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.message).join('\n')).toMatch(/at least one nameserver/);
  });
});
