import { describe, expect, it } from 'vitest';
import type { Decision, Hop, Trace } from '../../engine/trace.ts';
import { explainFlow, type PolicyId } from './explainFlow.ts';

const pod = (name: string) => ({ kind: 'Pod' as const, namespace: 'default', name });

function hop(at: string, verdict: Hop['verdict'], decisions: Decision[] = []): Hop {
  return {
    direction: 'request',
    location: { place: 'Veth', device: 'veth0', at: pod(at) },
    verdict,
    ...(verdict === 'Dropped' ? { reason: 'PolicyDenied' as const } : {}),
    before: {} as Hop['before'],
    after: {} as Hop['after'],
    explanation: `${verdict} at ${at}`,
    decisions,
  };
}

const policyDecision = (name: string, ruleIndex?: number, rules: string[] = []): Decision => ({
  kind: 'network-policy',
  summary: name,
  policy: { name, namespace: 'default', ...(ruleIndex !== undefined ? { ruleIndex } : {}) },
  rules,
});

function trace(hops: Hop[], delivered: boolean): Trace {
  return {
    probe: {
      from: { ...pod('frontend'), kind: 'pod' },
      to: { ...pod('db'), kind: 'pod' },
      port: 6379,
    },
    verdict: delivered ? 'Delivered' : 'Dropped',
    ...(delivered ? {} : { reason: hops.at(-1)?.reason }),
    hops,
    reply: [],
    deliveredTo: delivered ? { pod: pod('db'), ip: '10.244.2.2' as never, port: 6379 } : null,
    seenSource: null,
    summary: 'summary',
  } as Trace;
}

const none = (): readonly PolicyId[] => [];
const deny = { name: 'default-deny', namespace: 'default' };
const allow = { name: 'allow-frontend', namespace: 'default' };

describe('explainFlow', () => {
  it('names the rule that let the flow in, and an unrestricted egress', () => {
    const t = trace(
      [
        hop('frontend', 'Forwarded'),
        hop('db', 'Allowed', [
          policyDecision('allow-frontend', 0, [
            'default-deny has no ingress rules, so it allows nothing.',
          ]),
        ]),
        hop('db', 'Delivered'),
      ],
      true,
    );
    const why = explainFlow(t, (p, d) =>
      p === 'default/db' && d === 'Ingress' ? [deny, allow] : [],
    );
    expect(why.from).toBe('default/frontend');
    expect(why.to).toBe('default/db');
    expect(why.egress).toMatchObject({ outcome: 'not-isolated', selecting: [] });
    expect(why.ingress).toMatchObject({
      outcome: 'allowed',
      match: { name: 'allow-frontend', namespace: 'default', ruleIndex: 0 },
      selecting: [deny, allow],
      reasons: ['default-deny has no ingress rules, so it allows nothing.'],
    });
  });

  it('reads a drop at the destination with every reason once', () => {
    const reasons = [
      'default-deny has no ingress rules, so it allows nothing.',
      'allow-frontend ingress rule 1: the peer does not match.',
    ];
    const t = trace(
      [
        hop('frontend', 'Forwarded'),
        hop('db', 'Dropped', [
          policyDecision('default-deny', undefined, reasons),
          policyDecision('allow-frontend', undefined, reasons),
        ]),
      ],
      false,
    );
    const why = explainFlow(t, (p, d) =>
      p === 'default/db' && d === 'Ingress' ? [deny, allow] : [],
    );
    expect(why.verdict).toBe('Dropped');
    expect(why.reason).toBe('PolicyDenied');
    expect(why.ingress).toMatchObject({ outcome: 'denied', reasons, explanation: 'Dropped at db' });
  });

  it('says ingress was never reached when egress dropped the packet', () => {
    const t = trace([hop('frontend', 'Dropped', [policyDecision('deny-out')])], false);
    const why = explainFlow(t, (p) =>
      p === 'default/frontend' ? [{ name: 'deny-out', namespace: 'default' }] : [deny],
    );
    expect(why.egress.outcome).toBe('denied');
    expect(why.to).toBe('default/db');
    expect(why.ingress).toMatchObject({ outcome: 'not-reached', selecting: [deny] });
  });

  it('tells a policy the CNI ignores from one that allows', () => {
    const t = trace(
      [hop('db', 'Forwarded', [policyDecision('default-deny')]), hop('db', 'Delivered')],
      true,
    );
    expect(explainFlow(t, none).ingress.outcome).toBe('not-enforced');
    const own = trace(
      [hop('db', 'Allowed', [policyDecision('default-deny')]), hop('db', 'Delivered')],
      true,
    );
    expect(explainFlow(own, none).ingress.outcome).toBe('own-node');
  });
});

