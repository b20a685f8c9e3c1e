/**
 * Gallery scenarios for layer 7: Gateway API routing (host and path, header match, a canary
 * split, a redirect to HTTPS, a backend in another namespace with and without a
 * ReferenceGrant). Each flow's promised outcome is checked by l7Gallery.test.ts.
 */
import type { GatewaySpec, HTTPRouteSpec } from '../../engine/gateway/gatewaySpec.ts';
import {
  DEFAULT_SETTINGS,
  type ClusterSpec,
  type PodSpec,
  type ServiceSpec,
} from '../../engine/spec.ts';
import type { Probe } from '../../engine/trace.ts';
import type { ScenarioDocument } from '../scenarioDocument.ts';

/** What an L7 gallery flow must come to (Trace.http). */
export interface L7Expectation {
  readonly verdict: 'Delivered' | 'Dropped';
  readonly reason?: string;
  readonly status?: number;
  readonly route?: string;
  readonly rule?: number;
  readonly service?: string;
}

export interface L7GalleryEntry {
  readonly id: string;
  readonly topic: string;
  readonly scenario: ScenarioDocument;
  readonly expect: L7Expectation;
}

const app = (name: string, nodeName: string, namespace?: string): PodSpec => ({
  name,
  nodeName,
  ...(namespace ? { namespace } : {}),
  labels: { app: name.replace(/-\d+$/, '') },
  containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }] }],
});
const service = (name: string, namespace?: string): ServiceSpec => ({
  name,
  ...(namespace ? { namespace } : {}),
  selector: { app: name },
  ports: [{ port: 80, targetPort: 8080 }],
});
const to = (name: string, extra: Record<string, unknown> = {}) => ({ name, port: 80, ...extra });

/** Envoy Gateway's class and one Gateway `eg` in default with HTTP on 80 and HTTPS on 443. */
const envoyGateway = {
  gatewayClasses: [{ name: 'eg', controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' }],
  gateways: [
    {
      name: 'eg',
      gatewayClassName: 'eg',
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
        {
          name: 'https',
          port: 443,
          protocol: 'HTTPS',
          tls: { certificateRefs: [{ name: 'example-com-tls' }] },
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ],
    },
  ] satisfies GatewaySpec[],
};

function gatewayScenario(
  title: string,
  description: string,
  parts: Partial<ClusterSpec> & { httpRoutes: HTTPRouteSpec[] },
  flow: Probe,
): ScenarioDocument {
  return {
    title,
    description,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [],
      services: [],
      externalClients: [{ name: 'visitor', ip: '198.51.100.7' }],
      ...envoyGateway,
      ...parts,
    },
    layout: {},
    flow,
  };
}

const visitor = { kind: 'external', name: 'visitor' } as const;
const url = (u: string, http?: Probe['http']): Probe => ({
  from: visitor,
  to: { kind: 'url', url: u },
  ...(http ? { http } : {}),
});

const shopRoute: HTTPRouteSpec = {
  name: 'shop',
  parentRefs: [{ name: 'eg' }],
  hostnames: ['shop.example.com'],
  rules: [
    { matches: [{ path: { type: 'PathPrefix', value: '/api' } }], backendRefs: [to('api')] },
    { backendRefs: [to('web')] },
  ],
};
const blogRoute: HTTPRouteSpec = {
  name: 'blog',
  parentRefs: [{ name: 'eg' }],
  hostnames: ['blog.example.com'],
  rules: [{ backendRefs: [to('blog')] }],
};
const hostAndPath = {
  pods: [app('web-1', 'node-1'), app('api-1', 'node-2'), app('blog-1', 'node-2')],
  services: [service('web'), service('api'), service('blog')],
  httpRoutes: [shopRoute, blogRoute],
};

const crossNamespace = (
  grant: boolean,
): Partial<ClusterSpec> & { httpRoutes: HTTPRouteSpec[] } => ({
  namespaces: [{ name: 'store' }, { name: 'payments' }],
  pods: [app('checkout-1', 'node-2', 'payments')],
  services: [service('checkout', 'payments')],
  httpRoutes: [
    {
      name: 'store',
      namespace: 'store',
      parentRefs: [{ name: 'eg', namespace: 'default' }],
      hostnames: ['store.example.com'],
      rules: [{ backendRefs: [to('checkout', { namespace: 'payments' })] }],
    },
  ],
  ...(grant
    ? {
        referenceGrants: [
          {
            name: 'store-routes-to-checkout',
            namespace: 'payments',
            from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'store' }],
            to: [{ group: '', kind: 'Service', name: 'checkout' }],
          },
        ],
      }
    : {}),
});

/** The shop behind the Gateway, on Cilium, with an L7 policy in front of web. */
export const ciliumL7Cluster = (): Partial<ClusterSpec> & { httpRoutes: HTTPRouteSpec[] } => ({
  settings: { ...DEFAULT_SETTINGS, cni: { plugin: 'cilium', mode: 'vxlan' } },
  pods: [
    app('web-1', 'node-2'),
    {
      name: 'client',
      nodeName: 'node-1',
      labels: { app: 'client' },
      containers: [{ name: 'curl', image: 'curlimages/curl' }],
    },
  ],
  services: [service('web')],
  httpRoutes: [
    {
      name: 'shop',
      parentRefs: [{ name: 'eg' }],
      hostnames: ['shop.example.com'],
      rules: [{ backendRefs: [to('web')] }],
    },
  ],
  ciliumPolicies: [
    {
      kind: 'CiliumNetworkPolicy',
      name: 'web-read-only',
      description: 'Only the gateway may call web, and only GET under /public',
      endpointSelector: { matchLabels: { app: 'web' } },
      ingress: [
        {
          fromEndpoints: [
            { matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'envoy-gateway-system' } },
          ],
          toPorts: [
            {
              ports: [{ port: '8080', protocol: 'TCP' }],
              rules: { http: [{ method: 'GET', path: '/public(/.*)?' }] },
            },
          ],
        },
      ],
    },
  ],
});

