/**
 * Cluster DNS: KUBERNETES-NETWORKING.md section 4, "DNS for Services and Pods"
 * (kubernetes.io/docs/concepts/services-networking/dns-pod-service/) and the DNS-based service
 * discovery specification (kubernetes/dns, docs/specification.md).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import { candidateNames, resolveName, resolvConf } from './dns.ts';
import type { NetworkPolicySpec } from './spec.ts';
import { cluster, netpol, pod, probe, svc, trace, webPod } from './testing/builders.ts';
import { podOf, serviceOf } from './testing/readers.ts';

/** client and a web Service on Calico (which enforces NetworkPolicy), with these policies. */
const calicoWeb = (networkPolicies: NetworkPolicySpec[]) =>
  buildCluster(
    cluster({
      settings: { cni: { plugin: 'calico', mode: 'bgp' } },
      pods: [pod('client'), pod('web-1', { labels: { app: 'web' }, ports: [80] })],
      services: [svc('web', { selector: { app: 'web' } })],
      networkPolicies,
    }),
  );

const model = buildCluster(
  cluster({
    namespaces: [{ name: 'shop' }],
    pods: [
      pod('client'),
      pod('shop/buyer'),
      webPod('web-1'),
      webPod('web-2', { node: 'node-2' }),
      webPod('web-3', { ready: false }),
      pod('db-0', { labels: { app: 'db' }, ports: ['pg:5432'], hostname: 'db-0', subdomain: 'db' }),
      pod('db-1', { labels: { app: 'db' }, ports: ['pg:5432'], node: 'node-2' }),
      pod('stray', { labels: { app: 'other' }, hostname: 'stray', subdomain: 'db' }),
    ],
    services: [
      svc('web', {
        selector: { app: 'web' },
        ports: [{ name: 'http', port: 80, targetPort: 'http' }],
      }),
      svc('db', {
        clusterIP: 'None',
        selector: { app: 'db' },
        ports: [{ name: 'pg', port: 5432, targetPort: 'pg' }],
      }),
      svc('ext', { type: 'ExternalName', externalName: 'api.example.com', ports: [] }),
      svc('shop/cart', { selector: { app: 'cart' } }),
    ],
  }),
);
const ips = (ns: string, name: string, type: Parameters<typeof resolveName>[3] = 'A') =>
  resolveName(model, ns, name, type).answers.map((a) => `${a.type} ${a.data}`);

