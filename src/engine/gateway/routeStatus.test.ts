/**
 * Route attachment and reference resolution, as the conformance suite pins them
 * (kubernetes-sigs/gateway-api conformance/tests: HTTPRouteHostnameIntersection,
 * HTTPRouteInvalidCrossNamespaceParentRef, HTTPRouteInvalidCrossNamespaceBackendRef,
 * HTTPRouteInvalidNonExistentBackendRef, HTTPRouteReferenceGrant, HTTPRouteDisallowedKind),
 * and the Hostnames rules (gateway-api.sigs.k8s.io/concepts/hostnames).
 */
import { describe, expect, it } from 'vitest';
import { gateway, listener, request, route, to, world } from '../testing/gatewayWorld.ts';
import { effectiveHostnames, hostnameMatches, intersectHostname } from './hostnames.ts';
import { routeRequest } from './routeRequest.ts';
import { routeStatus } from './routeStatus.ts';

describe('hostnames (HTTPRouteSpec.Hostnames, Listener.Hostname)', () => {
  it.each([
    ['*.example.com', 'foo.example.com', true],
    // a Gateway API wildcard takes one or more labels, unlike an Ingress wildcard
    ['*.example.com', 'foo.bar.example.com', true],
    ['*.example.com', 'example.com', false],
    ['example.com', 'EXAMPLE.com:8080', true],
    ['example.com', 'www.example.com', false],
  ])('%s matches %s: %s', (name, host, want) => {
    expect(hostnameMatches(name, host)).toBe(want);
  });

  it.each([
    // "A Listener with test.example.com matches HTTPRoutes that have either not specified any
    // hostnames, or have specified at least one of test.example.com or *.example.com."
    ['test.example.com', 'test.example.com', 'test.example.com'],
    ['test.example.com', '*.example.com', 'test.example.com'],
    ['test.example.com', 'other.example.com', undefined],
    // "A Listener with *.example.com ... *.example.com, test.example.com and foo.test.example.com"
    ['*.example.com', '*.example.com', '*.example.com'],
    ['*.example.com', 'test.example.com', 'test.example.com'],
    ['*.example.com', 'foo.test.example.com', 'foo.test.example.com'],
    ['*.example.com', 'example.com', undefined],
    ['*.example.com', '*.com', '*.example.com'],
    [undefined, 'a.b', 'a.b'],
  ])('listener %s and route %s intersect in %s', (l, r, want) => {
    expect(intersectHostname(l, r)).toBe(want);
  });

  it('a route without hostnames takes the listener’s; a listener without hostname takes the route’s', () => {
    expect(effectiveHostnames('a.example.com', undefined)).toEqual(['a.example.com']);
    expect(effectiveHostnames(undefined, [])).toEqual(['*']);
    expect(effectiveHostnames(undefined, ['x.test'])).toEqual(['x.test']);
  });
});

describe('HTTPRouteHostnameIntersection (conformance/tests/httproute-hostname-intersection.yaml)', () => {
  const gw = gateway([
    listener({ name: 'listener-1', hostname: 'very.specific.com' }),
    listener({ name: 'listener-2', hostname: '*.wildcard.io' }),
    listener({ name: 'listener-3', hostname: '*.anotherwildcard.io' }),
  ]);
  const specific = route(
    'specific-host-matches-listener-specific-host',
    [to('v1', [{ path: { value: '/s1' } }])],
    {
      hostnames: ['non.matching.com', '*.nonmatchingwildcard.io', 'very.specific.com'],
    },
  );
  const wildcard = route(
    'specific-host-matches-listener-wildcard-host',
    [to('v2', [{ path: { value: '/s2' } }])],
    {
      hostnames: [
        'non.matching.com',
        'wildcard.io',
        'foo.wildcard.io',
        'bar.wildcard.io',
        'foo.bar.wildcard.io',
      ],
    },
  );
  const none = route('no-intersecting-hosts', [to('v3', [{ path: { value: '/s4' } }])], {
    hostnames: ['specific.but.wrong.com', 'wildcard.io'],
  });
  const w = world({ gateways: [gw], routes: [specific, wildcard, none] });
  const get = (url: string) => {
    const r = routeRequest(gw, request(url), w, () => 0);
    return r.outcome === 'forward' ? r.backend?.ref.name : r.status;
  };

  it.each([
    ['http://very.specific.com/s1', 'v1'],
    ['http://non.matching.com/s1', 404],
    ['http://foo.nonmatchingwildcard.io/s1', 404],
    ['http://foo.wildcard.io/s2', 'v2'],
    ['http://bar.wildcard.io/s2', 'v2'],
    ['http://foo.bar.wildcard.io/s2', 'v2'],
    ['http://non.matching.com/s2', 404],
    ['http://wildcard.io/s2', 404],
    ['http://very.specific.com/s2', 404],
    ['http://specific.but.wrong.com/s4', 404],
  ])('%s -> %s', (url, want) => {
    expect(get(url)).toBe(want);
  });

  it('a route sharing no hostname with any listener is not accepted: NoMatchingListenerHostname', () => {
    const s = routeStatus(none, w);
    expect(s.parents[0].accepted).toMatchObject({
      status: false,
      reason: 'NoMatchingListenerHostname',
    });
  });
});

