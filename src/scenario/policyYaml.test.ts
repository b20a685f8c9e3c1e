import { describe, expect, it } from 'vitest';
import type { NetworkPolicySpec } from '../engine/spec.ts';
import { parsePolicyYaml, policyToYaml } from './policyYaml.ts';

const rich: NetworkPolicySpec = {
  name: 'rich',
  namespace: 'shop',
  podSelector: {
    matchLabels: { role: 'db' },
    matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['test'] }],
  },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        { podSelector: { matchLabels: { role: 'frontend' } } },
        {
          namespaceSelector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] },
          podSelector: {},
        },
        { ipBlock: { cidr: '203.0.113.0/24', except: ['203.0.113.8/29'] } },
      ],
      ports: [
        { protocol: 'TCP', port: 6379 },
        { protocol: 'TCP', port: 'metrics' },
        { protocol: 'UDP', port: 8000, endPort: 8100 },
      ],
    },
  ],
  egress: [{}],
};

describe('one NetworkPolicy as YAML', () => {
  it('goes out and comes back the same', () => {
    const text = policyToYaml(rich);
    expect(text).toMatch(/^apiVersion: networking.k8s.io\/v1\nkind: NetworkPolicy\n/);
    expect(text).not.toMatch(/kind: Namespace/);
    expect(parsePolicyYaml(text)).toEqual({ ok: true, policy: rich, notes: [] });
  });

  it('reads the default namespace as no namespace', () => {
    const result = parsePolicyYaml(policyToYaml({ ...rich, namespace: undefined }));
    expect(result.ok && result.policy.namespace).toBeUndefined();
  });

  it('points a syntax error at its line', () => {
    const text = policyToYaml(rich).replace('  podSelector:\n', '  podSelector: {\n');
    const result = parsePolicyYaml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // The parser notices a little after the brace that opened the problem.
    expect(result.errors[0].line).toBeGreaterThanOrEqual(7);
    expect(result.errors[0].message).toMatch(/YAML syntax error/);
  });

  it('points a field the importer refuses at its own line', () => {
    const text = policyToYaml(rich).replace('port: 6379', 'port: 99999');
    const lines = text.split('\n');
    const result = parsePolicyYaml(text);
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          line: lines.findIndex((l) => l.includes('99999')) + 1,
          message: 'spec.ingress[0].ports[0].port: 99999 is outside 1-65535.',
        },
      ],
    });
  });

  it('points an unknown field at its key', () => {
    const text = policyToYaml(rich).replace('policyTypes:', 'policyTipes:');
    const result = parsePolicyYaml(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].line).toBe(text.split('\n').findIndex((l) => l.includes('Tipes')) + 1);
    expect(result.errors[0].message).toMatch(/^spec.policyTipes: /);
  });

  it.each([
    ['', /empty/],
    [
      'kind: Service\napiVersion: v1\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}',
      /also holds Service a/,
    ],
    [
      `${policyToYaml(rich)}---\n${policyToYaml({ ...rich, name: 'other' })}`,
      /holds 2 NetworkPolicies/,
    ],
  ])('refuses anything but one NetworkPolicy: %#', (text, message) => {
    const result = parsePolicyYaml(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(message);
  });

  // Keys are looked up as own properties only (Object.hasOwn), so the names of Object.prototype
  // members are fields like any other: the editor says what is wrong instead of throwing.
  it.each(['constructor', 'toString', '__proto__', 'valueOf'])(
    'a field named %s is an unknown field, named on its line',
    (key) => {
      const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: default}
spec:
  podSelector: {}
  ${key}: 1
`;
      const result = parsePolicyYaml(text);
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.errors[0]).toEqual({
          line: 6,
          message: `spec.${key}: PodPath does not know this field.`,
        });
      }
    },
  );
});