describe('the pod’s resolv.conf (section 4, ClusterFirst)', () => {
  it('points at kube-dns and searches the pod’s namespace first, with ndots:5', () => {
    expect(resolvConf(model, 'shop')).toEqual([
      'search shop.svc.cluster.local svc.cluster.local cluster.local',
      'nameserver 10.96.0.10',
      'options ndots:5',
    ]);
  });

  it.each([
    ['web', ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']],
    [
      'web.shop',
      [
        'web.shop.default.svc.cluster.local',
        'web.shop.svc.cluster.local',
        'web.shop.cluster.local',
        'web.shop',
      ],
    ],
    [
      'a.b.c.d.e.f',
      [
        'a.b.c.d.e.f',
        'a.b.c.d.e.f.default.svc.cluster.local',
        'a.b.c.d.e.f.svc.cluster.local',
        'a.b.c.d.e.f.cluster.local',
      ],
    ],
    ['web.default.svc.cluster.local.', ['web.default.svc.cluster.local']],
  ])('tries %s in the ndots order', (name, expected) => {
    expect(candidateNames(model, 'default', name)).toEqual(expected);
  });
});

describe('records (DNS specification)', () => {
  const cluster = serviceOf(model, 'web').clusterIP!;
  it.each([
    ['a short name in the pod’s namespace', 'default', 'web', [`A ${cluster}`]],
    ['name.namespace from another namespace', 'shop', 'web.default', [`A ${cluster}`]],
    ['the full name', 'shop', 'web.default.svc.cluster.local', [`A ${cluster}`]],
    [
      'a headless Service: one A per ready endpoint',
      'default',
      'db',
      [`A ${podOf(model, 'db-0').ip}`, `A ${podOf(model, 'db-1').ip}`],
    ],
    [
      'a pod hostname under its headless subdomain',
      'default',
      'db-0.db',
      [`A ${podOf(model, 'db-0').ip}`],
    ],
    [
      'an endpoint without hostname by its dashed address',
      'default',
      `${podOf(model, 'db-1').ip.replaceAll('.', '-')}.db`,
      [`A ${podOf(model, 'db-1').ip}`],
    ],
    ['an ExternalName: a CNAME, no address', 'default', 'ext', ['CNAME api.example.com']],
    [
      'a Service without endpoints still has its ClusterIP',
      'shop',
      'cart',
      [`A ${serviceOf(model, 'shop/cart').clusterIP}`],
    ],
  ])('%s', (_what, ns, name, expected) => {
    expect(resolveName(model, ns, name).rcode).toBe('NOERROR');
    expect(ips(ns, name)).toEqual(expected);
  });

  it.each([
    ['a Service of another namespace by its short name', 'shop', 'web'],
    ['a name that no object has', 'default', 'nope'],
    ['a hostname whose pod the headless Service does not select', 'default', 'stray.db'],
    ['a mistyped namespace', 'default', 'web.shoop'],
  ])('answers NXDOMAIN for %s', (_what, ns, name) => {
    const r = resolveName(model, ns, name);
    expect(r.rcode).toBe('NXDOMAIN');
    expect(r.tried.every((t) => t.rcode === 'NXDOMAIN')).toBe(true);
  });

  it('walks the search list in order and stops at the first answer', () => {
    expect(resolveName(model, 'shop', 'web.default').tried).toEqual([
      { name: 'web.default.shop.svc.cluster.local', rcode: 'NXDOMAIN' },
      { name: 'web.default.svc.cluster.local', rcode: 'NOERROR' },
    ]);
  });

  it('gives SRV records for named ports: the Service name, or each endpoint for headless', () => {
    expect(ips('default', '_http._tcp.web', 'SRV')).toEqual([
      'SRV 0 100 80 web.default.svc.cluster.local',
    ]);
    expect(ips('default', '_pg._tcp.db', 'SRV').sort()).toEqual(
      [
        'SRV 0 100 5432 db-0.db.default.svc.cluster.local',
        `SRV 0 100 5432 ${podOf(model, 'db-1').ip.replaceAll('.', '-')}.db.default.svc.cluster.local`,
      ].sort(),
    );
    expect(resolveName(model, 'default', '_nope._tcp.web', 'SRV').rcode).toBe('NXDOMAIN');
  });

  it('answers PTR for a ClusterIP', () => {
    const [a, b, c, d] = cluster.split('.');
    expect(ips('default', `${d}.${c}.${b}.${a}.in-addr.arpa`, 'PTR')).toEqual([
      'PTR web.default.svc.cluster.local',
    ]);
  });

  it('leaves names outside the cluster domain to the upstream resolver', () => {
    expect(resolveName(model, 'default', 'api.example.com').rcode).toBe('FORWARDED');
  });
});

describe('a lookup is traffic (section 4)', () => {
  it('goes UDP 53 to the kube-dns ClusterIP, DNATed to a CoreDNS pod, before the connection', () => {
    const t = trace(model, probe('client', 'web', { port: 80 }));
    expect(t.verdict).toBe('Delivered');
    const lookup = t.lookup!;
    expect(lookup.verdict).toBe('Delivered');
    expect(lookup.hops[0].before.dst).toEqual({ ip: '10.96.0.10', port: 53 });
    expect(lookup.hops[0].before.protocol).toBe('UDP');
    expect(lookup.deliveredTo?.pod.namespace).toBe('kube-system');
    expect(
      lookup.hops.some((h) => h.verdict === 'Translated' && h.location.place === 'KubeProxy'),
    ).toBe(true);
    expect(lookup.reply[0].verdict).toBe('Resolved');
    expect(lookup.reply.at(-1)!.after.src).toEqual({ ip: '10.96.0.10', port: 53 });
    expect(t.hops[0].before.dst.ip).toBe(serviceOf(model, 'web').clusterIP);
  });

  it('ends the trace at the resolver on NXDOMAIN', () => {
    const t = trace(model, probe('client', 'nope'));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NXDOMAIN');
    expect(t.lookup?.verdict).toBe('Delivered');
    expect(t.hops).toHaveLength(1);
    expect(t.hops[0].location.at).toEqual(podOf(model, 'client').ref);
  });

  it('is broken by a default-deny egress policy (PolicyDenied in the lookup)', () => {
    const m = calicoWeb([netpol('deny-egress', { policyTypes: ['Egress'] })]);
    const t = trace(m, probe('client', 'web'));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops).toEqual([]);
    expect(t.lookup?.reason).toBe('PolicyDenied');
    expect(t.lookup?.hops.at(-1)!.location.node).toBe('node-1');
  });

  it('works again when egress to DNS is allowed', () => {
    const m = calicoWeb([
      netpol('deny-egress', { policyTypes: ['Egress'] }),
      netpol('allow-dns', {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: {
                  matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
                },
              },
            ],
            ports: [{ protocol: 'UDP', port: 53 }],
          },
        ],
      }),
    ]);
    const t = trace(m, probe('client', 'web'));
    expect(t.lookup?.verdict).toBe('Delivered');
    // The connection itself is still denied: only DNS is allowed.
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.length).toBeGreaterThan(0);
  });
});
