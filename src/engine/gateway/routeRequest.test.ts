/**
 * Gateway API routing, case by case from the conformance suite (kubernetes-sigs/gateway-api,
 * conformance/tests/*.go and their YAML) and the precedence rules in apis/v1
 * httproute_types.go (HTTPRouteRule, "Proxy or Load Balancer routing configuration generated
 * from HTTPRoutes MUST prioritize matches based on the following criteria").
 */
import { describe, expect, it } from 'vitest';
import { gateway, listener, request, route, to, world } from '../testing/gatewayWorld.ts';
import type { HTTPRouteRule, HTTPRouteSpec } from './gatewaySpec.ts';
import { pickBackend, routeRequest, selectListener } from './routeRequest.ts';

const fixed = (r: number) => () => r;
const backendOf = (routes: HTTPRouteSpec[], url: string, method = 'GET', headers = {}) => {
  const w = world({ routes });
  const r = routeRequest(w.gateways[0], request(url, method, headers), w, fixed(0));
  return r.outcome === 'forward' ? r.backend?.ref.name : r.status;
};

describe('HTTPRoutePathMatchOrder (conformance/tests/httproute-path-match-order.go)', () => {
  const r = route('path-matching-order', [
    to('v1', [{ path: { type: 'Exact', value: '/match' } }]),
    to('v2', [{ path: { type: 'Exact', value: '/match/exact' } }]),
    to('v3', [{ path: { type: 'Exact', value: '/match/exact/one' } }]),
    to('v3', [{ path: { type: 'PathPrefix', value: '/match/' } }]),
    to('v1', [{ path: { type: 'PathPrefix', value: '/match/prefix/' } }]),
    to('v2', [{ path: { type: 'PathPrefix', value: '/match/prefix/one' } }]),
  ]);
  it.each([
    ['/match/exact/one', 'v3'],
    ['/match/exact', 'v2'],
    ['/match', 'v1'],
    ['/match/prefix/one/any', 'v2'],
    ['/match/prefix/any', 'v1'],
    ['/match/any', 'v3'],
  ])('%s goes to %s', (path, want) => {
    expect(backendOf([r], `http://gw.example.net${path}`)).toBe(want);
  });
});

describe('HTTPRouteExactPathMatching and PathPrefix element boundaries', () => {
  const r = route('exact', [
    to('one', [{ path: { type: 'Exact', value: '/one' } }]),
    to('two', [{ path: { type: 'PathPrefix', value: '/two' } }]),
  ]);
  it.each([
    ['/one', 'one'],
    ['/one/example', 404],
    ['/two', 'two'],
    ['/two/', 'two'],
    ['/two/x', 'two'],
    // PathPrefix matches element by element: /abcd does not fall under /abc (HTTPPathMatch)
    ['/twoo', 404],
  ])('%s -> %s', (path, want) => {
    expect(backendOf([r], `http://example.com${path}`)).toBe(want);
  });
});

describe('HTTPRouteMatchingAcrossRoutes (conformance/tests/httproute-matching-across-routes.yaml)', () => {
  const part1 = route(
    'matching-part1',
    [
      to('v1', [
        { path: { type: 'PathPrefix', value: '/' } },
        { headers: [{ name: 'version', value: 'one' }] },
      ]),
    ],
    { hostnames: ['example.com', 'example.net'] },
  );
  const part2 = route(
    'matching-part2',
    [
      to('v2', [
        { path: { type: 'PathPrefix', value: '/v2' } },
        { headers: [{ name: 'version', value: 'two' }] },
      ]),
    ],
    { hostnames: ['*.com'] },
  );
  it.each([
    ['http://example.com/', {}, 'v1'],
    ['http://example.com/example', {}, 'v1'],
    ['http://example.net/example', {}, 'v1'],
    ['http://example.com/example', { Version: 'one' }, 'v1'],
    ['http://example.com/v2', {}, 'v2'],
    ['http://example.net/v2', {}, 'v1'],
    ['http://example.com/v2/example', {}, 'v2'],
    ['http://example.com/', { Version: 'two' }, 'v2'],
  ])('%s %j -> %s', (url, headers, want) => {
    expect(backendOf([part1, part2], url, 'GET', headers)).toBe(want);
  });
});

