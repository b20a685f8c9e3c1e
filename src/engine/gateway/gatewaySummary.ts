/**
 * The Gateway API facts the canvas and inspector show, read from the same status the routing
 * uses (routeStatus): each Gateway with its listeners and how many routes attach to each, and
 * each HTTPRoute with its parents (attached or not, and why) and its backends (with weights and
 * the reason a reference does not resolve). Views draw these and never work them out again.
 */
import { refKey } from '../trace.ts';
import type {
  BackendObjectReference,
  FromNamespaces,
  GatewaySpec,
  ListenerProtocol,
} from './gatewaySpec.ts';
import { gatewayClassOf, nsOf, routeStatus, type GatewayWorld } from './routeStatus.ts';

export interface ListenerSummary {
  readonly name: string;
  readonly port: number;
  readonly protocol: ListenerProtocol;
  /** null: every host. */
  readonly hostname: string | null;
  /** The listener ends TLS (HTTPS with a certificate reference). */
  readonly terminatesTls: boolean;
  readonly allowedFrom: FromNamespaces;
  readonly attachedRoutes: number;
}

export interface GatewaySummary {
  /** refKey `Gateway/ns/name`. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly className: string;
  /** Some GatewayClass of that name exists, so a controller programs the Gateway. */
  readonly programmed: boolean;
  /** The address of the Gateway's LoadBalancer Service, null until it has one. */
  readonly address: string | null;
  readonly listeners: readonly ListenerSummary[];
}

export interface RouteParentSummary {
  /** refKey of the Gateway the parentRef names, null when there is no such Gateway. */
  readonly gatewayKey: string | null;
  readonly sectionName: string | null;
  readonly accepted: boolean;
  readonly reason: string;
  readonly message: string;
  /** Names of the listeners the route attached to. */
  readonly listeners: readonly string[];
}

export interface RouteBackendSummary {
  /** refKey `Service/ns/name` of the backend. */
  readonly serviceKey: string;
  readonly ruleIndex: number;
  readonly port: number | null;
  /** 1 when the route leaves it out. */
  readonly weight: number;
  /** A RequestMirror filter's backend rather than a backendRef. */
  readonly mirror: boolean;
  /** Why the reference does not resolve (ResolvedRefs false), null when it does. */
  readonly problem: string | null;
}

export interface HTTPRouteSummary {
  /** refKey `HTTPRoute/ns/name`. */
  readonly key: string;
  readonly name: string;
  readonly namespace: string;
  readonly parents: readonly RouteParentSummary[];
  readonly resolvedRefs: {
    readonly status: boolean;
    readonly reason: string;
    readonly message: string;
  };
  readonly backends: readonly RouteBackendSummary[];
}

export interface GatewayApiSummary {
  readonly gateways: readonly GatewaySummary[];
  readonly httpRoutes: readonly HTTPRouteSummary[];
}

export const gatewayRefKey = (g: { readonly name: string; readonly namespace?: string }) =>
  refKey({ kind: 'Gateway', namespace: nsOf(g), name: g.name });
export const httpRouteRefKey = (r: { readonly name: string; readonly namespace?: string }) =>
  refKey({ kind: 'HTTPRoute', namespace: nsOf(r), name: r.name });

/**
 * Every Gateway and HTTPRoute of the world, with the status a controller would write.
 * `addressOf` gives the address of a Gateway's LoadBalancer Service (null before it has one).
 */
export function summarizeGatewayApi(
  world: GatewayWorld,
  addressOf: (gateway: GatewaySpec) => string | null,
): GatewayApiSummary {
  const attached = new Map<string, number>();
  const httpRoutes = world.httpRoutes.map((route): HTTPRouteSummary => {
    const status = routeStatus(route, world);
    const parents = status.parents.map((p): RouteParentSummary => {
      const gatewayKey = p.gateway ? gatewayRefKey(p.gateway) : null;
      for (const a of p.listeners) {
        const k = `${gatewayKey}#${a.listener.name}`;
        attached.set(k, (attached.get(k) ?? 0) + 1);
      }
      return {
        gatewayKey,
        sectionName: p.parentRef.sectionName ?? null,
        accepted: p.accepted.status,
        reason: p.accepted.reason,
        message: p.accepted.message,
        listeners: p.listeners.map((a) => a.listener.name),
      };
    });
    const problemOf = (ruleIndex: number, backendIndex: number, mirror: boolean) =>
      status.backendProblems.find(
        (b) =>
          b.ruleIndex === ruleIndex && b.backendIndex === backendIndex && !!b.mirror === mirror,
      )?.message ?? null;
    const backends: RouteBackendSummary[] = [];
    const add = (
      ref: BackendObjectReference,
      ruleIndex: number,
      index: number,
      weight: number,
      mirror: boolean,
    ) =>
      backends.push({
        serviceKey: refKey({
          kind: 'Service',
          namespace: ref.namespace ?? status.namespace,
          name: ref.name,
        }),
        ruleIndex,
        port: ref.port ?? null,
        weight,
        mirror,
        problem: problemOf(ruleIndex, index, mirror),
      });
    (route.rules ?? []).forEach((rule, ruleIndex) => {
      (rule.backendRefs ?? []).forEach((ref, i) => add(ref, ruleIndex, i, ref.weight ?? 1, false));
      (rule.filters ?? []).forEach((f, i) => {
        const ref = f.type === 'RequestMirror' ? f.requestMirror?.backendRef : undefined;
        if (ref) add(ref, ruleIndex, i, 0, true);
      });
    });
    return {
      key: httpRouteRefKey(route),
      name: route.name,
      namespace: status.namespace,
      parents,
      resolvedRefs: { ...status.resolvedRefs },
      backends,
    };
  });
  const gateways = world.gateways.map((gw): GatewaySummary => {
    const key = gatewayRefKey(gw);
    return {
      key,
      name: gw.name,
      namespace: nsOf(gw),
      className: gw.gatewayClassName,
      programmed: gatewayClassOf(gw, world) !== undefined,
      address: addressOf(gw),
      listeners: gw.listeners.map((l) => ({
        name: l.name,
        port: l.port,
        protocol: l.protocol,
        hostname: l.hostname ?? null,
        terminatesTls:
          l.protocol === 'HTTPS' &&
          (l.tls?.mode ?? 'Terminate') === 'Terminate' &&
          (l.tls?.certificateRefs ?? []).length > 0,
        allowedFrom: l.allowedRoutes?.namespaces?.from ?? 'Same',
        attachedRoutes: attached.get(`${key}#${l.name}`) ?? 0,
      })),
    };
  });
  return { gateways, httpRoutes };
}
