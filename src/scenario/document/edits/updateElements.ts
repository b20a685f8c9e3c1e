/** Edits of one object's fields (or a Deployment's replicas at once) by a recipe from a form. */
import type {
  ClusterSettings,
  ExternalClientSpec,
  IngressSpec,
  NamespaceSpec,
  NetworkPolicySpec,
  NodeSpec,
  PodSpec,
  ServiceSpec,
} from '../../../engine/spec.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { clientKey, ingressKey, nodeKey, podKey, policyKey, serviceKey } from '../elementKey.ts';
import { withCluster } from './editKit.ts';

export function updateSettings(
  doc: ScenarioDocument,
  recipe: (settings: ClusterSettings) => ClusterSettings,
): ScenarioDocument {
  return withCluster(doc, { ...doc.cluster, settings: recipe(doc.cluster.settings) });
}

function mapMatching<T>(list: readonly T[], match: (item: T) => boolean, recipe: (item: T) => T) {
  let changed = false;
  const next = list.map((item) => {
    if (!match(item)) return item;
    const updated = recipe(item);
    if (updated !== item) changed = true;
    return updated;
  });
  return changed ? next : list;
}

export function updatePod(
  doc: ScenarioDocument,
  key: string,
  recipe: (pod: PodSpec) => PodSpec,
): ScenarioDocument {
  const pods = mapMatching(doc.cluster.pods, (p) => podKey(p) === key, recipe);
  return pods === doc.cluster.pods ? doc : withCluster(doc, { ...doc.cluster, pods });
}

/** Applies a template edit to several pods at once (every replica of a Deployment). */
export function updatePods(
  doc: ScenarioDocument,
  keys: readonly string[],
  recipe: (pod: PodSpec) => PodSpec,
): ScenarioDocument {
  const wanted = new Set(keys);
  const pods = mapMatching(doc.cluster.pods, (p) => wanted.has(podKey(p)), recipe);
  return pods === doc.cluster.pods ? doc : withCluster(doc, { ...doc.cluster, pods });
}

export function updateService(
  doc: ScenarioDocument,
  key: string,
  recipe: (service: ServiceSpec) => ServiceSpec,
): ScenarioDocument {
  const services = mapMatching(doc.cluster.services, (s) => serviceKey(s) === key, recipe);
  return services === doc.cluster.services ? doc : withCluster(doc, { ...doc.cluster, services });
}

export function updateNode(
  doc: ScenarioDocument,
  key: string,
  recipe: (node: NodeSpec) => NodeSpec,
): ScenarioDocument {
  const nodes = mapMatching(doc.cluster.nodes, (n) => nodeKey(n) === key, recipe);
  return nodes === doc.cluster.nodes ? doc : withCluster(doc, { ...doc.cluster, nodes });
}

export function updateIngress(
  doc: ScenarioDocument,
  key: string,
  recipe: (ingress: IngressSpec) => IngressSpec,
): ScenarioDocument {
  const list = doc.cluster.ingresses ?? [];
  const ingresses = mapMatching(list, (i) => ingressKey(i) === key, recipe);
  return ingresses === list ? doc : withCluster(doc, { ...doc.cluster, ingresses });
}

export function updateNetworkPolicy(
  doc: ScenarioDocument,
  key: string,
  recipe: (policy: NetworkPolicySpec) => NetworkPolicySpec,
): ScenarioDocument {
  const list = doc.cluster.networkPolicies ?? [];
  const networkPolicies = mapMatching(list, (p) => policyKey(p) === key, recipe);
  return networkPolicies === list ? doc : withCluster(doc, { ...doc.cluster, networkPolicies });
}

export function updateExternalClient(
  doc: ScenarioDocument,
  key: string,
  recipe: (client: ExternalClientSpec) => ExternalClientSpec,
): ScenarioDocument {
  const list = doc.cluster.externalClients ?? [];
  const externalClients = mapMatching(list, (c) => clientKey(c) === key, recipe);
  return externalClients === list ? doc : withCluster(doc, { ...doc.cluster, externalClients });
}

/** Edits a namespace's labels; a namespace only implied by its objects is written out first. */
export function updateNamespace(
  doc: ScenarioDocument,
  name: string,
  recipe: (namespace: NamespaceSpec) => NamespaceSpec,
): ScenarioDocument {
  const list = doc.cluster.namespaces ?? [];
  const namespaces = list.some((n) => n.name === name)
    ? mapMatching(list, (n) => n.name === name, recipe)
    : [...list, recipe({ name })];
  return namespaces === list ? doc : withCluster(doc, { ...doc.cluster, namespaces });
}