describe('precedence between matches (httproute_types.go, HTTPRouteRule)', () => {
  it('an Exact path beats any prefix, then the longest prefix', () => {
    const rs = [
      route('a', [to('prefix-long', [{ path: { type: 'PathPrefix', value: '/shop/cart' } }])]),
      route('b', [to('exact', [{ path: { type: 'Exact', value: '/shop/cart' } }])]),
      route('c', [to('prefix-short', [{ path: { type: 'PathPrefix', value: '/shop' } }])]),
    ];
    expect(backendOf(rs, 'http://x.test/shop/cart')).toBe('exact');
    expect(backendOf(rs, 'http://x.test/shop/cart/1')).toBe('prefix-long');
    expect(backendOf(rs, 'http://x.test/shop/1')).toBe('prefix-short');
  });

  it('at equal paths: a method beats headers, more headers beat fewer, more query params beat fewer', () => {
    const rs = [
      route('hdr2', [
        to('two-headers', [
          {
            headers: [
              { name: 'a', value: '1' },
              { name: 'b', value: '2' },
            ],
          },
        ]),
      ]),
      route('hdr1', [to('one-header', [{ headers: [{ name: 'a', value: '1' }] }])]),
      route('method', [to('method', [{ method: 'POST' }])]),
      route('query', [
        to('query', [
          { headers: [{ name: 'a', value: '1' }], queryParams: [{ name: 'q', value: 'x' }] },
        ]),
      ]),
    ];
    expect(backendOf(rs, 'http://x.test/', 'POST', { a: '1', b: '2' })).toBe('method');
    expect(backendOf(rs, 'http://x.test/', 'GET', { a: '1', b: '2' })).toBe('two-headers');
    expect(backendOf(rs, 'http://x.test/?q=x', 'GET', { a: '1' })).toBe('query');
    expect(backendOf(rs, 'http://x.test/', 'GET', { A: '1' })).toBe('one-header');
  });

  it('then the oldest route, then namespace/name in alphabetical order, then rule order', () => {
    const same = [
      to('first', [{ path: { value: '/' } }]),
      to('second', [{ path: { value: '/' } }]),
    ];
    const older = route(
      'zeta',
      same.map((r, i) => ({ ...r, backendRefs: [{ name: `zeta-${i}`, port: 8080 }] })),
      {
        creationTimestamp: '2020-09-08T01:02:03Z',
      },
    );
    const newer = route('alpha', same, { creationTimestamp: '2020-09-08T01:02:04Z' });
    expect(backendOf([newer, older], 'http://x.test/')).toBe('zeta-0');
    const noTimes = [
      route(
        'foo-baz',
        same.map((r) => ({ ...r, backendRefs: [{ name: 'baz', port: 8080 }] })),
      ),
      route('foo-bar', same),
    ];
    expect(backendOf(noTimes, 'http://x.test/')).toBe('first');
  });

  it('explains the winner and why every other match lost', () => {
    const rs = [
      route('web', [to('web', [{ path: { type: 'PathPrefix', value: '/' } }])]),
      route('api', [
        to('api', [{ path: { type: 'PathPrefix', value: '/api' } }]),
        to('admin', [{ path: { type: 'Exact', value: '/admin' } }]),
      ]),
    ];
    const w = world({ routes: rs });
    const r = routeRequest(w.gateways[0], request('http://x.test/api/v1'), w, fixed(0));
    expect(r.route?.name).toBe('api');
    expect(r.ruleIndex).toBe(0);
    const lost = r.verdicts.find((v) => v.route.name === 'web');
    expect(lost?.outcome).toBe('outranked');
    expect(lost?.why).toContain('a longer path prefix');
    const miss = r.verdicts.find((v) => v.ruleIndex === 1);
    expect(miss?.outcome).toBe('no-match');
    expect(miss?.why).toContain('not exactly /admin');
  });

  it('a request no rule matches is answered 404 by the gateway', () => {
    const w = world({
      routes: [route('only', [to('a', [{ path: { type: 'Exact', value: '/a' } }])])],
    });
    const r = routeRequest(w.gateways[0], request('http://x.test/b'), w, fixed(0));
    expect(r).toMatchObject({ outcome: 'not-found', status: 404 });
  });
});

