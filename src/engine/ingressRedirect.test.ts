/**
 * Plain HTTP to a host with TLS, per controller:
 * - ingress-nginx, user-guide/nginx-configuration/annotations.md, "Server-side HTTPS enforcement
 *   through redirect": "By default the controller redirects (308) to HTTPS if TLS is enabled for
 *   that ingress"; `nginx.ingress.kubernetes.io/ssl-redirect: "false"` disables it per Ingress;
 *   `force-ssl-redirect: "true"` redirects even when TLS is not available (configmap.md:
 *   `ssl-redirect` default true).
 * - HAProxy Ingress, haproxy-ingress.github.io/docs/configuration/keys, "ssl-redirect": true by
 *   default, only for hostnames with TLS; `ssl-redirect-code` (global) 302 by default.
 */
import { describe, expect, it } from 'vitest';
import { parseUrl } from './ingress.ts';
import { sslRedirectFor } from './ingressRedirect.ts';
import type { IngressControllerType, IngressSpec } from './spec.ts';
import { cluster, probe, svc, trace, webPod } from './testing/builders.ts';

const shop = (extra: Partial<IngressSpec> = {}): IngressSpec => ({
  name: 'shop',
  rules: [
    {
      host: 'shop.example.com',
      paths: [{ path: '/', pathType: 'Prefix', backend: { service: 'web', port: 80 } }],
    },
  ],
  ...extra,
});
const tls = { tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] };

describe('ssl-redirect', () => {
  it.each([
    // [case, controller, Ingress, url, status or undefined]
    ['nginx, TLS for the host, http', 'nginx', shop(tls), 'http://shop.example.com/cart', 308],
    [
      'nginx, TLS for the host, https',
      'nginx',
      shop(tls),
      'https://shop.example.com/cart',
      undefined,
    ],
    ['nginx, no TLS', 'nginx', shop(), 'http://shop.example.com/cart', undefined],
    [
      'nginx, TLS for another host',
      'nginx',
      shop({ tls: [{ hosts: ['other.example.com'] }] }),
      'http://shop.example.com/',
      undefined,
    ],
    [
      'nginx, ssl-redirect "false"',
      'nginx',
      shop({ ...tls, annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } }),
      'http://shop.example.com/',
      undefined,
    ],
    [
      'nginx, force-ssl-redirect without TLS',
      'nginx',
      shop({ annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' } }),
      'http://shop.example.com/',
      308,
    ],
    ['haproxy, TLS for the host', 'haproxy', shop(tls), 'http://shop.example.com/', 302],
    [
      'haproxy, ssl-redirect "false"',
      'haproxy',
      shop({ ...tls, annotations: { 'haproxy-ingress.github.io/ssl-redirect': 'false' } }),
      'http://shop.example.com/',
      undefined,
    ],
    [
      'haproxy, older prefix ingress.kubernetes.io',
      'haproxy',
      shop({ ...tls, annotations: { 'ingress.kubernetes.io/ssl-redirect': 'false' } }),
      'http://shop.example.com/',
      undefined,
    ],
    [
      'haproxy ignores the nginx annotation',
      'haproxy',
      shop({ ...tls, annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } }),
      'http://shop.example.com/',
      302,
    ],
  ] as const)('%s', (_case, controller, ingress, url, status) => {
    const r = sslRedirectFor(ingress, controller as IngressControllerType, parseUrl(url)!);
    expect(r?.status).toBe(status);
    if (r) expect(r.location).toBe(url.replace('http://', 'https://'));
  });

  it('is answered at the controller: no backend hop, the 308 goes back to the client', () => {
    const spec = {
      ...cluster({
        pods: [webPod('web-1')],
        services: [
          svc('web', { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] }),
        ],
        ingresses: [shop({ ingressClassName: 'nginx', ...tls })],
      }),
    };
    const t = trace(spec, probe('ext:user', 'http://shop.example.com/cart'));
    expect(t.http?.status).toBe(308);
    expect(t.http?.location).toBe('https://shop.example.com/cart');
    expect(t.http?.backend).toBeNull();
    const last = t.hops.at(-1)!;
    expect(last.location.place).toBe('IngressController');
    expect(last.explanation).toMatch(
      /308 Permanent Redirect with Location: https:\/\/shop\.example\.com\/cart/,
    );
    // Nothing after the controller: no hop reaches the web pod.
    expect(t.hops.some((h) => h.location.at?.name === 'web-1')).toBe(false);
    expect(t.reply.at(-1)!.after.dst).toEqual(t.hops[0].before.src);
    // Over HTTPS the same URL reaches web.
    const https = trace(spec, probe('ext:user', 'https://shop.example.com/cart'));
    expect(https.deliveredTo?.pod.name).toBe('web-1');
  });
});