/** app and app-canary behind HTTPRoute app on app.example.com, with the rules given. */
const appAndCanary = (rules: HTTPRouteSpec['rules']) => ({
  pods: [app('app-1', 'node-1'), app('app-canary-1', 'node-2')],
  services: [service('app'), service('app-canary')],
  httpRoutes: [
    { name: 'app', parentRefs: [{ name: 'eg' }], hostnames: ['app.example.com'], rules },
  ],
});

export const L7_GALLERY: readonly L7GalleryEntry[] = [
  {
    id: 'gateway-host-path',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: host and path routing',
      'One Gateway (Envoy Gateway) serves two hosts. HTTPRoute shop sends shop.example.com/api to Service api and the rest of the host to web; HTTPRoute blog takes blog.example.com. The request for /api/cart matches rule 1 (the longer prefix); Envoy connects from its own pod to an api pod.',
      hostAndPath,
      url('http://shop.example.com/api/cart'),
    ),
    expect: { verdict: 'Delivered', route: 'default/shop', rule: 1, service: 'api' },
  },
  {
    id: 'gateway-header',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: a header picks the backend',
      'Rule 1 of HTTPRoute app matches only requests with the header x-env: canary and sends them to app-canary; every other request falls to rule 2 and app. This request carries the header; try it without to see rule 2 take it.',
      appAndCanary([
        {
          matches: [{ headers: [{ name: 'x-env', value: 'canary' }] }],
          backendRefs: [to('app-canary')],
        },
        { backendRefs: [to('app')] },
      ]),
      url('http://app.example.com/', { headers: [{ name: 'x-env', value: 'canary' }] }),
    ),
    expect: { verdict: 'Delivered', route: 'default/app', rule: 1, service: 'app-canary' },
  },
  {
    id: 'gateway-canary',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: a canary split 90/10',
      'The one rule of HTTPRoute app has two weighted backends: app with weight 90 and app-canary with weight 10. Each request is sent to one of them in that proportion: press "send 20" to see the split.',
      appAndCanary([
        { backendRefs: [to('app', { weight: 90 }), to('app-canary', { weight: 10 })] },
      ]),
      url('http://app.example.com/'),
    ),
    expect: { verdict: 'Delivered', route: 'default/app', rule: 1 },
  },
  {
    id: 'gateway-redirect',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: redirect HTTP to HTTPS',
      'HTTPRoute to-https is attached only to the http listener (sectionName http) and has a RequestRedirect filter with scheme https and status 301. Envoy answers the plain-HTTP request itself with Location: https://…; HTTPRoute shop serves the HTTPS listener.',
      {
        pods: [app('web-1', 'node-2')],
        services: [service('web')],
        httpRoutes: [
          {
            name: 'to-https',
            parentRefs: [{ name: 'eg', sectionName: 'http' }],
            hostnames: ['shop.example.com'],
            rules: [
              {
                filters: [
                  {
                    type: 'RequestRedirect',
                    requestRedirect: { scheme: 'https', statusCode: 301 },
                  },
                ],
              },
            ],
          },
          {
            name: 'shop',
            parentRefs: [{ name: 'eg', sectionName: 'https' }],
            hostnames: ['shop.example.com'],
            rules: [{ backendRefs: [to('web')] }],
          },
        ],
      },
      url('http://shop.example.com/cart'),
    ),
    expect: { verdict: 'Delivered', status: 301, route: 'default/to-https', rule: 1 },
  },
  {
    id: 'gateway-cross-namespace-denied',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: a backend in another namespace, no ReferenceGrant',
      'HTTPRoute store (namespace store) sends to Service checkout in namespace payments. Nothing in payments allows that, so the route’s ResolvedRefs condition is False with reason RefNotPermitted and Envoy answers 500 for every request the rule takes.',
      crossNamespace(false),
      url('http://store.example.com/pay'),
    ),
    expect: { verdict: 'Dropped', reason: 'BackendUnavailable', status: 500 },
  },
  {
    id: 'gateway-cross-namespace-granted',
    topic: 'Gateway API',
    scenario: gatewayScenario(
      'Gateway API: the same backend with a ReferenceGrant',
      'A ReferenceGrant in namespace payments lets HTTPRoutes from namespace store refer to Service checkout. The reference resolves and Envoy sends the request to the checkout pod.',
      crossNamespace(true),
      url('http://store.example.com/pay'),
    ),
    expect: { verdict: 'Delivered', route: 'store/store', rule: 1, service: 'checkout' },
  },
  {
    id: 'cilium-l7-policy',
    topic: 'Cilium policy',
    scenario: gatewayScenario(
      'Cilium: an HTTP-aware policy answers 403',
      'CiliumNetworkPolicy web-read-only lets only the Gateway’s Envoy pods reach web on TCP 8080, and only for GET requests under /public. This request for /admin is allowed as a connection, but Cilium’s own Envoy on node-2 reads it, finds no HTTP rule that matches, and answers 403 itself. Try /public/index.html to see it pass. In Policies, the matrix on TCP 8080 shows the client kept out and, with System pods, Envoy’s connection marked L7.',
      ciliumL7Cluster(),
      url('http://shop.example.com/admin'),
    ),
    expect: { verdict: 'Dropped', reason: 'HttpDenied', status: 403 },
  },
];
