/**
 * The Gateway API's elements on the canvas: Gateways, HTTPRoutes and ReferenceGrants as the
 * person wrote them, joined by key with the status the engine derived, and which Services and
 * Gateways each route links to among those drawn.
 */
import type { ClusterSpec } from '../engine/spec.ts';
import { gatewayKey, httpRouteKey, referenceGrantKey } from '../scenario/document/elementKey.ts';
import type { ModelSummary } from '../store/viewTypes.ts';
import type { GatewayView, HTTPRouteView, ReferenceGrantView } from './flowTypes.ts';

export interface GatewayApiViews {
  readonly gateways: readonly GatewayView[];
  readonly gatewayKeys: ReadonlySet<string>;
  readonly httpRoutes: readonly HTTPRouteView[];
  /** Service keys each HTTPRoute sends to. */
  readonly routeServices: ReadonlyMap<string, readonly string[]>;
  /** Gateway keys each HTTPRoute names as its parents. */
  readonly routeGateways: ReadonlyMap<string, readonly string[]>;
  readonly referenceGrants: readonly ReferenceGrantView[];
}

/** Each key once, and only the keys of elements that are drawn. */
const drawn = (keys: readonly string[] | undefined, shown: ReadonlySet<string>): string[] =>
  [...new Set(keys)].filter((k) => shown.has(k));

export function gatewayApiViews(
  cluster: ClusterSpec,
  model: ModelSummary | null,
  serviceKeys: ReadonlySet<string>,
): GatewayApiViews {
  const gatewaySummaries = new Map(model?.gatewayApi.gateways.map((g) => [g.key, g]));
  const routeSummaries = new Map(model?.gatewayApi.httpRoutes.map((r) => [r.key, r]));
  const gateways: GatewayView[] = (cluster.gateways ?? []).map((gateway) => ({
    key: gatewayKey(gateway),
    namespace: gateway.namespace ?? 'default',
    gateway,
    summary: gatewaySummaries.get(gatewayKey(gateway)) ?? null,
  }));
  const gatewayKeys = new Set(gateways.map((g) => g.key));
  const httpRoutes: HTTPRouteView[] = (cluster.httpRoutes ?? []).map((route) => ({
    key: httpRouteKey(route),
    namespace: route.namespace ?? 'default',
    route,
    summary: routeSummaries.get(httpRouteKey(route)) ?? null,
  }));
  const routeServices = new Map(
    httpRoutes.map((view) => [
      view.key,
      drawn(
        view.summary?.backends.map((b) => b.serviceKey),
        serviceKeys,
      ),
    ]),
  );
  const routeGateways = new Map(
    httpRoutes.map((view) => [
      view.key,
      drawn(
        view.summary?.parents.flatMap((p) => (p.gatewayKey ? [p.gatewayKey] : [])),
        gatewayKeys,
      ),
    ]),
  );
  const referenceGrants: ReferenceGrantView[] = (cluster.referenceGrants ?? []).map((grant) => ({
    key: referenceGrantKey(grant),
    namespace: grant.namespace ?? 'default',
    grant,
  }));
  return { gateways, gatewayKeys, httpRoutes, routeServices, routeGateways, referenceGrants };
}
