/**
 * The schema of the Gateway API objects, Cilium policies and the HTTP part of a probe, built
 * from the document schema's own primitives (passed in, so the names, ports and selectors obey
 * the same rules and caps as every other object).
 */
import { z } from 'zod';
import { CILIUM_ENTITIES } from '../engine/cilium/ciliumSpec.ts';
import { HTTP_METHODS } from '../engine/gateway/gatewaySpec.ts';
import type { LabelSelector } from '../engine/spec.ts';

export const L7_LIMITS = {
  gateways: 200,
  httpRoutes: 1_000,
  referenceGrants: 500,
  ciliumPolicies: 2_000,
  headers: 32,
  pattern: 1_024,
} as const;

interface Primitives {
  readonly name: z.ZodType<string>;
  readonly text: z.ZodType<string>;
  readonly port: z.ZodType<number>;
  readonly labelSelector: z.ZodType<LabelSelector>;
  readonly rulesMax: number;
}

export function l7Schemas({ name, text, port, labelSelector, rulesMax }: Primitives) {
  const list = <T extends z.ZodTypeAny>(t: T, max = rulesMax) => z.array(t).max(max).optional();
  const header = z.object({ name: text, value: z.string().max(L7_LIMITS.pattern) });
  const headerFilter = z.object({
    set: list(header, L7_LIMITS.headers),
    add: list(header, L7_LIMITS.headers),
    remove: list(text, L7_LIMITS.headers),
  });
  const pathModifier = z.discriminatedUnion('type', [
    z.object({ type: z.literal('ReplaceFullPath'), replaceFullPath: z.string().max(1024) }),
    z.object({ type: z.literal('ReplacePrefixMatch'), replacePrefixMatch: z.string().max(1024) }),
  ]);
  const backendObjectRef = z.object({
    name,
    namespace: name.optional(),
    kind: text.optional(),
    group: z.string().max(253).optional(),
    port: port.optional(),
  });
  const filter = z.object({
    type: z.enum([
      'RequestHeaderModifier',
      'ResponseHeaderModifier',
      'RequestRedirect',
      'URLRewrite',
      'RequestMirror',
    ]),
    requestHeaderModifier: headerFilter.optional(),
    responseHeaderModifier: headerFilter.optional(),
    requestRedirect: z
      .object({
        scheme: z.enum(['http', 'https']).optional(),
        hostname: text.optional(),
        path: pathModifier.optional(),
        port: port.optional(),
        statusCode: z
          .union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)])
          .optional(),
      })
      .optional(),
    urlRewrite: z.object({ hostname: text.optional(), path: pathModifier.optional() }).optional(),
    requestMirror: z
      .object({ backendRef: backendObjectRef, percent: z.number().min(0).max(100).optional() })
      .optional(),
  });
  const match = z.object({
    path: z
      .object({
        type: z.enum(['Exact', 'PathPrefix']).optional(),
        value: z.string().max(1024).optional(),
      })
      .optional(),
    headers: list(
      z.object({ type: z.literal('Exact').optional(), name: text, value: z.string().max(4096) }),
      16,
    ),
    queryParams: list(
      z.object({ type: z.literal('Exact').optional(), name: text, value: z.string().max(1024) }),
      16,
    ),
    method: z.enum(HTTP_METHODS).optional(),
  });
  const httpRoute = z.object({
    name,
    namespace: name.optional(),
    creationTimestamp: z.string().max(64).optional(),
    parentRefs: z
      .array(
        z.object({
          name,
          namespace: name.optional(),
          group: z.string().max(253).optional(),
          kind: text.optional(),
          sectionName: name.optional(),
          port: port.optional(),
        }),
      )
      .max(32),
    hostnames: list(text, 16),
    rules: list(
      z.object({
        name: name.optional(),
        matches: list(match, 64),
        filters: list(filter, 16),
        backendRefs: list(
          backendObjectRef.extend({ weight: z.number().int().min(0).max(1_000_000).optional() }),
          16,
        ),
      }),
      64,
    ),
  });
  const gateway = z.object({
    name,
    namespace: name.optional(),
    gatewayClassName: name,
    listeners: z
      .array(
        z.object({
          name,
          port,
          protocol: z.enum(['HTTP', 'HTTPS']),
          hostname: text.optional(),
          tls: z
            .object({
              mode: z.enum(['Terminate', 'Passthrough']).optional(),
              certificateRefs: list(
                z.object({
                  name,
                  namespace: name.optional(),
                  kind: text.optional(),
                  group: z.string().max(253).optional(),
                }),
                64,
              ),
            })
            .optional(),
          allowedRoutes: z
            .object({
              namespaces: z
                .object({
                  from: z.enum(['Same', 'All', 'Selector']).optional(),
                  selector: labelSelector.optional(),
                })
                .optional(),
              kinds: list(z.object({ group: z.string().max(253).optional(), kind: text }), 8),
            })
            .optional(),
        }),
      )
      .min(1)
      .max(64),
    addresses: list(z.object({ type: text.optional(), value: text }), 16),
  });
  const referenceGrant = z.object({
    name,
    namespace: name.optional(),
    from: z.array(z.object({ group: z.string().max(253), kind: text, namespace: name })).max(16),
    to: z
      .array(z.object({ group: z.string().max(253), kind: text, name: name.optional() }))
      .max(16),
  });
  const pattern = z.string().max(L7_LIMITS.pattern);
  // Cilium selectors may prefix a key with its source: `k8s:app`, `any:app`, `reserved:host`.
  const ciliumKey = z
    .string()
    .max(253)
    .regex(
      /^((k8s|any|reserved):)?([a-z0-9]([-a-z0-9.]*[a-z0-9])?\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/,
      'is not a valid label key',
    );
  const ciliumValue = z
    .string()
    .max(63)
    .regex(/^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/, 'is not a valid label value');
  const ciliumSelector = z.object({
    matchLabels: z
      .record(ciliumKey, ciliumValue)
      .refine((l) => Object.keys(l).length <= 64, 'at most 64 labels')
      .optional(),
    matchExpressions: list(
      z.object({
        key: ciliumKey,
        operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
        values: list(ciliumValue, 64),
      }),
      64,
    ),
  });
  const dnsRule = z.object({ matchName: text.optional(), matchPattern: text.optional() });
  const portRule = z.object({
    ports: list(
      z.object({
        port: z.string().max(63).optional(),
        endPort: port.optional(),
        protocol: z.enum(['TCP', 'UDP', 'SCTP', 'ANY']).optional(),
      }),
      40,
    ),
    rules: z
      .object({
        http: list(
          z.object({
            method: pattern.optional(),
            path: pattern.optional(),
            host: pattern.optional(),
            headers: list(z.string().max(L7_LIMITS.pattern), L7_LIMITS.headers),
          }),
        ),
        dns: list(dnsRule),
      })
      .optional(),
  });
  const cidrSet = z.object({ cidr: text, except: list(text) });
  const entities = list(z.enum(CILIUM_ENTITIES), CILIUM_ENTITIES.length);
  const ingressRule = z.object({
    fromEndpoints: list(ciliumSelector),
    fromCIDR: list(text),
    fromCIDRSet: list(cidrSet),
    fromEntities: entities,
    toPorts: list(portRule),
  });
  const egressRule = z.object({
    toEndpoints: list(ciliumSelector),
    toCIDR: list(text),
    toCIDRSet: list(cidrSet),
    toEntities: entities,
    toFQDNs: list(dnsRule),
    toPorts: list(portRule),
  });
  const ciliumPolicy = z.object({
    kind: z.enum(['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy']),
    name,
    namespace: name.optional(),
    description: z.string().max(2_000).optional(),
    endpointSelector: ciliumSelector,
    ingress: list(ingressRule),
    egress: list(egressRule),
    ingressDeny: list(ingressRule),
    egressDeny: list(egressRule),
  });
  const gatewayClass = z.object({
    name,
    controllerName: z.string().max(253),
    description: z.string().max(2_000).optional(),
  });
  return {
    /** One object of each kind, for readers of single objects (Kubernetes YAML). */
    items: { gatewayClass, gateway, httpRoute, referenceGrant, ciliumPolicy },
    cluster: {
      gatewayClasses: list(gatewayClass, 64),
      gateways: list(gateway, L7_LIMITS.gateways),
      httpRoutes: list(httpRoute, L7_LIMITS.httpRoutes),
      referenceGrants: list(referenceGrant, L7_LIMITS.referenceGrants),
      ciliumPolicies: list(ciliumPolicy, L7_LIMITS.ciliumPolicies),
    },
    probeHttp: z.object({
      method: z
        .string()
        .max(16)
        .regex(/^[A-Z]+$/, 'must be an HTTP method in capitals')
        .optional(),
      headers: list(header, L7_LIMITS.headers),
      gateway: z.string().max(600).optional(),
    }),
  };
}
