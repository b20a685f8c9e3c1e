/**
 * The Gateway datapath: client -> the Gateway's LoadBalancer address -> Envoy -> backend pod
 * (Envoy Gateway: gateway.envoyproxy.io "Gateway API Support"; routing rules as pinned in
 * gateway/routeRequest.test.ts from kubernetes-sigs/gateway-api conformance/tests).
 */
import { describe, expect, it } from 'vitest';
import { buildCluster } from '../cluster/buildCluster.ts';
import { gatewayProxyName, GATEWAY_PROXY_NAMESPACE } from '../gateway/gatewayProxies.ts';
import type { GatewaySpec, HTTPRouteRule, HTTPRouteSpec } from '../gateway/gatewaySpec.ts';
import type { ClusterSpec } from '../spec.ts';
import { cluster, pod, probe, svc, trace } from '../testing/builders.ts';
import { httpsListener, listener } from '../testing/gatewayWorld.ts';
import { podOf } from '../testing/readers.ts';
import { runProbe } from '../probe.ts';

const gw: GatewaySpec = {
  name: 'eg',
  gatewayClassName: 'eg',
  listeners: [listener(), httpsListener('shop-cert')],
};

const routes: HTTPRouteSpec[] = [
  {
    name: 'shop',
    parentRefs: [{ name: 'eg' }],
    hostnames: ['shop.example.com'],
    rules: [
      {
        matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
        filters: [
          {
            type: 'RequestHeaderModifier',
            requestHeaderModifier: { add: [{ name: 'X-Via', value: 'gateway' }] },
          },
        ],
        backendRefs: [
          { name: 'api', port: 80, weight: 90 },
          { name: 'api-canary', port: 80, weight: 10 },
        ],
      },
      { backendRefs: [{ name: 'web', port: 80 }] },
    ],
  },
  {
    name: 'redirect',
    parentRefs: [{ name: 'eg', sectionName: 'http' }],
    hostnames: ['secure.example.com'],
    rules: [
      {
        filters: [
          { type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } },
        ],
      },
    ],
  },
];

