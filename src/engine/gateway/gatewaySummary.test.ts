/**
 * The facts the canvas draws for Gateway API objects come from route status as the spec
 * defines it (gateway-api apis/v1 httproute_types.go RouteParentStatus, shared_types.go
 * RouteConditionReason; conformance tests HTTPRouteInvalidCrossNamespaceBackendRef and
 * GatewayObservedGenerationBump's attachedRoutes count, which counts routes per listener).
 */
import { describe, expect, it } from 'vitest';
import { gateway, httpsListener, listener, route, to, world } from '../testing/gatewayWorld.ts';
import { summarizeGatewayApi } from './gatewaySummary.ts';

describe('summarizeGatewayApi', () => {
  const gw = gateway([
    listener({ name: 'http' }),
    httpsListener('shop-cert', { hostname: 'shop.example.com' }),
  ]);

  it('counts attached routes per listener, as Gateway status.listeners[].attachedRoutes does', () => {
    const s = summarizeGatewayApi(
      world({
        gateways: [gw],
        routes: [
          route('web', [to('web')], { hostnames: ['shop.example.com'] }),
          route('only-http', [to('web')], { parentRefs: [{ name: 'gw', sectionName: 'http' }] }),
        ],
      }),
      () => '203.0.113.10',
    );
    expect(s.gateways).toHaveLength(1);
    const g = s.gateways[0];
    expect(g.key).toBe('Gateway/default/gw');
    expect(g.address).toBe('203.0.113.10');
    expect(g.programmed).toBe(true);
    expect(g.listeners.map((l) => [l.name, l.attachedRoutes, l.terminatesTls])).toEqual([
      ['http', 2, false],
      ['https', 1, true],
    ]);
  });

  it('says why a route is not attached and which backend does not resolve', () => {
    const s = summarizeGatewayApi(
      world({
        gateways: [gw],
        namespaces: { other: {} },
        routes: [
          route(
            'split',
            [
              {
                backendRefs: [
                  { name: 'v1', port: 8080, weight: 90 },
                  { name: 'v2', namespace: 'other', port: 8080, weight: 10 },
                ],
              },
            ],
            { parentRefs: [{ name: 'gw', sectionName: 'grpc' }, { name: 'missing' }] },
          ),
        ],
      }),
      () => null,
    );
    const r = s.httpRoutes[0];
    expect(r.key).toBe('HTTPRoute/default/split');
    expect(r.parents.map((p) => [p.gatewayKey, p.accepted, p.reason])).toEqual([
      ['Gateway/default/gw', false, 'NoMatchingParent'],
      [null, false, 'NoMatchingParent'],
    ]);
    expect(r.parents[0].message).toContain('no listener named "grpc"');
    expect(r.resolvedRefs.reason).toBe('RefNotPermitted');
    expect(r.backends.map((b) => [b.serviceKey, b.weight, b.problem === null])).toEqual([
      ['Service/default/v1', 90, true],
      ['Service/other/v2', 10, false],
    ]);
    expect(s.gateways[0].listeners.every((l) => l.attachedRoutes === 0)).toBe(true);
  });

  it('lists a RequestMirror backend as a mirror with no weight', () => {
    const s = summarizeGatewayApi(
      world({
        gateways: [gw],
        routes: [
          route('m', [
            to('web', undefined, {
              filters: [
                {
                  type: 'RequestMirror',
                  requestMirror: { backendRef: { name: 'shadow', port: 8080 } },
                },
              ],
            }),
          ]),
        ],
      }),
      () => null,
    );
    expect(s.httpRoutes[0].backends.map((b) => [b.serviceKey, b.mirror])).toEqual([
      ['Service/default/web', false],
      ['Service/default/shadow', true],
    ]);
  });
});
