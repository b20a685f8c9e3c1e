/** Small builders for Gateway API tests: a world of namespaces, Services and Gateway objects. */
import type { Labels } from '../spec.ts';
import type {
  GatewaySpec,
  HTTPRouteRule,
  HTTPRouteSpec,
  ListenerSpec,
  ReferenceGrantSpec,
} from '../gateway/gatewaySpec.ts';
import { parseHttpUrl, type HttpRequest } from '../gateway/httpRequest.ts';
import type { GatewayWorld } from '../gateway/routeStatus.ts';

export interface WorldParts {
  readonly gateways?: readonly GatewaySpec[];
  readonly routes?: readonly HTTPRouteSpec[];
  readonly grants?: readonly ReferenceGrantSpec[];
  readonly namespaces?: Readonly<Record<string, Labels>>;
  /** `ns/name` -> ports; every backend named in a route exists on port 8080 unless listed. */
  readonly services?: Readonly<Record<string, readonly number[]>>;
}

export function world(parts: WorldParts): GatewayWorld {
  const namespaces: Record<string, Labels> = { default: {}, ...(parts.namespaces ?? {}) };
  return {
    gatewayClasses: [
      { name: 'eg', controllerName: 'gateway.envoyproxy.io/gatewayclass-controller' },
    ],
    gateways: parts.gateways ?? [gateway()],
    httpRoutes: parts.routes ?? [],
    referenceGrants: parts.grants ?? [],
    namespaceLabels: (ns) => namespaces[ns],
    servicePorts: (ns, name) =>
      parts.services ? parts.services[`${ns}/${name}`] : namespaces[ns] ? [8080] : undefined,
  };
}

export function listener(extra: Partial<ListenerSpec> = {}): ListenerSpec {
  return { name: 'http', port: 80, protocol: 'HTTP', ...extra };
}

/** An HTTPS listener on 443 that terminates TLS with one certificate Secret. */
export function httpsListener(
  certificate: string,
  extra: Partial<ListenerSpec> = {},
): ListenerSpec {
  return {
    name: 'https',
    port: 443,
    protocol: 'HTTPS',
    tls: { certificateRefs: [{ name: certificate }] },
    ...extra,
  };
}

export function gateway(
  listeners: readonly ListenerSpec[] = [listener()],
  extra: Partial<GatewaySpec> = {},
): GatewaySpec {
  return { name: 'gw', gatewayClassName: 'eg', listeners, ...extra };
}

export function route(
  name: string,
  rules: readonly HTTPRouteRule[],
  extra: Partial<HTTPRouteSpec> = {},
): HTTPRouteSpec {
  return { name, parentRefs: [{ name: 'gw' }], rules, ...extra };
}

/** A rule sending to one backend on port 8080. */
export function to(
  backend: string,
  matches?: HTTPRouteRule['matches'],
  extra: Partial<HTTPRouteRule> = {},
): HTTPRouteRule {
  return { matches, backendRefs: [{ name: backend, port: 8080 }], ...extra };
}

export function request(
  url: string,
  method = 'GET',
  headers: Readonly<Record<string, string>> = {},
): HttpRequest {
  const req = parseHttpUrl(
    url,
    method,
    Object.entries(headers).map(([name, value]) => ({ name, value })),
  );
  if (!req) throw new Error(`bad test URL ${url}`);
  return req;
}
