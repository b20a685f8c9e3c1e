/**
 * Cilium's policies, case by case from its documentation: docs.cilium.io "Policy Language"
 * (Endpoints Based, Entities Based, IP/CIDR based, DNS based, Layer 7 Examples), "Policy
 * Enforcement Modes" (default deny once selected), "Deny Policies" (deny wins), "Layer 7
 * Policies" (a rule without L7 makes a similar L7 rule moot; 403 from the proxy).
 */
import { describe, expect, it } from 'vitest';
import type { Ipv4 } from '../net.ts';
import { parseHttpUrl } from '../gateway/httpRequest.ts';
import type { CiliumPolicySpec } from './ciliumSpec.ts';
import {
  evaluateCiliumPolicy,
  type CiliumDirection,
  type CiliumEndpoint,
  type CiliumPeer,
} from './ciliumPolicy.ts';
import { dnsRuleMatches, evaluateHttpRules } from './l7Rules.ts';
import { ciliumIngress, starWarsRule1 } from '../testing/ciliumPolicies.ts';

const ip = (s: string) => s as Ipv4;
const deathstar = { namespace: 'default', labels: { org: 'empire', class: 'deathstar' } };
const tiefighter: CiliumPeer = {
  kind: 'endpoint',
  ip: ip('10.0.1.5'),
  endpoint: { namespace: 'default', labels: { org: 'empire', class: 'tiefighter' } },
};
const xwing: CiliumPeer = {
  kind: 'endpoint',
  ip: ip('10.0.1.6'),
  endpoint: { namespace: 'default', labels: { org: 'alliance', class: 'xwing' } },
};
const world = (policies: CiliumPolicySpec[], ns: Record<string, Record<string, string>> = {}) => ({
  policies,
  namespaceLabels: (n: string) => ns[n] ?? {},
});
/** Whether the policies allow a TCP connection between the endpoint and the peer. */
const allows = (
  policies: CiliumPolicySpec[],
  subject: CiliumEndpoint,
  direction: CiliumDirection,
  peer: CiliumPeer,
  port: number,
) => evaluateCiliumPolicy(world(policies), subject, direction, peer, port, 'TCP').allowed;

// "Layer 7 Examples": the Star Wars demo's rule1 (cilium/cilium examples/minikube/sw_l3_l4_l7_policy.yaml)
const rule1 = starWarsRule1;

