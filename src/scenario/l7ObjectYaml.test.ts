/**
 * The inspector's YAML for Gateway API and Cilium objects goes through the importer and
 * exporter: a round trip keeps the object, and what the importer refuses is refused here with
 * its line (field names from gateway-api apis/v1 gateway_types.go and httproute_types.go;
 * cilium.io/v2 CiliumNetworkPolicy as docs.cilium.io "Layer 7 Examples" writes it).
 */
import { describe, expect, it } from 'vitest';
import { ciliumIngress } from '../engine/testing/ciliumPolicies.ts';
import { httpsListener } from '../engine/testing/gatewayWorld.ts';
import type { GatewaySpec, HTTPRouteSpec } from '../engine/gateway/gatewaySpec.ts';
import { l7ObjectToYaml, parseL7ObjectYaml } from './l7ObjectYaml.ts';

const gateway: GatewaySpec = {
  name: 'web',
  namespace: 'shop',
  gatewayClassName: 'eg',
  listeners: [
    httpsListener('shop-cert', {
      hostname: 'shop.example.com',
      allowedRoutes: { namespaces: { from: 'All' } },
    }),
  ],
};
const route: HTTPRouteSpec = {
  name: 'canary',
  parentRefs: [{ name: 'web', namespace: 'shop' }],
  hostnames: ['shop.example.com'],
  rules: [
    {
      matches: [{ path: { type: 'PathPrefix', value: '/api' }, method: 'GET' }],
      backendRefs: [
        { name: 'v1', port: 8080, weight: 90 },
        { name: 'v2', port: 8080, weight: 10 },
      ],
    },
  ],
};
const l7 = ciliumIngress('only-get', { app: 'api' }, { app: 'web' }, '8080', [
  { method: 'GET', path: '/public/.*' },
]);

describe('one layer-7 object as YAML', () => {
  it.each([
    ['Gateway', gateway],
    ['HTTPRoute', route],
    ['CiliumNetworkPolicy', l7],
  ] as const)('a %s survives the round trip', (kind, spec) => {
    const text = l7ObjectToYaml({ kind, spec } as never);
    expect(text).toContain(`kind: ${kind}`);
    const back = parseL7ObjectYaml(text, kind);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.object.spec).toEqual(spec);
  });

  it('refuses a listener protocol the model does not have, on its line', () => {
    const text = l7ObjectToYaml({ kind: 'Gateway', spec: gateway }).replace(
      'protocol: HTTPS',
      'protocol: UDP',
    );
    const result = parseL7ObjectYaml(text, 'Gateway');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0].message).toMatch(/^listeners.0.protocol: .*HTTP/);
    expect(result.errors[0].line).toBe(
      text.split('\n').findIndex((l) => l.includes('protocol: UDP')) + 1,
    );
  });

  it.each([
    ['', /empty/],
    [
      'kind: Service\napiVersion: v1\nmetadata: {name: a}\nspec: {ports: [{port: 80}]}',
      /also holds Service a/,
    ],
  ])('refuses anything but one HTTPRoute: %#', (text, message) => {
    const result = parseL7ObjectYaml(text, 'HTTPRoute');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0].message).toMatch(message);
  });
});