describe('explainFlow with a Cilium HTTP rule (docs.cilium.io "Layer 7 Policies")', () => {
  // The hops ciliumCheck.ts writes: eBPF allows the connection by a rule with HTTP rules, then
  // Cilium's Envoy on the node reads the request (engine tests pin those hops).
  const policy = {
    name: 'web-read-only',
    namespace: 'default',
    kind: 'CiliumNetworkPolicy' as const,
  };
  const cilium = (summary: string): Decision => ({
    kind: 'network-policy',
    summary,
    policy: { ...policy, ruleIndex: 0 },
  });
  const at = (place: 'Ebpf' | 'L7Proxy', verdict: Hop['verdict'], explanation: string): Hop => ({
    ...hop('db', verdict, [cilium(explanation)]),
    location: { place, device: place === 'Ebpf' ? 'lxc1' : 'cilium-envoy', at: pod('db') },
    ...(verdict === 'Dropped' ? { reason: 'HttpDenied' as const } : {}),
    explanation,
  });
  const allowedByRule = at('Ebpf', 'Allowed', 'ingress rule 1 of CiliumNetworkPolicy allows it');

  it('the connection is allowed by the Cilium rule, the request is denied 403 at layer 7', () => {
    const denied = at('L7Proxy', 'Dropped', 'GET /admin matches no HTTP rule: 403 Forbidden');
    const why = explainFlow(
      trace([hop('frontend', 'Forwarded'), allowedByRule, denied], false),
      () => [policy],
    );
    expect(why.ingress.outcome).toBe('allowed');
    expect(why.ingress.match).toEqual({ ...policy, ruleIndex: 0 });
    expect(why.ingress.explanation).toBe(allowedByRule.explanation);
    expect(why.ingress.http).toEqual({
      read: true,
      allowed: false,
      explanation: denied.explanation,
      policy: { ...policy, ruleIndex: 0 },
    });
  });

  it('a request an HTTP rule allows passes the proxy', () => {
    const passed = at('L7Proxy', 'Forwarded', 'GET /public matches an HTTP rule');
    const why = explainFlow(
      trace([hop('frontend', 'Forwarded'), allowedByRule, passed, hop('db', 'Delivered')], true),
      () => [policy],
    );
    expect(why.ingress.http?.allowed).toBe(true);
  });

  it('a flow without an HTTP request: the proxy passes the connection on, nothing was read', () => {
    const passOn: Hop = {
      ...at('L7Proxy', 'Forwarded', 'each HTTP request on it must match one of the HTTP rules'),
      decisions: [],
    };
    const why = explainFlow(
      trace([hop('frontend', 'Forwarded'), allowedByRule, passOn], true),
      none,
    );
    expect(why.ingress.outcome).toBe('allowed');
    expect(why.ingress.http).toEqual({
      read: false,
      allowed: true,
      explanation: passOn.explanation,
    });
  });

  it('without an HTTP rule there is no layer-7 part', () => {
    const why = explainFlow(trace([hop('frontend', 'Forwarded'), allowedByRule], true), none);
    expect(why.ingress.http).toBeUndefined();
  });
});
