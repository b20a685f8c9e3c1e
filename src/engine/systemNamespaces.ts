/**
 * The namespaces the cluster's add-ons live in: CoreDNS's kube-system, each ingress controller's
 * own, and Envoy Gateway's. A module of its own so the views can tell add-ons from the person's
 * objects without loading the code that makes the add-ons.
 */
import { INGRESS_CONTROLLERS } from './spec.ts';

export const DNS_NAMESPACE = 'kube-system';
/** Where Envoy Gateway runs each Gateway's proxy (its default controller namespace). */
export const GATEWAY_PROXY_NAMESPACE = 'envoy-gateway-system';

/** Namespaces whose objects are add-ons rather than the person's own. */
export const SYSTEM_NAMESPACES: readonly string[] = [
  DNS_NAMESPACE,
  ...INGRESS_CONTROLLERS.map((c) => c.namespace),
  GATEWAY_PROXY_NAMESPACE,
];
