/**
 * Which listeners a route attaches to and whether its backends resolve: the `Accepted` and
 * `ResolvedRefs` conditions a controller writes into HTTPRoute status, with the API's reasons
 * (apis/v1 shared_types.go, RouteConditionReason) and a sentence saying why in plain words.
 */
import { matchesLabelSelector } from '../selectors.ts';
import { DEFAULT_NAMESPACE, type Labels } from '../spec.ts';
import {
  GATEWAY_API_GROUP,
  type BackendObjectReference,
  type GatewayClassSpec,
  type GatewaySpec,
  type HTTPRouteSpec,
  type ListenerSpec,
  type ParentReference,
  type ReferenceGrantSpec,
} from './gatewaySpec.ts';
import { effectiveHostnames } from './hostnames.ts';

/** What the routing rules need to know about the rest of the cluster. */
export interface GatewayWorld {
  readonly gatewayClasses: readonly GatewayClassSpec[];
  readonly gateways: readonly GatewaySpec[];
  readonly httpRoutes: readonly HTTPRouteSpec[];
  readonly referenceGrants: readonly ReferenceGrantSpec[];
  /** A namespace's labels, undefined when the namespace does not exist. */
  readonly namespaceLabels: (namespace: string) => Labels | undefined;
  /** A Service's port numbers, undefined when there is no such Service. */
  readonly servicePorts: (namespace: string, name: string) => readonly number[] | undefined;
}

export const AcceptedReason = {
  Accepted: 'Accepted',
  NotAllowedByListeners: 'NotAllowedByListeners',
  NoMatchingListenerHostname: 'NoMatchingListenerHostname',
  NoMatchingParent: 'NoMatchingParent',
  Pending: 'Pending',
} as const;
export type AcceptedReason = (typeof AcceptedReason)[keyof typeof AcceptedReason];

export const ResolvedRefsReason = {
  ResolvedRefs: 'ResolvedRefs',
  RefNotPermitted: 'RefNotPermitted',
  InvalidKind: 'InvalidKind',
  BackendNotFound: 'BackendNotFound',
} as const;
export type ResolvedRefsReason = (typeof ResolvedRefsReason)[keyof typeof ResolvedRefsReason];

export interface Condition<R extends string> {
  readonly status: boolean;
  readonly reason: R;
  readonly message: string;
}

export interface AttachedListener {
  readonly listener: ListenerSpec;
  /** The hostnames the route serves there (`*` for every host). */
  readonly hostnames: readonly string[];
}

export interface ParentStatus {
  readonly parentRef: ParentReference;
  readonly gateway?: GatewaySpec;
  readonly accepted: Condition<AcceptedReason>;
  readonly listeners: readonly AttachedListener[];
}

export interface BackendProblem {
  /** Which rule and backend; `mirror` for a RequestMirror filter's backend. */
  readonly ruleIndex: number;
  readonly backendIndex: number;
  readonly mirror?: boolean;
  readonly reason: Exclude<ResolvedRefsReason, 'ResolvedRefs'>;
  readonly message: string;
}

export interface RouteStatus {
  readonly route: HTTPRouteSpec;
  readonly namespace: string;
  readonly parents: readonly ParentStatus[];
  readonly resolvedRefs: Condition<ResolvedRefsReason>;
  readonly backendProblems: readonly BackendProblem[];
}

export const nsOf = (o: { readonly namespace?: string }): string =>
  o.namespace ?? DEFAULT_NAMESPACE;

/** `namespace/name`, the way status and the precedence rule name an object. */
export const nsName = (o: { readonly name: string; readonly namespace?: string }): string =>
  `${nsOf(o)}/${o.name}`;

function allowsNamespace(
  listener: ListenerSpec,
  gatewayNamespace: string,
  routeNamespace: string,
  world: GatewayWorld,
): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return routeNamespace === gatewayNamespace;
  const labels = world.namespaceLabels(routeNamespace);
  const selector = listener.allowedRoutes?.namespaces?.selector;
  return labels !== undefined && selector !== undefined && matchesLabelSelector(selector, labels);
}

