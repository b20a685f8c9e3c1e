/**
 * One Gateway API or Cilium object as Kubernetes YAML and back, through the project's own
 * exporter and importer (as policyYaml does for a NetworkPolicy): the inspector's YAML editor
 * shows what `kubectl apply` would get and accepts only what an import would read, with each
 * error on the line of its field.
 */
import { stringifyForKubectl } from './kubeYaml/kubectlSafeYaml.ts';
import type { CiliumPolicySpec } from '../engine/cilium/ciliumSpec.ts';
import type {
  GatewayClassSpec,
  GatewaySpec,
  HTTPRouteSpec,
  ReferenceGrantSpec,
} from '../engine/gateway/gatewaySpec.ts';
import { DEFAULT_SETTINGS, type ClusterSpec } from '../engine/spec.ts';
import { toKubernetesObjects } from './kubeYaml/index.ts';
import { importOneObject, type YamlReadResult } from './policyYaml.ts';

export type L7Object =
  | { readonly kind: 'GatewayClass'; readonly spec: GatewayClassSpec }
  | { readonly kind: 'Gateway'; readonly spec: GatewaySpec }
  | { readonly kind: 'HTTPRoute'; readonly spec: HTTPRouteSpec }
  | { readonly kind: 'ReferenceGrant'; readonly spec: ReferenceGrantSpec }
  | {
      readonly kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';
      readonly spec: CiliumPolicySpec;
    };
export type L7ObjectKind = L7Object['kind'];

const API_VERSION: Readonly<Record<L7ObjectKind, string>> = {
  GatewayClass: 'gateway.networking.k8s.io/v1',
  Gateway: 'gateway.networking.k8s.io/v1',
  HTTPRoute: 'gateway.networking.k8s.io/v1',
  ReferenceGrant: 'gateway.networking.k8s.io/v1beta1',
  CiliumNetworkPolicy: 'cilium.io/v2',
  CiliumClusterwideNetworkPolicy: 'cilium.io/v2',
};

function clusterWith(object: L7Object): ClusterSpec {
  const base: ClusterSpec = { settings: DEFAULT_SETTINGS, nodes: [], pods: [], services: [] };
  switch (object.kind) {
    case 'GatewayClass':
      return { ...base, gatewayClasses: [object.spec] };
    case 'Gateway':
      return { ...base, gateways: [object.spec] };
    case 'HTTPRoute':
      return { ...base, httpRoutes: [object.spec] };
    case 'ReferenceGrant':
      return { ...base, referenceGrants: [object.spec] };
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      return { ...base, ciliumPolicies: [object.spec] };
    default:
      return object satisfies never;
  }
}

/** The object as one YAML document, the way the exporter writes it. */
export function l7ObjectToYaml(object: L7Object): string {
  const found = toKubernetesObjects(clusterWith(object)).find((o) => o.kind === object.kind);
  return stringifyForKubectl(found);
}

export type L7ObjectYamlResult = YamlReadResult<'object', L7Object>;

/** Reads YAML that holds exactly one object of `kind`; anything else is an error with its line. */
export function parseL7ObjectYaml(text: string, kind: L7ObjectKind): L7ObjectYamlResult {
  const read = importOneObject(
    text,
    kind,
    `kind: ${kind}, apiVersion: ${API_VERSION[kind]}`,
    kind.endsWith('Policy') ? `${kind.slice(0, -1)}ies` : `${kind}s`,
  );
  if (!read.ok) return read;
  const spec = read.result.spec;
  const object = ((): L7Object | undefined => {
    switch (kind) {
      case 'GatewayClass':
        return spec.gatewayClasses?.[0] && { kind, spec: spec.gatewayClasses[0] };
      case 'Gateway':
        return spec.gateways?.[0] && { kind, spec: spec.gateways[0] };
      case 'HTTPRoute':
        return spec.httpRoutes?.[0] && { kind, spec: spec.httpRoutes[0] };
      case 'ReferenceGrant':
        return spec.referenceGrants?.[0] && { kind, spec: spec.referenceGrants[0] };
      case 'CiliumNetworkPolicy':
      case 'CiliumClusterwideNetworkPolicy': {
        const p = spec.ciliumPolicies?.find((c) => c.kind === kind);
        return p && { kind, spec: p };
      }
      default:
        return kind satisfies never;
    }
  })();
  if (!object) {
    return { ok: false, errors: [{ message: `The YAML holds no ${kind} PodPath could read.` }] };
  }
  return { ok: true, object, notes: read.notes };
}