function spec(extra: Partial<ClusterSpec> = {}): ClusterSpec {
  return {
    ...cluster({
      pods: [
        pod('web-1', { labels: { app: 'web' }, ports: [80], node: 'node-2' }),
        pod('api-1', { labels: { app: 'api' }, ports: [80], node: 'node-2' }),
        pod('canary-1', { labels: { app: 'api-canary' }, ports: [80] }),
      ],
      services: [
        svc('web', { selector: { app: 'web' } }),
        svc('api', { selector: { app: 'api' } }),
        svc('api-canary', { selector: { app: 'api-canary' } }),
      ],
    }),
    gatewayClasses: [
      { name: 'eg', controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    ],
    gateways: [gw],
    httpRoutes: routes,
    ...extra,
  };
}

/** The cluster with one route on eg, for every host, in place of the usual ones. */
const onlyRoute = (name: string, rules: HTTPRouteRule[]) =>
  spec({ httpRoutes: [{ name, parentRefs: [{ name: 'eg' }], rules }] });

const withHttp = (url: string, http: NonNullable<Parameters<typeof runProbe>[1]['http']>) => ({
  ...probe('ext:user', url),
  http,
});

describe('the Gateway datapath', () => {
  it('Envoy Gateway runs a proxy pod and a LoadBalancer Service per Gateway', () => {
    const model = buildCluster(spec());
    const s = model.services.find((x) => x.namespace === GATEWAY_PROXY_NAMESPACE);
    expect(s?.name).toBe(gatewayProxyName(gw));
    expect(s?.type).toBe('LoadBalancer');
    expect(s?.ports.map((p) => [p.port, p.targetPort])).toEqual([
      [80, 10080],
      [443, 10443],
    ]);
    expect(s?.endpoints[0].length).toBe(1);
  });

  it('routes by rule and delivers from the proxy pod with the filter’s header and X-Forwarded-For', () => {
    const model = buildCluster(spec());
    const t = trace(model, probe('ext:user', 'http://shop.example.com/api/items'));
    expect(t.verdict).toBe('Delivered');
    expect(t.http).toMatchObject({ gateway: 'default/eg', route: 'default/shop', rule: 1 });
    const proxy = model.pods.find((p) => p.namespace === GATEWAY_PROXY_NAMESPACE)!;
    expect(t.seenSource).toBe(proxy.ip);
    const last = t.hops.at(-1)!;
    expect(last.after.http?.headers['X-Via']).toBe('gateway');
    expect(last.after.http?.headers['X-Forwarded-For']).toBe('198.51.100.7');
    expect(t.reply.at(-1)?.after.dst.ip).toBe('198.51.100.7');
  });

  it('the rest of the host goes to rule 2; the decision says why rule 1 did not match', () => {
    const t = trace(spec(), probe('ext:user', 'http://shop.example.com/about'));
    expect(t.http).toMatchObject({ rule: 2, backend: { service: 'web', port: 80 } });
    const rules = t.hops
      .flatMap((h) => h.decisions ?? [])
      .find((d) => d.kind === 'gateway-route')?.rules;
    expect(
      rules?.some((l) => l.includes('no match: rule 1') && l.includes('not under the prefix /api')),
    ).toBe(true);
  });

  it('a weighted split 90/10 shows over 20 sends', () => {
    const model = buildCluster(spec());
    const counts: Record<string, number> = {};
    for (let seed = 1; seed <= 100; seed++) {
      const t = runProbe(model, { ...probe('ext:user', 'http://shop.example.com/api'), seed });
      const s = t.http?.backend?.service ?? 'none';
      counts[s] = (counts[s] ?? 0) + 1;
    }
    expect(counts['api'] + counts['api-canary']).toBe(100);
    expect(counts['api-canary']).toBeGreaterThan(2);
    expect(counts['api-canary']).toBeLessThan(25);
  });

  it('Envoy’s choice lists every endpoint the weighted rule can reach with its share, for "send 20"', () => {
    const t = trace(spec(), { ...probe('ext:user', 'http://shop.example.com/api'), seed: 3 });
    const choice = t.hops
      .flatMap((h) => h.decisions ?? [])
      .filter((d) => d.kind === 'load-balancing' && d.candidates)
      .at(-1);
    expect(choice?.summary).toMatch(/api 90, api-canary 10 of 100/);
    expect(choice?.ref).toEqual({ kind: 'HTTPRoute', namespace: 'default', name: 'shop' });
    expect(choice?.candidates?.map((c) => [c.label, c.probability])).toEqual([
      ['default/api-1', 0.9],
      ['default/canary-1', 0.1],
    ]);
    // The one it marks chosen is the pod the request was delivered to.
    const chosen = choice?.candidates?.find((c) => c.chosen);
    expect(chosen?.label).toBe(`default/${t.deliveredTo?.pod.name}`);
  });

  it('a redirect is answered by the gateway, with the Location', () => {
    const t = trace(spec(), probe('ext:user', 'http://secure.example.com/a?b=1'));
    expect(t.http).toMatchObject({
      status: 301,
      location: 'https://secure.example.com/a?b=1',
      backend: null,
    });
    expect(t.deliveredTo?.pod.namespace).toBe(GATEWAY_PROXY_NAMESPACE);
    expect(t.reply.length).toBeGreaterThan(0);
  });

  it('an unmatched request answers 404 from the gateway', () => {
    const t = trace(spec(), withHttp('http://other.example.com/', { gateway: 'default/eg' }));
    expect(t.verdict).toBe('Dropped');
    expect(t.reason).toBe('NoRouteMatch');
    expect(t.http).toMatchObject({ status: 404, gateway: 'default/eg', backend: null });
  });

  it('method and headers from the probe reach the matcher', () => {
    const s = onlyRoute('m', [
      {
        matches: [{ method: 'POST', headers: [{ name: 'x-env', value: 'canary' }] }],
        backendRefs: [{ name: 'api-canary', port: 80 }],
      },
      { backendRefs: [{ name: 'web', port: 80 }] },
    ]);
    const backendFor = (method: string) =>
      trace(
        s,
        withHttp('http://a.test/', { method, headers: [{ name: 'X-Env', value: 'canary' }] }),
      ).http?.backend?.service;
    expect(backendFor('POST')).toBe('api-canary');
    expect(backendFor('GET')).toBe('web');
  });

  it('a mirrored request goes out as its own packet to the mirror backend', () => {
    const s = onlyRoute('mirror', [
      {
        filters: [
          {
            type: 'RequestMirror',
            requestMirror: { backendRef: { name: 'api-canary', port: 80 } },
          },
        ],
        backendRefs: [{ name: 'web', port: 80 }],
      },
    ]);
    const model = buildCluster(s);
    const t = trace(model, probe('ext:user', 'http://a.test/'));
    const canary = podOf(model, 'canary-1');
    expect(t.hops.some((h) => h.after.dst.ip === canary.ip)).toBe(true);
    expect(t.deliveredTo?.pod.name).toBe('web-1');
  });

  it('a Gateway whose class does not exist has no address', () => {
    const t = trace(
      spec({ gatewayClasses: [] }),
      withHttp('http://shop.example.com/', { gateway: 'eg' }),
    );
    expect(t.reason).toBe('GatewayNotProgrammed');
  });

  it('without a Gateway for the host, an Ingress still takes the URL', () => {
    const s = spec({
      ingresses: [
        {
          name: 'i',
          ingressClassName: 'nginx',
          rules: [
            {
              host: 'legacy.example.com',
              paths: [{ pathType: 'Prefix', path: '/', backend: { service: 'web', port: 80 } }],
            },
          ],
        },
      ],
    });
    const t = trace(s, probe('ext:user', 'http://legacy.example.com/'));
    expect(t.http).toBeUndefined();
    expect(t.deliveredTo?.pod.name).toBe('web-1');
  });
});
