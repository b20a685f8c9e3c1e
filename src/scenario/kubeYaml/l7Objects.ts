/**
 * Kubernetes YAML for the Gateway API (gateway.networking.k8s.io: GatewayClass, Gateway,
 * HTTPRoute, ReferenceGrant) and Cilium's policies (cilium.io/v2: CiliumNetworkPolicy,
 * CiliumClusterwideNetworkPolicy): each object's metadata and spec read through the document
 * schema (so a link and a file obey the same rules), and written back as the API has them.
 */
import type { CiliumPolicySpec } from '../../engine/cilium/ciliumSpec.ts';
import type {
  GatewayClassSpec,
  GatewaySpec,
  HTTPRouteSpec,
  ReferenceGrantSpec,
} from '../../engine/gateway/gatewaySpec.ts';
import type { ClusterSpec } from '../../engine/spec.ts';
import { L7_OBJECT_SCHEMAS } from '../schema.ts';
import type { IssueLog, Origin } from './issues.ts';
import { isRecord } from './parseDocuments.ts';

type Obj = Record<string, unknown>;

export interface L7Objects {
  gatewayClasses: GatewayClassSpec[];
  gateways: GatewaySpec[];
  httpRoutes: HTTPRouteSpec[];
  referenceGrants: ReferenceGrantSpec[];
  ciliumPolicies: CiliumPolicySpec[];
}

export const L7_KINDS = {
  GatewayClass: ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'],
  Gateway: ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'],
  HTTPRoute: ['gateway.networking.k8s.io/v1', 'gateway.networking.k8s.io/v1beta1'],
  ReferenceGrant: ['gateway.networking.k8s.io/v1beta1', 'gateway.networking.k8s.io/v1'],
  CiliumNetworkPolicy: ['cilium.io/v2'],
  CiliumClusterwideNetworkPolicy: ['cilium.io/v2'],
} as const;
export type L7Kind = keyof typeof L7_KINDS;

export function isL7Kind(kind: string): kind is L7Kind {
  return Object.hasOwn(L7_KINDS, kind);
}

export function emptyL7Objects(): L7Objects {
  return {
    gatewayClasses: [],
    gateways: [],
    httpRoutes: [],
    referenceGrants: [],
    ciliumPolicies: [],
  };
}

/** Reads one object of an L7 kind into `into`; returns false (and logs why) when it cannot. */
export function readL7Object(
  kind: L7Kind,
  apiVersion: string,
  obj: Obj,
  into: L7Objects,
  log: IssueLog,
  origin: Origin,
): boolean {
  const versions: readonly string[] = L7_KINDS[kind];
  if (!versions.includes(apiVersion)) {
    log.skip(
      `is ${apiVersion || 'without apiVersion'}; PodPath reads ${kind} as ${versions.join(' or ')}; skipped.`,
      origin,
    );
    return false;
  }
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const spec = isRecord(obj.spec) ? obj.spec : {};
  const named = {
    name: meta.name,
    ...(typeof meta.namespace === 'string' &&
    kind !== 'GatewayClass' &&
    kind !== 'CiliumClusterwideNetworkPolicy'
      ? { namespace: meta.namespace }
      : {}),
  };
  const candidate: Obj =
    kind === 'HTTPRoute'
      ? {
          ...named,
          ...spec,
          ...(typeof meta.creationTimestamp === 'string'
            ? { creationTimestamp: meta.creationTimestamp }
            : {}),
        }
      : kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy'
        ? { kind, ...named, ...spec }
        : { ...named, ...spec };
  if (
    (kind === 'CiliumNetworkPolicy' || kind === 'CiliumClusterwideNetworkPolicy') &&
    Array.isArray(obj.specs)
  ) {
    log.skip(
      'uses `specs` (a list of rules); PodPath reads a policy with one `spec`; skipped.',
      origin,
    );
    return false;
  }
  const schema = {
    GatewayClass: L7_OBJECT_SCHEMAS.gatewayClass,
    Gateway: L7_OBJECT_SCHEMAS.gateway,
    HTTPRoute: L7_OBJECT_SCHEMAS.httpRoute,
    ReferenceGrant: L7_OBJECT_SCHEMAS.referenceGrant,
    CiliumNetworkPolicy: L7_OBJECT_SCHEMAS.ciliumPolicy,
    CiliumClusterwideNetworkPolicy: L7_OBJECT_SCHEMAS.ciliumPolicy,
  }[kind];
  const r = schema.safeParse(candidate);
  if (!r.success) {
    const issue = r.error.issues[0];
    const path = issue.path.map(String).join('.');
    log.skip(`field ${path || '(spec)'} ${issue.message}; skipped.`, origin);
    return false;
  }
  const value = r.data as never;
  if (kind === 'GatewayClass') into.gatewayClasses.push(value);
  else if (kind === 'Gateway') into.gateways.push(value);
  else if (kind === 'HTTPRoute') into.httpRoutes.push(value);
  else if (kind === 'ReferenceGrant') into.referenceGrants.push(value);
  else into.ciliumPolicies.push(value);
  return true;
}

/** The spec part of each L7 object, without the fields that live in metadata. */
function specOf<T extends { name: string; namespace?: string }>(
  o: T,
  drop: readonly string[] = [],
): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o))
    if (k !== 'name' && k !== 'namespace' && !drop.includes(k) && v !== undefined) out[k] = v;
  return out;
}

function meta(o: { name: string; namespace?: string }, extra: Obj = {}): Obj {
  return { name: o.name, ...(o.namespace ? { namespace: o.namespace } : {}), ...extra };
}

/** The L7 objects of a spec as Kubernetes API objects. */
export function exportL7Objects(spec: ClusterSpec): Obj[] {
  const gw = 'gateway.networking.k8s.io/v1';
  return [
    ...(spec.gatewayClasses ?? []).map((c) => ({
      apiVersion: gw,
      kind: 'GatewayClass',
      metadata: { name: c.name },
      spec: specOf(c),
    })),
    ...(spec.gateways ?? []).map((g) => ({
      apiVersion: gw,
      kind: 'Gateway',
      metadata: meta(g),
      spec: specOf(g),
    })),
    ...(spec.httpRoutes ?? []).map((r) => ({
      apiVersion: gw,
      kind: 'HTTPRoute',
      metadata: meta(r, r.creationTimestamp ? { creationTimestamp: r.creationTimestamp } : {}),
      spec: specOf(r, ['creationTimestamp']),
    })),
    ...(spec.referenceGrants ?? []).map((g) => ({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: meta(g),
      spec: specOf(g),
    })),
    ...(spec.ciliumPolicies ?? []).map((p) => ({
      apiVersion: 'cilium.io/v2',
      kind: p.kind,
      metadata: meta(p.kind === 'CiliumClusterwideNetworkPolicy' ? { name: p.name } : p),
      spec: specOf(p, ['kind']),
    })),
  ];
}

/** The namespaces the L7 objects live in, so kubectl apply can create them first. */
export function l7Namespaces(spec: ClusterSpec): string[] {
  return [
    ...(spec.gateways ?? []),
    ...(spec.httpRoutes ?? []),
    ...(spec.referenceGrants ?? []),
    ...(spec.ciliumPolicies ?? []).filter((p) => p.kind === 'CiliumNetworkPolicy'),
  ].flatMap((o) => (o.namespace ? [o.namespace] : []));
}
