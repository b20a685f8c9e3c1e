/** Deleting elements, with what Kubernetes would do to what depended on them. */
import { type ClusterSpec, DEFAULT_NAMESPACE, type PodSpec } from '../../../engine/spec.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { type ElementRef, loadBalancerKey, parseElementKey, KEY_OF } from '../elementKey.ts';
import { type EditResult, nsOf, omit, withoutLayout } from './editKit.ts';
import { deploymentOf, leastLoadedNode } from './documentQueries.ts';
import { keepL7 } from './l7Objects.ts';

/**
 * Deletes elements. A deleted node takes its bare pods with it, while a Deployment's pods are
 * recreated on the remaining nodes (with new addresses), as the ReplicaSet controller would.
 * Deleting a namespace deletes everything in it. A load balancer belongs to its Service.
 */
export function deleteElements(doc: ScenarioDocument, keys: readonly string[]): EditResult {
  const refs = keys.map(parseElementKey).filter((r): r is ElementRef => r !== null);
  const wanted = new Set(keys);
  const nodes = new Set(refs.filter((r) => r.kind === 'Node').map((r) => r.name));
  const namespaces = new Set(refs.filter((r) => r.kind === 'Namespace').map((r) => r.name));
  const c = doc.cluster;
  const inDeletedNs = (o: { readonly namespace?: string }) =>
    nsOf(o) !== DEFAULT_NAMESPACE && namespaces.has(nsOf(o));

  const remainingNodes = c.nodes.filter((n) => !nodes.has(n.name));
  const removedKeys = new Set<string>(keys);
  const notes: string[] = [];
  let recreated = 0;
  let lostPods = 0;
  const extra = new Map<string, number>();
  const pods: PodSpec[] = [];
  // Load on the nodes that stay, for spreading recreated replicas.
  const survivors: ClusterSpec = {
    ...c,
    nodes: remainingNodes,
    pods: c.pods.filter((q) => !nodes.has(q.nodeName)),
  };
  for (const p of c.pods) {
    const key = KEY_OF.pods(p);
    if (wanted.has(key) || inDeletedNs(p)) {
      removedKeys.add(key);
      continue;
    }
    if (nodes.has(p.nodeName)) {
      removedKeys.add(key);
      if (deploymentOf(p) && remainingNodes.length > 0) {
        const target = leastLoadedNode(survivors, extra);
        if (target) {
          extra.set(target.name, (extra.get(target.name) ?? 0) + 1);
          const rest = omit(p, 'ip');
          pods.push({ ...rest, nodeName: target.name });
          recreated++;
          continue;
        }
      }
      lostPods++;
      continue;
    }
    pods.push(p);
  }
  if (recreated > 0) {
    notes.push(
      `${recreated} Deployment pod${recreated === 1 ? ' was' : 's were'} recreated on the remaining nodes with new IPs.`,
    );
  }
  if (lostPods > 0) {
    notes.push(
      `${lostPods} bare pod${lostPods === 1 ? '' : 's'} on the deleted node ${lostPods === 1 ? 'is' : 'are'} gone: nothing recreates a pod without a controller.`,
    );
  }

  const services = c.services.filter((s) => {
    const gone = wanted.has(KEY_OF.services(s)) || inDeletedNs(s);
    if (gone) {
      removedKeys.add(KEY_OF.services(s));
      removedKeys.add(loadBalancerKey(s));
    }
    return !gone;
  });
  const keep = <T extends { readonly namespace?: string }>(
    list: readonly T[] | undefined,
    keyOf: (o: T) => string,
  ) =>
    list?.filter((o) => {
      const gone = wanted.has(keyOf(o)) || inDeletedNs(o);
      if (gone) removedKeys.add(keyOf(o));
      return !gone;
    });
  const cluster: ClusterSpec = {
    ...c,
    nodes: remainingNodes,
    pods,
    services,
    ingresses: keep(c.ingresses, KEY_OF.ingresses),
    networkPolicies: keep(c.networkPolicies, KEY_OF.networkPolicies),
    ...keepL7(c, keep, wanted),
    externalClients: c.externalClients?.filter((x) => !wanted.has(KEY_OF.externalClients(x))),
    namespaces: c.namespaces?.filter((n) => !namespaces.has(n.name)),
  };
  for (const n of nodes) removedKeys.add(KEY_OF.nodes({ name: n }));
  // Recreated pods are placed afresh on their new node.
  return {
    document: { ...doc, cluster, layout: withoutLayout(doc.layout, removedKeys) },
    keys: [],
    ...(notes.length > 0 ? { note: notes.join(' ') } : {}),
  };
}
