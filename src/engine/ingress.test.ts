/**
 * Ingress matching and the controller's path: KUBERNETES-NETWORKING.md section 5 and the
 * upstream Ingress page (kubernetes.io/docs/concepts/services-networking/ingress/), whose
 * "Examples" table for path matching and "Hostname wildcards" table are copied case by case.
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from './cluster/buildCluster.ts';
import { hostMatches, matchIngress, pathMatchLength } from './ingress.ts';
import type { IngressPathSpec, IngressSpec } from './spec.ts';
import { cluster, netpol, pod, probe, svc, trace } from './testing/builders.ts';
import { hopsWith, podOf, serviceOf } from './testing/readers.ts';

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
          {
            ingressClassName: 'nginx',
            tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
            // The plain-HTTP probes below go to a backend: redirects have their own tests
            // (ingressRedirect.test.ts).
            annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' },
          },
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

/**
 * ImplementationSpecific and annotations, per controller, from each project's documentation:
 * - HAProxy Ingress, configuration keys, "Path type" (haproxy-ingress.github.io/docs/
 *   configuration/keys): `begin` is the default for ImplementationSpecific (case-insensitive,
 *   matches the beginning of the path); the request/match table below is copied from there;
 *   `path-type-order` exact,prefix,begin,regex, where "/dir/sub will always be checked before
 *   /dir despite their type".
 * - ingress-nginx: an ImplementationSpecific path becomes a plain nginx location (template.go
 *   buildLocation; only Prefix gets the `= /p` + `/p/` pair, location.go updateServerLocations),
 *   so it is a case-sensitive character prefix; "Ingress Path Matching": use-regex or
 *   rewrite-target on any Ingress of a host enforces case-insensitive regex locations on all
 *   paths of that host, ordered by descending length, first match wins.
 */