describe('endpoints, default deny and L7 (Star Wars demo)', () => {
  it('the empire may connect on 80, through the L7 rules; the alliance may not connect at all', () => {
    const v = evaluateCiliumPolicy(world([rule1]), deathstar, 'Ingress', tiefighter, 80, 'TCP');
    expect(v).toMatchObject({ enforced: true, allowed: true });
    expect(v.httpRules?.map((h) => h.rule)).toEqual([
      { method: 'POST', path: '/v1/request-landing' },
    ]);
    expect(allows([rule1], deathstar, 'Ingress', xwing, 80)).toBe(false);
    expect(allows([rule1], deathstar, 'Ingress', tiefighter, 443)).toBe(false);
  });

  it.each([
    ['POST', '/v1/request-landing', true],
    ['PUT', '/v1/exhaust-port', false],
    ['GET', '/v1/request-landing', false],
    // paths are regular expressions over the whole path
    ['POST', '/v1/request-landing/extra', false],
  ])('%s %s allowed: %s (a denied request gets 403 from the proxy)', (method, path, ok) => {
    const v = evaluateCiliumPolicy(world([rule1]), deathstar, 'Ingress', tiefighter, 80, 'TCP');
    const req = parseHttpUrl(`http://deathstar${path}`, method)!;
    expect(
      evaluateHttpRules(
        v.httpRules!.map((h) => h.rule),
        req,
      ).allowed,
    ).toBe(ok);
  });

  it('regular expressions, header presence and value', () => {
    const rules = [{ method: 'GET', path: '/public/.*' }, { headers: ['X-My-Header: true'] }];
    const at = (path: string, headers: { name: string; value: string }[] = []) =>
      evaluateHttpRules(rules, parseHttpUrl(`http://svc${path}`, 'GET', headers)!).allowed;
    expect(at('/public/a')).toBe(true);
    expect(at('/private')).toBe(false);
    expect(at('/private', [{ name: 'x-my-header', value: 'true' }])).toBe(true);
    expect(at('/private', [{ name: 'X-My-Header', value: 'false' }])).toBe(false);
  });

  it('a pod no policy selects is not enforced; a policy without ingress rules leaves ingress open', () => {
    expect(
      evaluateCiliumPolicy(
        world([rule1]),
        { namespace: 'default', labels: { class: 'x' } },
        'Ingress',
        xwing,
        80,
        'TCP',
      ).enforced,
    ).toBe(false);
    const egressOnly: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'e',
      endpointSelector: {},
      egress: [{ toEntities: ['world'] }],
    };
    expect(
      evaluateCiliumPolicy(world([egressOnly]), deathstar, 'Ingress', xwing, 80, 'TCP').enforced,
    ).toBe(false);
    expect(
      evaluateCiliumPolicy(world([egressOnly]), deathstar, 'Egress', xwing, 80, 'TCP'),
    ).toMatchObject({ enforced: true, allowed: false });
  });

  it('"If a layer 4 rule is specified ... the layer 7 portions of the latter rule will have no effect"', () => {
    const l4 = ciliumIngress('l4', { class: 'deathstar' }, { org: 'empire' }, '80');
    const v = evaluateCiliumPolicy(world([rule1, l4]), deathstar, 'Ingress', tiefighter, 80, 'TCP');
    expect(v.allowed).toBe(true);
    expect(v.httpRules).toBeUndefined();
  });
});

describe('namespaces, entities, CIDRs, deny', () => {
  it('a CiliumNetworkPolicy’s fromEndpoints means its own namespace unless it names one', () => {
    const p: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'p',
      namespace: 'prod',
      endpointSelector: {},
      ingress: [{ fromEndpoints: [{}] }],
    };
    const subject = { namespace: 'prod', labels: {} };
    const from = (ns: string): CiliumPeer => ({
      kind: 'endpoint',
      ip: ip('10.0.0.9'),
      endpoint: { namespace: ns, labels: {} },
    });
    expect(allows([p], subject, 'Ingress', from('prod'), 80)).toBe(true);
    expect(allows([p], subject, 'Ingress', from('dev'), 80)).toBe(false);
    const named: CiliumPolicySpec = {
      ...p,
      ingress: [{ fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'dev' } }] }],
    };
    expect(allows([named], subject, 'Ingress', from('dev'), 80)).toBe(true);
    // the clusterwide kind selects in every namespace
    const ccnp: CiliumPolicySpec = {
      kind: 'CiliumClusterwideNetworkPolicy',
      name: 'c',
      endpointSelector: {},
      ingress: [{ fromEndpoints: [{}] }],
    };
    expect(allows([ccnp], subject, 'Ingress', from('dev'), 80)).toBe(true);
  });

  it.each([
    ['world', { kind: 'world', ip: ip('8.8.8.8') }, true],
    ['world', { kind: 'host', ip: ip('192.168.49.2') }, false],
    ['cluster', { kind: 'remote-node', ip: ip('192.168.49.3') }, true],
    ['cluster', { kind: 'world', ip: ip('8.8.8.8') }, false],
    ['host', { kind: 'host', ip: ip('192.168.49.2') }, true],
    ['kube-apiserver', { kind: 'kube-apiserver', ip: ip('192.168.49.2') }, true],
    ['all', { kind: 'world', ip: ip('1.1.1.1') }, true],
  ] as const)('toEntities %s covers %j: %s', (entity, peer, ok) => {
    const p: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'p',
      endpointSelector: {},
      egress: [{ toEntities: [entity] }],
    };
    expect(allows([p], deathstar, 'Egress', peer, 443)).toBe(ok);
  });

  it('toCIDRSet with except applies to outside addresses only', () => {
    const p: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'p',
      endpointSelector: {},
      egress: [{ toCIDRSet: [{ cidr: '10.0.0.0/8', except: ['10.96.0.0/12'] }] }],
    };
    const to = (addr: string, kind: 'world' | 'endpoint' = 'world'): CiliumPeer =>
      kind === 'world'
        ? { kind, ip: ip(addr) }
        : { kind, ip: ip(addr), endpoint: { namespace: 'default', labels: {} } };
    expect(allows([p], deathstar, 'Egress', to('10.1.2.3'), 80)).toBe(true);
    expect(allows([p], deathstar, 'Egress', to('10.100.0.1'), 80)).toBe(false);
    expect(allows([p], deathstar, 'Egress', to('10.1.2.3', 'endpoint'), 80)).toBe(false);
  });

  it('a deny rule wins over an allow', () => {
    const allow: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'allow',
      endpointSelector: {},
      ingress: [{ fromEntities: ['all'] }],
    };
    const deny: CiliumPolicySpec = {
      kind: 'CiliumNetworkPolicy',
      name: 'deny',
      endpointSelector: {},
      ingressDeny: [
        {
          fromEndpoints: [{ matchLabels: { org: 'alliance' } }],
          toPorts: [{ ports: [{ port: '80', protocol: 'TCP' }] }],
        },
      ],
    };
    expect(
      evaluateCiliumPolicy(world([allow, deny]), deathstar, 'Ingress', xwing, 80, 'TCP'),
    ).toMatchObject({ allowed: false, deniedBy: { deny: true } });
    expect(allows([allow, deny], deathstar, 'Ingress', xwing, 81)).toBe(true);
  });
});

