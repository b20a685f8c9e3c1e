/**
 * The two document chores every Gateway API and Cilium object needs: renaming one object and
 * dropping the deleted ones.
 */
import { DEFAULT_NAMESPACE, type ClusterSpec } from '../../../engine/spec.ts';
import {
  ciliumPolicyKey,
  gatewayClassKey,
  gatewayKey,
  httpRouteKey,
  referenceGrantKey,
} from '../elementKey.ts';

const nsOf = (o: { readonly namespace?: string }) => o.namespace ?? DEFAULT_NAMESPACE;

/**
 * The cluster with the layer-7 object under `key` renamed. Routes that name a renamed Gateway
 * in their parentRefs follow it, as the editor keeps Ingress backends on a renamed Service.
 */
export function renameL7Object(cluster: ClusterSpec, key: string, name: string): ClusterSpec {
  const rename = <T extends { readonly name: string }>(
    list: readonly T[] | undefined,
    keyOf: (o: T) => string,
  ) => list?.map((o) => (keyOf(o) === key ? { ...o, name } : o));
  const gateway = (cluster.gateways ?? []).find((g) => gatewayKey(g) === key);
  const gatewayClass = (cluster.gatewayClasses ?? []).find((c) => gatewayClassKey(c) === key);
  return {
    ...cluster,
    gatewayClasses: rename(cluster.gatewayClasses, gatewayClassKey),
    gateways: rename(cluster.gateways, gatewayKey)?.map((g) =>
      gatewayClass && g.gatewayClassName === gatewayClass.name
        ? { ...g, gatewayClassName: name }
        : g,
    ),
    httpRoutes: rename(cluster.httpRoutes, httpRouteKey)?.map((r) =>
      gateway
        ? {
            ...r,
            parentRefs: r.parentRefs.map((p) =>
              p.name === gateway.name && (p.namespace ?? nsOf(r)) === nsOf(gateway)
                ? { ...p, name }
                : p,
            ),
          }
        : r,
    ),
    referenceGrants: rename(cluster.referenceGrants, referenceGrantKey),
    ciliumPolicies: rename(cluster.ciliumPolicies, ciliumPolicyKey),
  };
}

type Keep = <T extends { readonly namespace?: string }>(
  list: readonly T[] | undefined,
  keyOf: (o: T) => string,
) => T[] | undefined;

/**
 * The layer-7 lists without the deleted objects: `keep` drops the namespaced ones that were
 * asked for or whose namespace goes; a GatewayClass goes only when it was asked for.
 */
export function keepL7(
  cluster: ClusterSpec,
  keep: Keep,
  wanted: ReadonlySet<string>,
): Partial<ClusterSpec> {
  return {
    gatewayClasses: cluster.gatewayClasses?.filter((c) => !wanted.has(gatewayClassKey(c))),
    gateways: keep(cluster.gateways, gatewayKey),
    httpRoutes: keep(cluster.httpRoutes, httpRouteKey),
    referenceGrants: keep(cluster.referenceGrants, referenceGrantKey),
    ciliumPolicies: keep(cluster.ciliumPolicies, (p) => ciliumPolicyKey(p)),
  };
}