describe('HTTPRouteListenerHostnameMatching (conformance/tests/httproute-listener-hostname-matching.go)', () => {
  const gw = gateway([
    listener({ name: 'listener-1', hostname: 'bar.com' }),
    listener({ name: 'listener-2', hostname: 'foo.bar.com' }),
    listener({ name: 'listener-3', hostname: '*.bar.com' }),
    listener({ name: 'listener-4', hostname: '*.foo.com' }),
  ]);
  const routes = [
    route('backend-v1', [to('v1')], { parentRefs: [{ name: 'gw', sectionName: 'listener-1' }] }),
    route('backend-v2', [to('v2')], { parentRefs: [{ name: 'gw', sectionName: 'listener-2' }] }),
    route('backend-v3', [to('v3')], {
      parentRefs: [
        { name: 'gw', sectionName: 'listener-3' },
        { name: 'gw', sectionName: 'listener-4' },
      ],
    }),
  ];
  it.each([
    ['bar.com', 'v1'],
    ['foo.bar.com', 'v2'],
    ['baz.bar.com', 'v3'],
    ['boo.bar.com', 'v3'],
    ['multiple.prefixes.bar.com', 'v3'],
    ['multiple.prefixes.foo.com', 'v3'],
    ['foo.com', 404],
    ['no.matching.host', 404],
  ])('%s -> %s', (host, want) => {
    const w = world({ gateways: [gw], routes });
    const r = routeRequest(gw, request(`http://${host}/`), w, fixed(0));
    expect(r.outcome === 'forward' ? r.backend?.ref.name : r.status).toBe(want);
  });

  it('picks the precise listener over the wildcard, and more dots over fewer', () => {
    const g = gateway([
      listener({ name: 'any' }),
      listener({ name: 'wide', hostname: '*.example.com' }),
      listener({ name: 'narrow', hostname: '*.foo.example.com' }),
      listener({ name: 'exact', hostname: 'a.foo.example.com' }),
    ]);
    const at = (host: string) => selectListener(g, { scheme: 'http', port: 80, host })?.name;
    expect(at('a.foo.example.com')).toBe('exact');
    expect(at('b.foo.example.com')).toBe('narrow');
    expect(at('b.example.com')).toBe('wide');
    expect(at('example.org')).toBe('any');
  });
});