function allowsHttpRoute(listener: ListenerSpec): boolean {
  const kinds = listener.allowedRoutes?.kinds;
  if (!kinds || kinds.length === 0) return true; // HTTP and HTTPS listeners take HTTPRoute
  return kinds.some(
    (k) => k.kind === 'HTTPRoute' && (k.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP,
  );
}

function fromText(listener: ListenerSpec): string {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return 'routes from every namespace';
  if (from === 'Same') return "only routes from the Gateway's own namespace";
  return 'only routes from namespaces whose labels match its selector';
}

/** Whether the Gateway's class exists, so that some controller programs it. */
export function gatewayClassOf(
  gateway: GatewaySpec,
  world: GatewayWorld,
): GatewayClassSpec | undefined {
  return world.gatewayClasses.find((c) => c.name === gateway.gatewayClassName);
}

function parentStatus(
  route: HTTPRouteSpec,
  parentRef: ParentReference,
  world: GatewayWorld,
): ParentStatus {
  const routeNs = nsOf(route);
  const gwNs = parentRef.namespace ?? routeNs;
  const kind = parentRef.kind ?? 'Gateway';
  const reject = (
    reason: AcceptedReason,
    message: string,
    gateway?: GatewaySpec,
  ): ParentStatus => ({
    parentRef,
    gateway,
    accepted: { status: false, reason, message },
    listeners: [],
  });
  if (kind !== 'Gateway')
    return reject('NoMatchingParent', `a parentRef of kind ${kind} is not a Gateway`);
  const gateway = world.gateways.find((g) => g.name === parentRef.name && nsOf(g) === gwNs);
  if (!gateway) return reject('NoMatchingParent', `there is no Gateway ${gwNs}/${parentRef.name}`);
  if (!gatewayClassOf(gateway, world))
    return reject(
      'Pending',
      `Gateway ${nsName(gateway)} names GatewayClass "${gateway.gatewayClassName}", which does not exist, so no controller programs it`,
      gateway,
    );
  const candidates = gateway.listeners.filter(
    (l) =>
      (parentRef.sectionName === undefined || l.name === parentRef.sectionName) &&
      (parentRef.port === undefined || l.port === parentRef.port),
  );
  if (candidates.length === 0) {
    const which = [
      parentRef.sectionName !== undefined ? `named "${parentRef.sectionName}"` : '',
      parentRef.port !== undefined ? `on port ${parentRef.port}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    return reject(
      'NoMatchingParent',
      `Gateway ${nsName(gateway)} has no listener ${which}`,
      gateway,
    );
  }
  const allowing = candidates.filter(
    (l) => allowsHttpRoute(l) && allowsNamespace(l, gwNs, routeNs, world),
  );
  if (allowing.length === 0) {
    const l = candidates[0];
    const why = allowsHttpRoute(l)
      ? `accepts ${fromText(l)}, and this route lives in namespace ${routeNs}`
      : 'does not accept the kind HTTPRoute';
    return reject(
      'NotAllowedByListeners',
      `listener "${l.name}" of Gateway ${nsName(gateway)} ${why}`,
      gateway,
    );
  }
  const listeners: AttachedListener[] = [];
  for (const l of allowing) {
    const hostnames = effectiveHostnames(l.hostname, route.hostnames);
    if (hostnames.length > 0) listeners.push({ listener: l, hostnames });
  }
  if (listeners.length === 0)
    return reject(
      'NoMatchingListenerHostname',
      `the route's hostnames (${(route.hostnames ?? []).join(', ')}) share no name with listener${allowing.length > 1 ? 's' : ''} ${allowing.map((l) => `"${l.name}" (${l.hostname ?? 'any host'})`).join(', ')}`,
      gateway,
    );
  return {
    parentRef,
    gateway,
    listeners,
    accepted: {
      status: true,
      reason: 'Accepted',
      message: `attached to listener${listeners.length > 1 ? 's' : ''} ${listeners.map((a) => `"${a.listener.name}"`).join(', ')} of Gateway ${nsName(gateway)}`,
    },
  };
}

/**
 * Whether a ReferenceGrant in the target's namespace lets an HTTPRoute in `fromNamespace` refer
 * to the Service (apis/v1beta1 referencegrant_types.go; conformance test
 * HTTPRouteReferenceGrant). References inside one namespace need no grant.
 */
export function referenceGranted(
  fromNamespace: string,
  toNamespace: string,
  serviceName: string,
  grants: readonly ReferenceGrantSpec[],
): ReferenceGrantSpec | undefined {
  return grants.find(
    (g) =>
      nsOf(g) === toNamespace &&
      g.from.some(
        (f) =>
          f.group === GATEWAY_API_GROUP && f.kind === 'HTTPRoute' && f.namespace === fromNamespace,
      ) &&
      g.to.some(
        (t) =>
          t.group === '' &&
          t.kind === 'Service' &&
          (t.name === undefined || t.name === serviceName),
      ),
  );
}

/** Why one backendRef does not resolve, or undefined when it does. */
export function backendProblem(
  routeNamespace: string,
  ref: BackendObjectReference,
  world: GatewayWorld,
): Pick<BackendProblem, 'reason' | 'message'> | undefined {
  const kind = ref.kind ?? 'Service';
  const group = ref.group ?? '';
  if (kind !== 'Service' || group !== '')
    return {
      reason: 'InvalidKind',
      message: `backend ${ref.name} is a ${group ? `${group}/` : ''}${kind}, not a Service`,
    };
  const ns = ref.namespace ?? routeNamespace;
  if (
    ns !== routeNamespace &&
    !referenceGranted(routeNamespace, ns, ref.name, world.referenceGrants)
  )
    return {
      reason: 'RefNotPermitted',
      message: `Service ${ns}/${ref.name} is in another namespace and no ReferenceGrant in ${ns} lets HTTPRoutes from ${routeNamespace} refer to it`,
    };
  const ports = world.servicePorts(ns, ref.name);
  if (!ports)
    return { reason: 'BackendNotFound', message: `there is no Service ${ns}/${ref.name}` };
  if (ref.port === undefined)
    return { reason: 'BackendNotFound', message: `backend ${ns}/${ref.name} names no port` };
  if (!ports.includes(ref.port))
    return {
      reason: 'BackendNotFound',
      message: `Service ${ns}/${ref.name} has no port ${ref.port} (it has ${ports.join(', ') || 'none'})`,
    };
  return undefined;
}

/** The status a controller would write for an HTTPRoute: each parent, and its backends. */
export function routeStatus(route: HTTPRouteSpec, world: GatewayWorld): RouteStatus {
  const namespace = nsOf(route);
  const parents = route.parentRefs.map((p) => parentStatus(route, p, world));
  const backendProblems: BackendProblem[] = [];
  (route.rules ?? []).forEach((rule, ruleIndex) => {
    (rule.backendRefs ?? []).forEach((ref, backendIndex) => {
      const p = backendProblem(namespace, ref, world);
      if (p) backendProblems.push({ ruleIndex, backendIndex, ...p });
    });
    (rule.filters ?? []).forEach((f, backendIndex) => {
      if (f.type !== 'RequestMirror' || !f.requestMirror) return;
      const p = backendProblem(namespace, f.requestMirror.backendRef, world);
      if (p) backendProblems.push({ ruleIndex, backendIndex, mirror: true, ...p });
    });
  });
  const first = backendProblems[0];
  return {
    route,
    namespace,
    parents,
    backendProblems,
    resolvedRefs: first
      ? { status: false, reason: first.reason, message: first.message }
      : {
          status: true,
          reason: 'ResolvedRefs',
          message: 'every backend resolves to a Service port',
        },
  };
}