describe('toFQDNs needs the DNS rule ("DNS based")', () => {
  const fqdn = (withDns: boolean): CiliumPolicySpec => ({
    kind: 'CiliumNetworkPolicy',
    name: 'fqdn',
    endpointSelector: {},
    egress: [
      { toFQDNs: [{ matchName: 'api.github.com' }] },
      ...(withDns
        ? [
            {
              toEndpoints: [
                {
                  matchLabels: {
                    'k8s:io.kubernetes.pod.namespace': 'kube-system',
                    'k8s:k8s-app': 'kube-dns',
                  },
                },
              ],
              toPorts: [
                {
                  ports: [{ port: '53', protocol: 'ANY' as const }],
                  rules: { dns: [{ matchPattern: '*' }] },
                },
              ],
            },
          ]
        : []),
    ],
  });
  const github: CiliumPeer = { kind: 'world', ip: ip('140.82.112.6'), fqdn: 'api.github.com' };
  it('allowed when the DNS proxy saw the answer, denied (with the reason) when it did not', () => {
    expect(allows([fqdn(true)], deathstar, 'Egress', github, 443)).toBe(true);
    const v = evaluateCiliumPolicy(world([fqdn(false)]), deathstar, 'Egress', github, 443, 'TCP');
    expect(v.allowed).toBe(false);
    expect(v.reasons.join(' ')).toMatch(/toFQDNs needs a DNS rule/);
  });
  it.each([
    [{ matchPattern: '*' }, 'anything.example.org', true],
    [{ matchPattern: '*.cilium.io' }, 'docs.cilium.io', true],
    [{ matchPattern: '*.cilium.io' }, 'cilium.io', false],
    [{ matchPattern: '*.cilium.io' }, 'a.b.cilium.io', false],
    [{ matchName: 'cilium.io' }, 'CILIUM.io.', true],
  ])('%j covers %s: %s', (rule, name, ok) => {
    expect(dnsRuleMatches(rule, name)).toBe(ok);
  });
});