describe('filters (httproute_types.go; conformance HTTPRouteRequestHeaderModifier, HTTPRouteRedirect*, HTTPRouteRewritePath, HTTPRouteRequestMirror)', () => {
  const run = (rule: readonly HTTPRouteRule[], url: string, headers = {}) => {
    const w = world({ routes: [route('r', rule)] });
    return routeRequest(w.gateways[0], request(url, 'GET', headers), w, fixed(0));
  };

  it('RequestHeaderModifier sets, appends with a comma, and removes', () => {
    const r = run(
      [
        to('b', undefined, {
          filters: [
            {
              type: 'RequestHeaderModifier',
              requestHeaderModifier: {
                set: [{ name: 'X-Header-Set', value: 'set-overwrites-values' }],
                add: [{ name: 'X-Header-Add', value: 'add-appends-values' }],
                remove: ['X-Header-Remove'],
              },
            },
          ],
        }),
      ],
      'http://x.test/',
      {
        'x-header-set': 'some-other-value',
        'x-header-add': 'some-value',
        'X-Header-Remove': 'gone',
      },
    );
    const h = Object.fromEntries(r.request.headers.map((x) => [x.name.toLowerCase(), x.value]));
    expect(h['x-header-set']).toBe('set-overwrites-values');
    expect(h['x-header-add']).toBe('some-value,add-appends-values');
    expect(h['x-header-remove']).toBeUndefined();
  });

  it.each([
    // HTTPRequestRedirectFilter: status 302 by default; scheme change takes its well-known port
    [{ scheme: 'https' as const }, 'http://example.org/', 302, 'https://example.org/'],
    [
      { scheme: 'https' as const, statusCode: 301 as const },
      'http://example.org/a?x=1',
      301,
      'https://example.org/a?x=1',
    ],
    [{ hostname: 'example.org' }, 'http://redirect.test/', 302, 'http://example.org/'],
    [{ port: 8083 }, 'http://example.org/', 302, 'http://example.org:8083/'],
    [
      { path: { type: 'ReplaceFullPath' as const, replaceFullPath: '/full' } },
      'http://example.org/original-prefix/x',
      302,
      'http://example.org/full',
    ],
  ])('RequestRedirect %j of %s answers %i %s', (requestRedirect, url, status, location) => {
    const r = run([{ filters: [{ type: 'RequestRedirect', requestRedirect }] }], url);
    expect(r).toMatchObject({ outcome: 'redirect', status, location });
  });

  // HTTPPathModifier's table of ReplacePrefixMatch cases
  it.each([
    ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
    ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
    ['/foo', '/foo', '/xyz', '/xyz'],
    ['/foo/', '/foo', '/xyz', '/xyz/'],
    ['/foo/bar', '/foo', '', '/bar'],
    ['/foo/', '/foo', '', '/'],
    ['/foo', '/foo', '', '/'],
    ['/foo/', '/foo', '/', '/'],
    ['/foo', '/foo', '/', '/'],
  ])('URLRewrite of %s under prefix %s with %j gives %s', (path, prefix, replacement, want) => {
    const r = run(
      [
        to('b', [{ path: { type: 'PathPrefix', value: prefix } }], {
          filters: [
            {
              type: 'URLRewrite',
              urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: replacement } },
            },
          ],
        }),
      ],
      `http://x.test${path}`,
    );
    expect(r.request.path).toBe(want);
  });

  it('RequestMirror adds a copy to the mirror backend; the response comes from the backendRef', () => {
    const r = run(
      [
        to('infra-backend-v1', undefined, {
          filters: [
            {
              type: 'RequestMirror',
              requestMirror: { backendRef: { name: 'infra-backend-v2', port: 8080 } },
            },
          ],
        }),
      ],
      'http://x.test/mirror',
    );
    expect(r.backend?.ref.name).toBe('infra-backend-v1');
    expect(r.mirrors.map((m) => m.ref.name)).toEqual(['infra-backend-v2']);
  });
});

describe('weighted backends (conformance HTTPRouteWeight, HTTPRouteAllBackendsWeightZero)', () => {
  it('splits by weight: 90/10 over a uniform draw', () => {
    const refs = [
      { name: 'stable', port: 8080, weight: 90 },
      { name: 'canary', port: 8080, weight: 10 },
    ];
    const counts = { stable: 0, canary: 0 };
    for (let i = 0; i < 100; i++)
      counts[refs[pickBackend(refs, i / 100)!.index].name as 'stable' | 'canary']++;
    expect(counts).toEqual({ stable: 90, canary: 10 });
  });

  it('weight 0 never receives; all weights 0 answers 500', () => {
    expect(pickBackend([{ name: 'a', weight: 0 }, { name: 'b' }], 0.01)?.index).toBe(1);
    const w = world({
      routes: [route('r', [{ backendRefs: [{ name: 'a', port: 8080, weight: 0 }] }])],
    });
    expect(routeRequest(w.gateways[0], request('http://x.test/'), w, fixed(0))).toMatchObject({
      outcome: 'error',
      status: 500,
    });
  });
});