describe('ImplementationSpecific per controller', () => {
  const one = (path: string, annotations?: Record<string, string>) => [
    ing([{ paths: paths(['ImplementationSpecific', path, 'hit']) }], { annotations }),
  ];
  const hits = (
    controller: 'nginx' | 'haproxy',
    ingresses: IngressSpec[],
    request: string,
  ): boolean => matchIngress(ingresses, 'example.com', request, 'http', controller) !== undefined;

  // HAProxy Ingress docs, "Request and match examples".
  it.each([
    ['begin (default)', undefined, '/app', ['/App', '/app', '/app/1', '/app1'], ['/ap']],
    ['exact', 'exact', '/app', ['/app'], ['/App', '/app/', '/app1']],
    ['prefix', 'prefix', '/app', ['/app', '/app/', '/app/1'], ['/App', '/app1']],
    ['regex', 'regex', '/app[0-9]+', ['/app1', '/app15/sub', '/app25xx/sub'], ['/App1', '/app/15']],
    ['regex $', 'regex', '/app[0-9]+$', ['/app1', '/app15'], ['/App1', '/app15/']],
    [
      'regex /?',
      'regex',
      '/app[0-9]+/?',
      ['/app1', '/app15/', '/app25/sub'],
      ['/App15', '/app/25sub'],
    ],
  ] as const)('HAProxy Ingress path-type %s', (_name, type, path, match, noMatch) => {
    const ingresses = one(path, type ? { 'haproxy-ingress.github.io/path-type': type } : undefined);
    for (const r of match) expect(hits('haproxy', ingresses, r), r).toBe(true);
    for (const r of noMatch) expect(hits('haproxy', ingresses, r), r).toBe(false);
  });

  it('HAProxy Ingress also reads the older ingress.kubernetes.io prefix', () => {
    const ingresses = one('/app', { 'ingress.kubernetes.io/path-type': 'exact' });
    expect(hits('haproxy', ingresses, '/app1')).toBe(false);
  });

  it('ingress-nginx: a case-sensitive character prefix (an nginx prefix location)', () => {
    const ingresses = one('/app');
    for (const r of ['/app', '/app/1', '/app1']) expect(hits('nginx', ingresses, r), r).toBe(true);
    for (const r of ['/App', '/ap']) expect(hits('nginx', ingresses, r), r).toBe(false);
  });

  it('ingress-nginx ignores the other controller’s annotations, and the other way round', () => {
    expect(
      hits('nginx', one('/app', { 'haproxy-ingress.github.io/path-type': 'exact' }), '/app1'),
    ).toBe(true);
    expect(
      hits('haproxy', one('/app', { 'nginx.ingress.kubernetes.io/use-regex': 'true' }), '/app1'),
    ).toBe(true);
  });

  it('ingress-nginx use-regex: every path of the host becomes a case-insensitive regex', () => {
    const ingresses = [
      ing([{ host: 'test.com', paths: paths(['Prefix', '/foo', 'prefix']) }], { name: 'a' }),
      ing([{ host: 'test.com', paths: paths(['ImplementationSpecific', '/bar/.*', 'regex']) }], {
        name: 'b',
        annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' },
      }),
    ];
    const m = (path: string) => matchIngress(ingresses, 'test.com', path, 'http', 'nginx');
    expect(m('/BAR/x')?.backend.service).toBe('regex');
    // The Prefix path of the other Ingress is a regex too now: /foobar and /FOO match it.
    expect(m('/foobar')?.backend.service).toBe('prefix');
    expect(m('/FOO')?.semantics).toBe('regex-i');
    // Without use-regex on the host, Prefix keeps its element-wise meaning.
    expect(matchIngress([ingresses[0]], 'test.com', '/foobar', 'http', 'nginx')).toBeUndefined();
  });

  it('ingress-nginx regex: longest path first, first match wins (docs "Warning" example)', () => {
    const ingresses = [
      ing(
        [
          {
            host: 'test.com',
            paths: paths(
              ['ImplementationSpecific', '/foo/bar/bar', 'exact-looking'],
              ['ImplementationSpecific', '/foo/bar/[A-Z0-9]{3}', 'regex'],
            ),
          },
        ],
        { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } },
      ),
    ];
    expect(
      matchIngress(ingresses, 'test.com', '/foo/bar/bar', 'http', 'nginx')?.backend.service,
    ).toBe('regex');
  });

  // Regex paths run on RE2 (linearRegex.ts), the syntax Envoy and Gateway API implementations
  // take: time linear in the URL, no backreferences (https://github.com/google/re2/wiki/Syntax).
  it('a regex path that backtracks exponentially answers at once (RE2, linear time)', () => {
    const ingresses = one('/(a+)+$', { 'haproxy-ingress.github.io/path-type': 'regex' });
    // 2^32 steps on a backtracking engine; RE2 reads the URL once.
    expect(hits('haproxy', ingresses, `/${'a'.repeat(32)}!`)).toBe(false);
    expect(hits('haproxy', ingresses, `/${'a'.repeat(32)}`)).toBe(true);
    const nginx = one('/(x+x+)+y', { 'nginx.ingress.kubernetes.io/use-regex': 'true' });
    expect(hits('nginx', nginx, `/${'x'.repeat(5000)}`)).toBe(false);
  });

  it('a regex path with syntax RE2 does not have (backreference, lookahead) matches nothing', () => {
    for (const path of ['/(a)\\1', '/(?=a)a']) {
      const ingresses = one(path, { 'haproxy-ingress.github.io/path-type': 'regex' });
      expect(hits('haproxy', ingresses, '/aa'), path).toBe(false);
    }
  });

  it('HAProxy Ingress: the longer path wins whatever its type; regex paths come last', () => {
    const ingresses = [
      ing([
        {
          paths: paths(
            ['Prefix', '/dir', 'prefix'],
            ['ImplementationSpecific', '/dir/sub', 'begin'],
            ['Prefix', '/', 'root'],
          ),
        },
      ]),
      ing([{ paths: paths(['ImplementationSpecific', '/api.*', 'regex']) }], {
        name: 'r',
        annotations: { 'haproxy-ingress.github.io/path-type': 'regex' },
      }),
    ];
    const m = (path: string) =>
      matchIngress(ingresses, 'example.com', path, 'http', 'haproxy')?.backend.service;
    expect(m('/dir/sub/x')).toBe('begin');
    expect(m('/dir/x')).toBe('prefix');
    expect(m('/api/x')).toBe('root');
  });

  it('keeps the API’s Exact and Prefix in both controllers', () => {
    for (const c of ['nginx', 'haproxy'] as const) {
      const ingresses = [ing([{ paths: paths(['Prefix', '/foo', 'p'], ['Exact', '/foo', 'e']) }])];
      expect(matchIngress(ingresses, 'x', '/foo', 'http', c)?.backend.service).toBe('e');
      expect(matchIngress(ingresses, 'x', '/foo/bar', 'http', c)?.backend.service).toBe('p');
      expect(matchIngress(ingresses, 'x', '/foobar', 'http', c)).toBeUndefined();
    }
  });
});

