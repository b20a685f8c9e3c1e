/**
 * Cilium policies on the datapath: an L7 rule sends the connection through Cilium's Envoy and a
 * request no HTTP rule allows is answered 403 there (docs.cilium.io "Layer 7 Examples": "Access
 * denied"); only a Cilium cluster enforces them; NetworkPolicy and Cilium policy allows are a
 * union ("Policy Language"; "Layer 7 Policies").
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../../engine/cluster/buildCluster.ts';
import { runProbe } from '../../engine/probe.ts';
import { L7_GALLERY } from './l7Gallery.ts';
import type { ClusterSpec } from '../../engine/spec.ts';

const base = L7_GALLERY.find((g) => g.id === 'cilium-l7-policy')!.scenario;
const run = (url: string, spec: ClusterSpec = base.cluster, method = 'GET') =>
  runProbe(buildCluster(spec), {
    from: { kind: 'external', name: 'visitor' },
    to: { kind: 'url', url },
    http: { method },
  });

describe('Cilium L7 policy on the way to a pod', () => {
  it('GET /public passes through Cilium’s Envoy to the pod', () => {
    const t = run('http://shop.example.com/public/index.html');
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => h.location.place === 'L7Proxy' && h.verdict === 'Forwarded')).toBe(
      true,
    );
  });

  it('GET /admin: the connection is allowed, the request is answered 403 by the proxy', () => {
    const t = run('http://shop.example.com/admin');
    expect(t).toMatchObject({ verdict: 'Dropped', reason: 'HttpDenied' });
    expect(t.http?.status).toBe(403);
    expect(t.hops.some((h) => h.verdict === 'Allowed')).toBe(true);
    expect(t.hops.at(-1)?.location.place).toBe('L7Proxy');
  });

  it('POST /public is not a GET', () => {
    expect(run('http://shop.example.com/public', base.cluster, 'POST').reason).toBe('HttpDenied');
  });

  it('another source is dropped at layer 4 (default deny once selected)', () => {
    const spec: ClusterSpec = {
      ...base.cluster,
      ciliumPolicies: base.cluster.ciliumPolicies!.map((p) => ({
        ...p,
        ingress: [{ ...p.ingress![0], fromEndpoints: [{ matchLabels: { app: 'nobody' } }] }],
      })),
    };
    expect(run('http://shop.example.com/public', spec).reason).toBe('PolicyDenied');
  });

  it('a NetworkPolicy allowing the same port makes the L7 rules moot (allows are a union)', () => {
    const spec: ClusterSpec = {
      ...base.cluster,
      networkPolicies: [
        {
          name: 'web-open',
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ ports: [{ port: 8080 }] }],
        },
      ],
    };
    expect(run('http://shop.example.com/admin', spec).verdict).toBe('Delivered');
  });

  it('with Flannel the Cilium policy has no effect, and the trace says so', () => {
    const spec: ClusterSpec = {
      ...base.cluster,
      settings: { ...base.cluster.settings, cni: { plugin: 'flannel', mode: 'vxlan' } },
    };
    const t = run('http://shop.example.com/admin', spec);
    expect(t.verdict).toBe('Delivered');
    expect(t.hops.some((h) => /only Cilium reads Cilium's policies/.test(h.explanation))).toBe(
      true,
    );
  });
});
