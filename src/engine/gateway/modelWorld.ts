/** The Gateway API objects of a cluster model, with the lookups routing needs. */
import { hostMatches } from '../ingress.ts';
import type { ClusterModel } from '../model.ts';
import { DEFAULT_NAMESPACE } from '../spec.ts';
import { gatewayProxyName, GATEWAY_PROXY_NAMESPACE } from './gatewayProxies.ts';
import type { GatewaySpec } from './gatewaySpec.ts';
import { summarizeGatewayApi, type GatewayApiSummary } from './gatewaySummary.ts';
import type { HttpRequest } from './httpRequest.ts';
import { routeRequest, selectListener } from './routeRequest.ts';
import { nsOf, type GatewayWorld } from './routeStatus.ts';

const worlds = new WeakMap<ClusterModel, GatewayWorld>();

export function gatewayWorldOf(model: ClusterModel): GatewayWorld {
  let w = worlds.get(model);
  if (w) return w;
  const labels = new Map(model.namespaces.map((n) => [n.name, n.labels]));
  const ports = new Map(
    model.services.map((s) => [`${s.namespace}/${s.name}`, s.ports.map((p) => p.port)]),
  );
  w = {
    gatewayClasses: model.gatewayClasses,
    gateways: model.gateways,
    httpRoutes: model.httpRoutes,
    referenceGrants: model.referenceGrants,
    namespaceLabels: (ns) => labels.get(ns),
    servicePorts: (ns, name) => ports.get(`${ns}/${name}`),
  };
  worlds.set(model, w);
  return w;
}

/** A Gateway by `namespace/name` (or a bare name in default). */
export function findGateway(model: ClusterModel, ref: string): GatewaySpec | undefined {
  const [ns, name] = ref.includes('/') ? ref.split('/', 2) : [DEFAULT_NAMESPACE, ref];
  return model.gateways.find((g) => g.name === name && nsOf(g) === ns);
}

/**
 * Which Gateway serves a URL when the probe names none (DNS would say, and the scenario has no
 * DNS for outside names): a Gateway with a route that takes the request; else none when an
 * Ingress names the host (the ingress controller takes it); else the first Gateway with a
 * listener for the host, which answers 404.
 */
export function gatewayForRequest(model: ClusterModel, req: HttpRequest): GatewaySpec | undefined {
  const world = gatewayWorldOf(model);
  const listening = model.gateways.filter((g) => selectListener(g, req));
  const routed = listening.find(
    (g) => routeRequest(g, req, world, () => 0).outcome !== 'not-found',
  );
  if (routed) return routed;
  const ingressHost = model.ingresses.some((i) =>
    (i.rules ?? []).some((r) => r.host !== undefined && hostMatches(r.host, req.host)),
  );
  return ingressHost ? undefined : listening[0];
}

/** The Gateway API facts of a model (route status, listeners, addresses) for the views. */
export function gatewayApiSummaryOf(model: ClusterModel): GatewayApiSummary {
  return summarizeGatewayApi(gatewayWorldOf(model), (gw) => {
    const name = gatewayProxyName(gw);
    const svc = model.services.find(
      (s) => s.namespace === GATEWAY_PROXY_NAMESPACE && s.name === name,
    );
    return svc?.loadBalancerIP ?? null;
  });
}