describe('the two controllers on the wire', () => {
  const spec = (
    type: 'nginx' | 'haproxy',
    annotations?: Record<string, string>,
  ): ReturnType<typeof cluster> =>
    cluster({
      settings: { cni: { plugin: 'calico', mode: 'bgp' }, ingressControllerType: type },
      pods: [
        pod('api-1', { node: 'node-2', labels: { app: 'api' }, ports: ['http:8080'] }),
        pod('web-1', { node: 'node-2', labels: { app: 'web' }, ports: ['http:3000'] }),
      ],
      services: [
        svc('api', { selector: { app: 'api' }, ports: [{ port: 80, targetPort: 'http' }] }),
        svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
      ],
      ingresses: [
        ing(
          [
            {
              host: 'shop.example.com',
              paths: paths(['ImplementationSpecific', '/api', 'api'], ['Prefix', '/', 'web']),
            },
          ],
          { ingressClassName: type, annotations },
        ),
      ],
    });

  it('runs HAProxy Ingress in its own namespace, and its hop is haproxy', () => {
    const m = buildCluster(spec('haproxy'));
    const controller = m.pods.find((p) => p.namespace === 'ingress-controller')!;
    expect(controller.name).toBe('haproxy-ingress');
    expect(controller.system).toBe(true);
    expect(m.pods.some((p) => p.namespace === 'ingress-nginx')).toBe(false);
    const t = trace(m, probe('ext:user', 'http://shop.example.com/api/x'));
    expect(t.verdict).toBe('Delivered');
    expect(t.seenSource).toBe(controller.ip);
    const hop = t.hops.find((h) => h.location.place === 'IngressController')!;
    expect(hop.location.device).toBe('haproxy');
    expect(hop.after.http?.headers['X-Forwarded-For']).toBe('198.51.100.7');
  });

  it('both go straight to the endpoints by default (service-upstream false)', () => {
    for (const type of ['nginx', 'haproxy'] as const) {
      const m = buildCluster(spec(type));
      const t = trace(m, probe('ext:user', 'http://shop.example.com/api/x'));
      const up = t.hops.find((h) => h.location.place === 'IngressController')!;
      expect(up.after.dst).toEqual({ ip: podOf(m, 'api-1').ip, port: 8080 });
      const afterController = t.hops.slice(t.hops.indexOf(up));
      expect(afterController.some((h) => h.location.place === 'KubeProxy')).toBe(false);
    }
  });

  it.each([
    ['nginx', 'nginx.ingress.kubernetes.io/service-upstream'],
    ['haproxy', 'haproxy-ingress.github.io/service-upstream'],
    ['haproxy', 'ingress.kubernetes.io/service-upstream'],
  ] as const)('%s with %s: "true" goes through the ClusterIP', (type, key) => {
    const m = buildCluster(spec(type, { [key]: 'true' }));
    const t = trace(m, probe('ext:user', 'http://shop.example.com/api/x'));
    expect(t.verdict).toBe('Delivered');
    const up = t.hops.find((h) => h.location.place === 'IngressController')!;
    expect(up.after.dst).toEqual({ ip: serviceOf(m, 'api').clusterIP, port: 80 });
    const afterController = t.hops.slice(t.hops.indexOf(up));
    const dnat = afterController.find((h) => h.location.place === 'KubeProxy')!;
    expect(dnat.after.dst).toEqual({ ip: podOf(m, 'api-1').ip, port: 8080 });
    expect(t.reply.filter((h) => h.verdict === 'Delivered')).toEqual([t.reply.at(-1)]);
    expect(t.reply.at(-1)!.after.dst).toEqual(t.hops[0].before.src);
  });

  it('ignores the other controller’s service-upstream annotation', () => {
    const m = buildCluster(
      spec('haproxy', { 'nginx.ingress.kubernetes.io/service-upstream': 'true' }),
    );
    const t = trace(m, probe('ext:user', 'http://shop.example.com/api/x'));
    const up = t.hops.find((h) => h.location.place === 'IngressController')!;
    expect(up.after.dst.ip).toBe(podOf(m, 'api-1').ip);
  });

  it('says on the hop where the other controller would decide differently', () => {
    // /API/x: HAProxy Ingress's begin ignores case; ingress-nginx's prefix location does not.
    const haproxy = trace(
      buildCluster(spec('haproxy')),
      probe('ext:user', 'http://shop.example.com/API/x'),
    );
    expect(haproxy.deliveredTo?.pod.name).toBe('api-1');
    const hop = haproxy.hops.find((h) => h.location.place === 'IngressController')!;
    expect(hop.explanation).toMatch(/ingress-nginx would decide differently here/);
    expect(hop.decisions?.some((d) => d.summary === 'ingress-nginx differs: Service web')).toBe(
      true,
    );
    const nginx = trace(
      buildCluster(spec('nginx')),
      probe('ext:user', 'http://shop.example.com/API/x'),
    );
    expect(nginx.deliveredTo?.pod.name).toBe('web-1');
    expect(nginx.hops.find((h) => h.location.place === 'IngressController')!.explanation).toMatch(
      /HAProxy Ingress would decide differently here/,
    );
    // Where they agree, an ImplementationSpecific path still gets a note on how each reads it.
    const same = trace(
      buildCluster(spec('nginx')),
      probe('ext:user', 'http://shop.example.com/api/x'),
    );
    const note = same.hops.find((h) => h.location.place === 'IngressController')!;
    expect(note.explanation).toMatch(
      /ImplementationSpecific is read by each controller its own way/,
    );
  });

  it('is off for both when the add-on is off (the boolean keeps its meaning)', () => {
    const base = spec('haproxy');
    const m = buildCluster({ ...base, settings: { ...base.settings, ingressController: false } });
    expect(m.pods.some((p) => p.namespace === 'ingress-controller')).toBe(false);
    expect(trace(m, probe('ext:user', 'http://shop.example.com/')).reason).toBe(
      'NoIngressController',
    );
  });
});
