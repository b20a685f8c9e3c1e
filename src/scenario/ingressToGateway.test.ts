/**
 * Ingress to Gateway API, pinned to what ingress2gateway writes (kubernetes-sigs/ingress2gateway
 * pkg/i2gw/providers/common/converter.go, converter_test.go and utils.go NameFromHost) and to
 * the Gateway API spec (HTTPPathMatch types Exact and PathPrefix, apis/v1 httproute_types.go;
 * Listener hostname and TLS, gateway_types.go). store/gatewayEdits.test.ts routes a request
 * through the Ingress and through the converted Gateway.
 */
import { describe, expect, it } from 'vitest';
import type { IngressSpec } from '../engine/spec.ts';
import { convertIngress, nameFromHost } from './ingressToGateway.ts';

const context = {
  defaultClass: 'nginx',
  portNumber: (_ns: string, service: string, name: string) =>
    service === 'web' && name === 'http' ? 8080 : undefined,
};

describe('nameFromHost (utils.go NameFromHost)', () => {
  it.each([
    ['shop.example.com', 'shop-example-com'],
    ['*.example.com', 'example-com'],
    ['', 'all-hosts'],
    ['*', 'all-hosts'],
  ])('%s -> %s', (host, name) => expect(nameFromHost(host)).toBe(name));
});

describe('convertIngress (converter.go)', () => {
  it('one Gateway named after the class, a listener per host, a route per host, a rule per path', () => {
    const ingress: IngressSpec = {
      name: 'shop',
      namespace: 'store',
      ingressClassName: 'nginx',
      rules: [
        {
          host: 'shop.example.com',
          paths: [
            { path: '/api', pathType: 'Prefix', backend: { service: 'api', port: 80 } },
            { path: '/health', pathType: 'Exact', backend: { service: 'web', port: 'http' } },
          ],
        },
        {
          host: 'blog.example.com',
          paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'blog', port: 80 } }],
        },
      ],
    };
    const out = convertIngress(ingress, context);
    expect(out.gateway).toEqual({
      name: 'nginx',
      namespace: 'store',
      gatewayClassName: 'nginx',
      listeners: [
        { name: 'shop-example-com-http', port: 80, protocol: 'HTTP', hostname: 'shop.example.com' },
        { name: 'blog-example-com-http', port: 80, protocol: 'HTTP', hostname: 'blog.example.com' },
      ],
    });
    expect(out.httpRoutes).toEqual([
      {
        name: 'shop-shop-example-com',
        namespace: 'store',
        parentRefs: [{ name: 'nginx' }],
        hostnames: ['shop.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
            backendRefs: [{ name: 'api', port: 80 }],
          },
          {
            // a named port is looked up on the Service
            matches: [{ path: { type: 'Exact', value: '/health' } }],
            backendRefs: [{ name: 'web', port: 8080 }],
          },
        ],
      },
      {
        name: 'shop-blog-example-com',
        namespace: 'store',
        parentRefs: [{ name: 'nginx' }],
        hostnames: ['blog.example.com'],
        rules: [
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' } }],
            backendRefs: [{ name: 'blog', port: 80 }],
          },
        ],
      },
    ]);
    expect(out.notes).toEqual([]);
  });

  it('TLS adds an HTTPS listener on 443 for each host with the Secrets as certificateRefs', () => {
    const out = convertIngress(
      {
        name: 'web',
        ingressClassName: 'haproxy',
        tls: [{ hosts: ['a.test'], secretName: 'a-cert' }],
        rules: [
          {
            host: 'a.test',
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } }],
          },
        ],
      },
      context,
    );
    expect(out.gateway.gatewayClassName).toBe('haproxy');
    expect(out.gateway.listeners).toEqual([
      { name: 'a-test-http', port: 80, protocol: 'HTTP', hostname: 'a.test' },
      {
        name: 'a-test-https',
        port: 443,
        protocol: 'HTTPS',
        hostname: 'a.test',
        tls: { certificateRefs: [{ name: 'a-cert' }] },
      },
    ]);
  });

  it('a rule without host takes the one TLS host; paths of the same type and value share a rule', () => {
    const out = convertIngress(
      {
        name: 'x',
        annotations: { 'kubernetes.io/ingress.class': 'old' },
        tls: [{ hosts: ['only.test'], secretName: 's' }],
        rules: [
          {
            paths: [
              { path: '/', pathType: 'Prefix', backend: { service: 'a', port: 80 } },
              { path: '/', pathType: 'Prefix', backend: { service: 'b', port: 80 } },
            ],
          },
        ],
      },
      context,
    );
    expect(out.className).toBe('old');
    expect(out.gateway.listeners.map((l) => [l.name, l.hostname])).toEqual([
      ['only-test-http', 'only.test'],
      ['only-test-https', 'only.test'],
    ]);
    expect(out.httpRoutes[0].name).toBe('x-all-hosts');
    expect(out.httpRoutes[0].hostnames).toBeUndefined();
    expect(out.httpRoutes[0].rules?.[0].backendRefs).toEqual([
      { name: 'a', port: 80 },
      { name: 'b', port: 80 },
    ]);
  });

  it('the default backend becomes a route of its own without hostnames; what has no equivalent is named', () => {
    const out = convertIngress(
      {
        name: 'site',
        rules: [
          {
            host: 'site.test',
            paths: [
              {
                path: '/(.*)',
                pathType: 'ImplementationSpecific',
                backend: { service: 'a', port: 80 },
              },
              { path: '/x', pathType: 'Prefix', backend: { service: 'a', port: 'grpc' } },
            ],
          },
        ],
        defaultBackend: { service: 'fallback', port: 80 },
      },
      context,
    );
    expect(out.className).toBe('nginx');
    expect(out.httpRoutes.at(-1)).toEqual({
      name: 'site-default-backend',
      parentRefs: [{ name: 'nginx' }],
      rules: [{ backendRefs: [{ name: 'fallback', port: 80 }] }],
    });
    expect(out.notes).toHaveLength(2);
    expect(out.notes[0]).toMatch(/ImplementationSpecific/);
    expect(out.notes[1]).toMatch(/no port named "grpc"/);
  });
});
