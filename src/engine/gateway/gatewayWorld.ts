/**
 * The Gateway API objects of a cluster model as routing sees them, and their summary for the
 * views. Kept apart from the request routing so the page can summarise a model without loading
 * the matchers (and their regular expression engine) that only the worker needs.
 */
import type { ClusterModel } from '../model.ts';
import { oncePerModel } from '../oncePerModel.ts';
import { gatewayProxyName, GATEWAY_PROXY_NAMESPACE } from './gatewayProxies.ts';
import { summarizeGatewayApi, type GatewayApiSummary } from './gatewaySummary.ts';
import type { GatewayWorld } from './routeStatus.ts';

export const gatewayWorldOf = oncePerModel((model): GatewayWorld => {
  const labels = new Map(model.namespaces.map((n) => [n.name, n.labels]));
  const ports = new Map(
    model.services.map((s) => [`${s.namespace}/${s.name}`, s.ports.map((p) => p.port)]),
  );
  return {
    gatewayClasses: model.gatewayClasses,
    gateways: model.gateways,
    httpRoutes: model.httpRoutes,
    referenceGrants: model.referenceGrants,
    namespaceLabels: (ns) => labels.get(ns),
    servicePorts: (ns, name) => ports.get(`${ns}/${name}`),
  };
});

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