describe('Accepted and ResolvedRefs reasons', () => {
  const ns = {
    'gateway-conformance-infra': {},
    'gateway-conformance-web-backend': { team: 'web' },
  };

  it.each([
    ['Same', undefined, 'gateway-conformance-web-backend', false, 'NotAllowedByListeners'],
    ['Same', undefined, 'gateway-conformance-infra', true, 'Accepted'],
    ['All', undefined, 'gateway-conformance-web-backend', true, 'Accepted'],
    [
      'Selector',
      { matchLabels: { team: 'web' } },
      'gateway-conformance-web-backend',
      true,
      'Accepted',
    ],
    [
      'Selector',
      { matchLabels: { team: 'web' } },
      'gateway-conformance-infra',
      false,
      'NotAllowedByListeners',
    ],
  ] as const)(
    'allowedRoutes from %s %j, route in %s: accepted %s (%s)',
    (from, selector, routeNs, ok, reason) => {
      const gw = gateway([listener({ allowedRoutes: { namespaces: { from, selector } } })], {
        namespace: 'gateway-conformance-infra',
      });
      const r = route('r', [to('web-backend')], {
        namespace: routeNs,
        parentRefs: [{ name: 'gw', namespace: 'gateway-conformance-infra' }],
      });
      const s = routeStatus(r, world({ gateways: [gw], routes: [r], namespaces: ns }));
      expect(s.parents[0].accepted).toMatchObject({ status: ok, reason });
    },
  );

  it('a sectionName that names no listener: NoMatchingParent; a missing Gateway too', () => {
    const r = route('wrong-section', [to('a')], {
      parentRefs: [{ name: 'gw', sectionName: 'http1' }, { name: 'nope' }],
    });
    const s = routeStatus(r, world({ routes: [r] }));
    expect(s.parents.map((p) => p.accepted.reason)).toEqual([
      'NoMatchingParent',
      'NoMatchingParent',
    ]);
  });

  it('HTTPRouteDisallowedKind: a listener that only takes other kinds refuses an HTTPRoute', () => {
    const gw = gateway([listener({ allowedRoutes: { kinds: [{ kind: 'TCPRoute' }] } })]);
    const r = route('r', [to('a')]);
    expect(routeStatus(r, world({ gateways: [gw], routes: [r] })).parents[0].accepted.reason).toBe(
      'NotAllowedByListeners',
    );
  });

  it('cross-namespace backend: RefNotPermitted without a ReferenceGrant, resolved with one; 500 when routed', () => {
    const r = route(
      'cross',
      [
        {
          backendRefs: [
            { name: 'web-backend', namespace: 'gateway-conformance-web-backend', port: 8080 },
          ],
        },
      ],
      {
        namespace: 'gateway-conformance-infra',
        parentRefs: [{ name: 'gw', namespace: 'gateway-conformance-infra' }],
      },
    );
    const gw = gateway([listener()], { namespace: 'gateway-conformance-infra' });
    const without = world({ gateways: [gw], routes: [r], namespaces: ns });
    expect(routeStatus(r, without).resolvedRefs).toMatchObject({
      status: false,
      reason: 'RefNotPermitted',
    });
    expect(routeRequest(gw, request('http://x.test/'), without, () => 0)).toMatchObject({
      outcome: 'error',
      status: 500,
    });

    const grant = {
      name: 'reference-grant',
      namespace: 'gateway-conformance-web-backend',
      from: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'HTTPRoute',
          namespace: 'gateway-conformance-infra',
        },
      ],
      to: [{ group: '', kind: 'Service', name: 'web-backend' }],
    };
    const withGrant = world({ gateways: [gw], routes: [r], namespaces: ns, grants: [grant] });
    expect(routeStatus(r, withGrant).resolvedRefs).toMatchObject({
      status: true,
      reason: 'ResolvedRefs',
    });
    expect(routeRequest(gw, request('http://x.test/'), withGrant, () => 0)).toMatchObject({
      outcome: 'forward',
    });
    // a grant for another Service name does not cover this one
    const other = { ...grant, to: [{ group: '', kind: 'Service', name: 'not-web-backend' }] };
    expect(
      routeStatus(r, world({ gateways: [gw], routes: [r], namespaces: ns, grants: [other] }))
        .resolvedRefs.reason,
    ).toBe('RefNotPermitted');
  });

  it('a backend that does not exist: BackendNotFound; a non-Service kind: InvalidKind', () => {
    const r = route('r', [
      { backendRefs: [{ name: 'nonexistent', port: 8080 }] },
      { backendRefs: [{ name: 'x', kind: 'Bucket', group: 'storage.example', port: 1 }] },
    ]);
    const w = world({ routes: [r], services: {} });
    const s = routeStatus(r, w);
    expect(s.backendProblems.map((p) => p.reason)).toEqual(['BackendNotFound', 'InvalidKind']);
    expect(s.resolvedRefs.message).toContain('no Service default/nonexistent');
  });

  it('a Gateway whose class does not exist leaves its routes Pending', () => {
    const gw = gateway([listener()], { gatewayClassName: 'missing' });
    const r = route('r', [to('a')]);
    expect(routeStatus(r, world({ gateways: [gw], routes: [r] })).parents[0].accepted.reason).toBe(
      'Pending',
    );
  });
});
