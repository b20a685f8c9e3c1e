/** Edits of one object's fields (or a Deployment's replicas at once) by a recipe from a form. */
import type { ClusterSettings, NamespaceSpec, PodSpec } from '../../../engine/spec.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { type ItemOf, keyOfItem, type Listed, withCluster } from './editKit.ts';

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

/**
 * Applies `recipe` to the objects of one list whose keys `match`; the same document when none
 * changed.
 */
function updateWhere<L extends Listed>(
  doc: ScenarioDocument,
  list: L,
  match: (key: string) => boolean,
  recipe: (item: ItemOf<L>) => ItemOf<L>,
): ScenarioDocument {
  const before = (doc.cluster[list] ?? []) as readonly ItemOf<L>[];
  const after = mapMatching(before, (item) => match(keyOfItem(list, item)), recipe);
  return after === before ? doc : withCluster(doc, { ...doc.cluster, [list]: after });
}

/** The edit of the one object of a list that has `key`. */
const updateOne =
  <L extends Listed>(list: L) =>
  (doc: ScenarioDocument, key: string, recipe: (item: ItemOf<L>) => ItemOf<L>) =>
    updateWhere(doc, list, (k) => k === key, recipe);

export const updatePod = updateOne('pods'),
  updateService = updateOne('services'),
  updateNode = updateOne('nodes'),
  updateIngress = updateOne('ingresses'),
  updateNetworkPolicy = updateOne('networkPolicies'),
  updateExternalClient = updateOne('externalClients');

/** Applies a template edit to several pods at once (every replica of a Deployment). */
export function updatePods(
  doc: ScenarioDocument,
  keys: readonly string[],
  recipe: (pod: PodSpec) => PodSpec,
): ScenarioDocument {
  const wanted = new Set(keys);
  return updateWhere(doc, 'pods', (k) => wanted.has(k), recipe);
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
