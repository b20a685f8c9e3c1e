/**
 * Element keys: the one name of a scenario element that the canvas (node ids), the layout, the
 * selection, the inspector and the engine's answers share (`Pod/default/web-1`, `Node/node-1`).
 * The engine writes the key of an object it names with `refKey` (engine/trace.ts, below this
 * layer); this module is the only other code that knows that format: everything above the engine
 * makes keys with `elementKey` (or the per-kind makers) and reads them with `parseElementKey`.
 */
import { DEFAULT_NAMESPACE } from '../../engine/spec.ts';
import { refKey, type ObjectRef } from '../../engine/trace.ts';

export type ElementKind = ObjectRef['kind'];

/** A key made by this module (a plain string at run time, so layouts and ids stay JSON). */
export type ElementKey = string & { readonly __elementKey: true };

/** What a key names. */
export interface ElementRef {
  readonly kind: ElementKind;
  readonly namespace?: string;
  readonly name: string;
}

// Record<ElementKind, ...> so a kind added to ObjectRef fails to compile until it is placed here.
const NAMESPACED: Readonly<Record<ElementKind, boolean>> = {
  Node: false,
  Pod: true,
  Service: true,
  Ingress: true,
  NetworkPolicy: true,
  Namespace: false,
  ExternalClient: false,
  LoadBalancer: true,
  GatewayClass: false,
  Gateway: true,
  HTTPRoute: true,
  ReferenceGrant: true,
  CiliumNetworkPolicy: true,
  CiliumClusterwideNetworkPolicy: false,
};

const isKind = (text: string): text is ElementKind => Object.hasOwn(NAMESPACED, text);

/** Whether objects of this kind live in a namespace (their keys have three parts). */
export const isNamespacedKind = (kind: ElementKind): boolean => NAMESPACED[kind];

/** The key of an element (a namespaced kind without a namespace gets `default`, as the API does). */
export function elementKey(ref: ElementRef): ElementKey {
  const namespace = NAMESPACED[ref.kind] ? (ref.namespace ?? DEFAULT_NAMESPACE) : undefined;
  return refKey({ kind: ref.kind, namespace, name: ref.name }) as ElementKey;
}

/** The element a key names, or null for text that is not an element key. */
export function parseElementKey(key: string): ElementRef | null {
  const parts = key.split('/');
  const kind = parts[0];
  if (!isKind(kind)) return null;
  if (NAMESPACED[kind]) {
    return parts.length === 3 && parts[1] && parts[2]
      ? { kind, namespace: parts[1], name: parts[2] }
      : null;
  }
  return parts.length === 2 && parts[1] ? { kind, name: parts[1] } : null;
}

/** The text as a key when it is one (React Flow ids and saved selections are plain strings). */
export function asElementKey(text: string | null | undefined): ElementKey | null {
  const ref = text == null ? null : parseElementKey(text);
  return ref ? elementKey(ref) : null;
}

/** The kind a key names, or null for text that is not an element key. */
export const kindOfKey = (key: string): ElementKind | null => parseElementKey(key)?.kind ?? null;

/** Whether a key names an element of this kind. */
export const isKeyOfKind = (key: string | null | undefined, kind: ElementKind): boolean =>
  key != null && kindOfKey(key) === kind;

/** The name part of a key (the key itself for text that is not one). */
export const nameOfKey = (key: string): string => parseElementKey(key)?.name ?? key;

/** The object's name as kubectl writes it: `namespace/name`, or the name of a cluster-wide one. */
export const qualifiedNameOfKey = (key: string): string => {
  const ref = parseElementKey(key);
  if (!ref) return key;
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
};

/** Whether a key names a pod in this namespace. */
export const isPodKeyIn = (key: string, namespace: string): boolean => {
  const ref = parseElementKey(key);
  return ref?.kind === 'Pod' && ref.namespace === namespace;
};

type Named = { readonly name: string };
type NamespacedName = { readonly namespace?: string; readonly name: string };
const namespaced =
  (kind: ElementKind) =>
  (o: NamespacedName): ElementKey =>
    elementKey({ kind, namespace: o.namespace, name: o.name });
const clusterWide =
  (kind: ElementKind) =>
  (o: Named): ElementKey =>
    elementKey({ kind, name: o.name });

/** Keys of the namespaced kinds. */
export const podKey = namespaced('Pod'),
  serviceKey = namespaced('Service'),
  ingressKey = namespaced('Ingress'),
  policyKey = namespaced('NetworkPolicy'),
  loadBalancerKey = namespaced('LoadBalancer'),
  gatewayKey = namespaced('Gateway'),
  httpRouteKey = namespaced('HTTPRoute'),
  referenceGrantKey = namespaced('ReferenceGrant');
/** Keys of the cluster-wide kinds. */
export const nodeKey = clusterWide('Node'),
  namespaceKey = clusterWide('Namespace'),
  clientKey = clusterWide('ExternalClient'),
  gatewayClassKey = clusterWide('GatewayClass');

/** The key of an element in each of the cluster's lists of core objects. */
export const KEY_OF = {
  nodes: nodeKey,
  namespaces: namespaceKey,
  pods: podKey,
  services: serviceKey,
  ingresses: ingressKey,
  networkPolicies: policyKey,
  externalClients: clientKey,
} as const;
/** A CiliumClusterwideNetworkPolicy has no namespace; a CiliumNetworkPolicy has one. */
export const ciliumPolicyKey = (p: {
  readonly kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';
  readonly namespace?: string;
  readonly name: string;
}): ElementKey => elementKey({ kind: p.kind, namespace: p.namespace, name: p.name });
