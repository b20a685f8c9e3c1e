/**
 * Questions edits and forms ask of the document: which names are taken, which namespaces exist,
 * which node a scheduler would pick, which pods belong to a Deployment, whether a key names
 * something that is there.
 */
import {
  type ClusterSpec,
  DEFAULT_NAMESPACE,
  type NodeSpec,
  type PodSpec,
} from '../../../engine/spec.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import {
  ciliumPolicyKey,
  gatewayClassKey,
  gatewayKey,
  httpRouteKey,
  ingressKey,
  loadBalancerKey,
  parseElementKey,
  podKey,
  policyKey,
  referenceGrantKey,
  serviceKey,
} from '../elementKey.ts';
import { nsOf } from './editKit.ts';

export const namesIn = <T extends { readonly name: string; readonly namespace?: string }>(
  list: readonly T[] | undefined,
  namespace: string,
) => new Set((list ?? []).filter((o) => nsOf(o) === namespace).map((o) => o.name));

/** Every namespace the document mentions, default first. */
export function namespaceNames(cluster: ClusterSpec): string[] {
  const names = new Set<string>([DEFAULT_NAMESPACE]);
  for (const n of cluster.namespaces ?? []) names.add(n.name);
  const objects = [
    ...cluster.pods,
    ...cluster.services,
    ...(cluster.ingresses ?? []),
    ...(cluster.networkPolicies ?? []),
    ...(cluster.gateways ?? []),
    ...(cluster.httpRoutes ?? []),
  ];
  for (const o of objects) names.add(nsOf(o));
  return [...names];
}

/** The node with the fewest pods (first on ties): where a scheduler would put the next one. */
export function leastLoadedNode(
  cluster: ClusterSpec,
  extra: ReadonlyMap<string, number> = new Map(),
) {
  let best: NodeSpec | undefined;
  let bestCount = Infinity;
  for (const node of cluster.nodes) {
    const count =
      cluster.pods.filter((p) => p.nodeName === node.name).length + (extra.get(node.name) ?? 0);
    if (count < bestCount) {
      best = node;
      bestCount = count;
    }
  }
  return best;
}

export const DEPLOYMENT_PREFIX = 'Deployment/';

/** The Deployment a pod belongs to, from its ownerRef (`Deployment/web` -> `web`). */
export function deploymentOf(pod: Pick<PodSpec, 'ownerRef'>): string | null {
  return pod.ownerRef?.startsWith(DEPLOYMENT_PREFIX)
    ? pod.ownerRef.slice(DEPLOYMENT_PREFIX.length)
    : null;
}

/** The replicas of a Deployment in a namespace, in document order. */
export function deploymentPods(cluster: ClusterSpec, namespace: string, name: string): PodSpec[] {
  return cluster.pods.filter((p) => nsOf(p) === namespace && deploymentOf(p) === name);
}

export function deploymentNames(cluster: ClusterSpec, namespace: string): Set<string> {
  const names = new Set<string>();
  for (const p of cluster.pods) {
    const d = deploymentOf(p);
    if (d && nsOf(p) === namespace) names.add(d);
  }
  return names;
}

/** True when the document has the element a key names (a load balancer needs its Service). */
export function hasElement(doc: ScenarioDocument, key: string): boolean {
  const ref = parseElementKey(key);
  if (!ref) return false;
  const c = doc.cluster;
  switch (ref.kind) {
    case 'Node':
      return c.nodes.some((n) => n.name === ref.name);
    case 'Pod':
      return c.pods.some((p) => podKey(p) === key);
    case 'Service':
      return c.services.some((s) => serviceKey(s) === key);
    case 'LoadBalancer':
      return c.services.some((s) => loadBalancerKey(s) === key && s.type === 'LoadBalancer');
    case 'Ingress':
      return (c.ingresses ?? []).some((i) => ingressKey(i) === key);
    case 'NetworkPolicy':
      return (c.networkPolicies ?? []).some((p) => policyKey(p) === key);
    case 'ExternalClient':
      return (c.externalClients ?? []).some((x) => x.name === ref.name);
    case 'Namespace':
      return namespaceNames(c).includes(ref.name);
    case 'GatewayClass':
      return (c.gatewayClasses ?? []).some((g) => gatewayClassKey(g) === key);
    case 'Gateway':
      return (c.gateways ?? []).some((g) => gatewayKey(g) === key);
    case 'HTTPRoute':
      return (c.httpRoutes ?? []).some((r) => httpRouteKey(r) === key);
    case 'ReferenceGrant':
      return (c.referenceGrants ?? []).some((g) => referenceGrantKey(g) === key);
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      return (c.ciliumPolicies ?? []).some((p) => ciliumPolicyKey(p) === key);
    default:
      return ref.kind satisfies never;
  }
}
