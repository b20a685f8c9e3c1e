/**
 * Ingress matching and the controller's path: KUBERNETES-NETWORKING.md section 5 and the
 * upstream Ingress page (kubernetes.io/docs/concepts/services-networking/ingress/), whose
 * "Examples" table for path matching and "Hostname wildcards" table are copied case by case.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './buildCluster.ts';
import { hostMatches, matchIngress, pathMatchLength } from './ingress.ts';
import type { IngressPathSpec, IngressSpec } from './spec.ts';
import {
  cluster,
  hopsWith,
  netpol,
  pod,
  podOf,
  probe,
  serviceOf,
  svc,
  trace,
} from './testing/builders.ts';

const be = (service: string) => ({ service, port: 80 });
const paths = (...ps: [IngressPathSpec['pathType'], string, string][]) =>
  ps.map(([pathType, path, service]) => ({ pathType, path, backend: be(service) }));
const ing = (rules: IngressSpec['rules'], extra: Partial<IngressSpec> = {}): IngressSpec => ({
  name: 'ing',
  rules,
  ...extra,
});
const backendFor = (ingresses: IngressSpec[], host: string, path: string) =>
  matchIngress(ingresses, host, path, 'http')?.backend.service;

describe('hostname wildcards (upstream "Hostname wildcards" table)', () => {
  it.each([
    ['*.foo.com', 'bar.foo.com', true],
    ['*.foo.com', 'baz.bar.foo.com', false],
    ['*.foo.com', 'foo.com', false],
    ['foo.bar.com', 'foo.bar.com', true],
    ['foo.bar.com', 'FOO.bar.com', true],
    ['foo.bar.com', 'bar.com', false],
    [undefined, 'anything.example', true],
  ])('rule host %s, request host %s: %s', (rule, host, expected) => {
    expect(hostMatches(rule, host)).toBe(expected);
  });
});

describe('path matching (upstream "Examples" table)', () => {
  // [kind, rule paths, request path, expected backend (the matching rule path), or null]
  const TABLE: [string, [IngressPathSpec['pathType'], string][], string, string | null][] = [
    ['Prefix', [['Prefix', '/']], '/anything/at/all', '/'],
    ['Exact', [['Exact', '/foo']], '/foo', '/foo'],
    ['Exact', [['Exact', '/foo']], '/bar', null],
    ['Exact', [['Exact', '/foo']], '/foo/', null],
    ['Exact', [['Exact', '/foo/']], '/foo', null],
    ['Prefix', [['Prefix', '/foo']], '/foo', '/foo'],
    ['Prefix', [['Prefix', '/foo']], '/foo/', '/foo'],
    ['Prefix', [['Prefix', '/foo/']], '/foo', '/foo/'],
    ['Prefix', [['Prefix', '/foo/']], '/foo/', '/foo/'],
    ['Prefix', [['Prefix', '/aaa/bb']], '/aaa/bbb', null],
    ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb', '/aaa/bbb'],
    ['Prefix', [['Prefix', '/aaa/bbb/']], '/aaa/bbb', '/aaa/bbb/'],
    ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb/', '/aaa/bbb'],
    ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbb/ccc', '/aaa/bbb'],
    ['Prefix', [['Prefix', '/aaa/bbb']], '/aaa/bbbxyz', null],
    [
      'Prefix',
      [
        ['Prefix', '/'],
        ['Prefix', '/aaa'],
      ],
      '/aaa/ccc',
      '/aaa',
    ],
    [
      'Prefix',
      [
        ['Prefix', '/'],
        ['Prefix', '/aaa'],
        ['Prefix', '/aaa/bbb'],
      ],
      '/aaa/bbb',
      '/aaa/bbb',
    ],
    [
      'Prefix',
      [
        ['Prefix', '/'],
        ['Prefix', '/aaa'],
        ['Prefix', '/aaa/bbb'],
      ],
      '/ccc',
      '/',
    ],
    ['Prefix', [['Prefix', '/aaa']], '/ccc', null],
    [
      'Mixed',
      [
        ['Prefix', '/foo'],
        ['Exact', '/foo'],
      ],
      '/foo',
      'Exact /foo',
    ],
    [
      'Mixed',
      [
        ['Exact', '/foo'],
        ['Prefix', '/foo'],
      ],
      '/foo',
      'Exact /foo',
    ],
    ['case', [['Exact', '/Foo']], '/foo', null],
  ];
  it.each(TABLE)('%s %j, request %s -> %s', (_kind, rulePaths, request, expected) => {
    const ingress = ing([
      {
        paths: rulePaths.map(([pathType, path]) => ({
          pathType,
          path,
          backend: be(
            rulePaths.filter(([, p]) => p === path).length > 1 ? `${pathType} ${path}` : path,
          ),
        })),
      },
    ]);
    expect(backendFor([ingress], 'example.com', request) ?? null).toBe(expected);
  });

  it('measures a Prefix match by its elements (a trailing slash is ignored)', () => {
    const p = (path: string): IngressPathSpec => ({ pathType: 'Prefix', path, backend: be('x') });
    expect(pathMatchLength(p('/foo/'), '/foo/bar')).toBe(pathMatchLength(p('/foo'), '/foo/bar'));
  });
});

describe('host before path: exact host > wildcard > no host (section 5)', () => {
  const ingresses: IngressSpec[] = [
    ing(
      [{ paths: paths(['Prefix', '/', 'any-host'], ['Prefix', '/api/v1/long', 'any-host-long']) }],
      { name: 'catch-all' },
    ),
    ing(
      [
        {
          host: '*.foo.com',
          paths: paths(['Prefix', '/', 'wildcard'], ['Prefix', '/api/v1', 'wildcard-api']),
        },
      ],
      { name: 'wild' },
    ),
    ing([{ host: 'shop.foo.com', paths: paths(['Prefix', '/', 'exact']) }], { name: 'shop' }),
  ];
  it.each([
    ['shop.foo.com', '/api/v1/long/x', 'exact'],
    ['blog.foo.com', '/api/v1/long/x', 'wildcard-api'],
    ['blog.foo.com', '/', 'wildcard'],
    ['a.b.foo.com', '/api/v1/long/x', 'any-host-long'],
    ['foo.com', '/', 'any-host'],
  ])('%s%s goes to %s', (host, path, expected) => {
    expect(backendFor(ingresses, host, path)).toBe(expected);
  });

  it('does not fall back to less specific hosts when the host’s rules have no matching path', () => {
    const only = [
      ing([{ paths: paths(['Prefix', '/', 'any-host']) }], { name: 'catch-all' }),
      ing([{ host: 'shop.foo.com', paths: paths(['Prefix', '/api', 'api']) }], { name: 'shop' }),
    ];
    expect(backendFor(only, 'shop.foo.com', '/other')).toBeUndefined();
    const withDefault = [...only, { ...only[1], name: 'shop2', defaultBackend: be('fallback') }];
    expect(backendFor(withDefault, 'shop.foo.com', '/other')).toBe('fallback');
  });

  it('uses a defaultBackend when nothing matches', () => {
    const ingresses2 = [
      ing([{ host: 'a.example.com', paths: paths(['Exact', '/x', 'x']) }], {
        defaultBackend: be('default'),
      }),
    ];
    expect(backendFor(ingresses2, 'b.example.com', '/')).toBe('default');
    expect(backendFor(ingresses2, 'a.example.com', '/x')).toBe('x');
  });
});

describe('through the controller (section 5: TLS terminates there, a new connection to a pod)', () => {
  const spec = (policies = [] as ReturnType<typeof netpol>[]) =>
    cluster({
      nodes: 2,
      settings: { cni: { plugin: 'calico', mode: 'bgp' } },
      pods: [
        pod('client'),
        pod('api-1', { node: 'node-2', labels: { app: 'api' }, ports: ['http:8080'] }),
        pod('web-1', { node: 'node-2', labels: { app: 'web' }, ports: ['http:3000'] }),
      ],
      services: [
        svc('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('empty', { selector: { app: 'nothing' } }),
      ],
      ingresses: [
        ing(
          [
            {
              host: 'shop.example.com',
              paths: paths(
                ['Prefix', '/api', 'api'],
                ['Prefix', '/', 'web'],
                ['Exact', '/down', 'empty'],
              ),
            },
          ],
          { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] },
        ),
      ],
      networkPolicies: policies,
    });
  const model = buildCluster(spec());
  const controller = model.pods.find((p) => p.namespace === 'ingress-nginx')!;

  it('routes by path to a backend pod, not through the ClusterIP, with X-Forwarded-For', () => {
    const t = trace(model, probe('ext:user', 'http://shop.example.com/api/items', { seed: 2 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toBe('api-1');
    expect(t.deliveredTo?.port).toBe(8080);
    const upstream = t.hops.find(
      (h) => h.location.place === 'IngressController' && h.after.http?.headers['X-Forwarded-For'],
    );
    expect(upstream).toBeDefined();
    expect(upstream!.after.src.ip).toBe(controller.ip);
    expect(upstream!.after.dst).toEqual({ ip: podOf(model, 'api-1').ip, port: 8080 });
    expect(upstream!.after.dst.ip).not.toBe(serviceOf(model, 'api').clusterIP);
    expect(upstream!.after.http?.headers['X-Forwarded-For']).toBe('198.51.100.7');
    // The backend sees the controller pod, the client only in the header.
    expect(t.seenSource).toBe(controller.ip);
  });

  it('terminates TLS at the controller (chosen by SNI)', () => {
    const t = trace(model, probe('ext:user', 'https://shop.example.com/', { seed: 2 }));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toBe('web-1');
    expect(t.hops[0].before.http?.tls).toBe('encrypted');
    const term = t.hops.find((h) => h.after.http?.tls === 'terminated');
    expect(term?.location.place).toBe('IngressController');
    expect(term?.explanation).toContain('SNI');
    expect(t.hops.at(-1)!.before.http?.scheme).toBe('http');
  });

  it('has one terminal hop, at the end, and a reply from the address the client called', () => {
    const t = trace(model, probe('ext:user', 'https://shop.example.com/', { seed: 2 }));
    const terminal = t.hops.filter((h) => h.verdict === 'Delivered' || h.verdict === 'Dropped');
    expect(terminal).toEqual([t.hops.at(-1)]);
    expect(t.reply.at(-1)!.after.src).toEqual(t.hops[0].before.dst);
    expect(t.reply.at(-1)!.after.dst).toEqual(t.hops[0].before.src);
  });

  it('answers 404 when no rule matches (NoIngressRule)', () => {
    const t = trace(model, probe('ext:user', 'http://other.example.com/'));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NoIngressRule');
    expect(t.hops.at(-1)!.location.place).toBe('IngressController');
  });

  it('answers 503 when the backend Service has no endpoints', () => {
    const t = trace(model, probe('ext:user', 'http://shop.example.com/down'));
    expect(t.reason).toBe('NoEndpoints');
  });

  it('also serves pods inside the cluster', () => {
    const t = trace(model, probe('client', 'http://shop.example.com/api'));
    expect(t.verdict).toBe('Delivered');
    expect(t.deliveredTo?.pod.name).toBe('api-1');
  });

  it('is subject to the backend’s ingress policy, which sees the controller pod', () => {
    const deny = netpol('api-from-web-only', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    });
    const t = trace(buildCluster(spec([deny])), probe('ext:user', 'http://shop.example.com/api'));
    expect(t.reason).toBe('PolicyDenied');
    expect(t.hops.at(-1)!.location.node).toBe('node-2');
    const allow = netpol('api-from-ingress', {
      podSelector: { matchLabels: { app: 'api' } },
      ingress: [
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' },
              },
            },
          ],
        },
      ],
    });
    expect(
      trace(buildCluster(spec([deny, allow])), probe('ext:user', 'http://shop.example.com/api'))
        .verdict,
    ).toBe('Delivered');
  });

  it('says so when there is no controller', () => {
    const m = buildCluster({
      ...spec(),
      settings: { ...spec().settings, ingressController: false },
    });
    expect(trace(m, probe('ext:user', 'http://shop.example.com/')).reason).toBe(
      'NoIngressController',
    );
  });

  it('never sends the client’s TLS to the backend', () => {
    const t = trace(model, probe('ext:user', 'https://shop.example.com/api'));
    expect(hopsWith(t, 'Delivered')[0].before.http?.tls).toBeUndefined();
  });
});
