/**
 * Renaming an element or moving it to another namespace: its key changes, so the layout, the flow
 * and whatever refers to it (Ingress backends, routes, a namespace's objects) follow.
 */
import { type ClusterSpec, DEFAULT_NAMESPACE, type IngressSpec } from '../../../engine/spec.ts';
import type { Probe, ProbeSource, ProbeTarget } from '../../../engine/trace.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import {
  elementKey,
  type ElementKind,
  type ElementRef,
  loadBalancerKey,
  namespaceKey,
  parseElementKey,
} from '../elementKey.ts';
import { renameL7Object } from './l7Objects.ts';
import {
  type EditResult,
  type ItemOf,
  keyOfItem,
  type Listed,
  nsOf,
  omit,
  renameLayoutKey,
} from './editKit.ts';

/** The cluster's list that holds each namespaced kind of core object. */
const NAMESPACED_LIST = {
  Pod: 'pods',
  Service: 'services',
  Ingress: 'ingresses',
  NetworkPolicy: 'networkPolicies',
} as const satisfies Partial<Record<ElementKind, Listed>>;
/** … and each kind of core object. */
const LIST_OF_KIND = {
  ...NAMESPACED_LIST,
  Node: 'nodes',
  ExternalClient: 'externalClients',
} as const satisfies Partial<Record<ElementKind, Listed>>;

/** The cluster with the item of `list` under `key` changed. */
function changeItem<L extends Listed>(
  cluster: ClusterSpec,
  list: L,
  key: string,
  change: <T extends ItemOf<L>>(item: T) => T,
): ClusterSpec {
  const items: readonly ItemOf<L>[] | undefined = cluster[list];
  return { ...cluster, [list]: items?.map((o) => (keyOfItem(list, o) === key ? change(o) : o)) };
}

/** The kind of flow end that names an element of each kind. */
const FLOW_END_OF_KIND: Partial<Record<ElementKind, (ProbeSource | ProbeTarget)['kind']>> = {
  Pod: 'pod',
  Node: 'node',
  ExternalClient: 'external',
  Service: 'name',
};

/** The flow with each end that names the renamed pod, node, client or Service following it. */
function followRename(flow: Probe, ref: ElementRef, name: string): Probe {
  const kind = FLOW_END_OF_KIND[ref.kind];
  const follow = <T extends ProbeSource | ProbeTarget>(end: T): T =>
    end.kind === kind &&
    'name' in end &&
    end.name === ref.name &&
    (end.kind !== 'pod' || end.namespace === ref.namespace)
      ? { ...end, name }
      : end;
  return { ...flow, from: follow(flow.from), to: follow(flow.to) };
}

export function renameElement(doc: ScenarioDocument, key: string, name: string): EditResult {
  const ref = parseElementKey(key);
  if (!ref) return { document: doc, keys: [] };
  if (ref.name === name) return { document: doc, keys: [elementKey(ref)] };
  if (ref.kind === 'Namespace') return renameNamespace(doc, ref.name, name);
  if (ref.kind === 'LoadBalancer') return { document: doc, keys: [elementKey(ref)] };
  const newKey = elementKey({ ...ref, name });
  const rename = <T extends { readonly name: string }>(o: T): T => ({ ...o, name });
  let cluster =
    ref.kind in LIST_OF_KIND
      ? changeItem(doc.cluster, LIST_OF_KIND[ref.kind as keyof typeof LIST_OF_KIND], key, rename)
      : renameL7Object(doc.cluster, key, name);
  if (ref.kind === 'Node') {
    cluster = {
      ...cluster,
      pods: cluster.pods.map((p) => (p.nodeName === ref.name ? { ...p, nodeName: name } : p)),
    };
  }
  if (ref.kind === 'Service') {
    // The editor keeps Ingress backends pointing at the Service the person renamed.
    cluster = {
      ...cluster,
      ingresses: cluster.ingresses?.map((ing) =>
        nsOf(ing) !== ref.namespace ? ing : renameIngressBackends(ing, ref.name, name),
      ),
    };
  }
  const flow = doc.flow && followRename(doc.flow, ref, name);
  let layout = renameLayoutKey(doc.layout, key, newKey);
  if (ref.kind === 'Service') {
    layout = renameLayoutKey(
      layout,
      loadBalancerKey({ namespace: ref.namespace, name: ref.name }),
      loadBalancerKey({ namespace: ref.namespace, name }),
    );
  }
  return {
    document: { ...doc, cluster, layout, ...(flow ? { flow } : {}) },
    keys: [newKey],
  };
}

function renameIngressBackends(ing: IngressSpec, from: string, to: string): IngressSpec {
  const fix = <B extends { readonly service: string }>(b: B): B =>
    b.service === from ? { ...b, service: to } : b;
  return {
    ...ing,
    rules: ing.rules.map((r) => ({
      ...r,
      paths: r.paths.map((p) => ({ ...p, backend: fix(p.backend) })),
    })),
    ...(ing.defaultBackend ? { defaultBackend: fix(ing.defaultBackend) } : {}),
  };
}

function renameNamespace(doc: ScenarioDocument, from: string, to: string): EditResult {
  const move = <T extends { readonly namespace?: string }>(o: T): T =>
    nsOf(o) === from ? { ...o, namespace: to } : o;
  const c = doc.cluster;
  let layout = renameLayoutKey(
    doc.layout,
    namespaceKey({ name: from }),
    namespaceKey({ name: to }),
  );
  const rekey = (kind: ElementKind, o: { readonly namespace?: string; readonly name: string }) => {
    if (nsOf(o) !== from) return;
    layout = renameLayoutKey(
      layout,
      elementKey({ kind, namespace: from, name: o.name }),
      elementKey({ kind, namespace: to, name: o.name }),
    );
  };
  c.pods.forEach((o) => rekey('Pod', o));
  c.services.forEach((o) => {
    rekey('Service', o);
    rekey('LoadBalancer', o);
  });
  c.ingresses?.forEach((o) => rekey('Ingress', o));
  c.networkPolicies?.forEach((o) => rekey('NetworkPolicy', o));
  const namespaces = (c.namespaces ?? []).some((n) => n.name === from)
    ? (c.namespaces ?? []).map((n) => (n.name === from ? { ...n, name: to } : n))
    : [...(c.namespaces ?? []), { name: to }];
  let flow = doc.flow;
  if (flow) {
    const from2 =
      flow.from.kind === 'pod' && flow.from.namespace === from
        ? { ...flow.from, namespace: to }
        : flow.from;
    const to2 =
      flow.to.kind === 'pod' && flow.to.namespace === from
        ? { ...flow.to, namespace: to }
        : flow.to;
    flow = { ...flow, from: from2, to: to2 };
  }
  return {
    document: {
      ...doc,
      cluster: {
        ...c,
        namespaces,
        pods: c.pods.map(move),
        services: c.services.map(move),
        ingresses: c.ingresses?.map(move),
        networkPolicies: c.networkPolicies?.map(move),
      },
      layout,
      ...(flow ? { flow } : {}),
    },
    keys: [namespaceKey({ name: to })],
  };
}

/** Moves one namespaced object to another namespace (its key changes). */
export function changeNamespace(doc: ScenarioDocument, key: string, namespace: string): EditResult {
  const ref = parseElementKey(key);
  if (!ref) return { document: doc, keys: [] };
  if (!ref.namespace || ref.namespace === namespace)
    return { document: doc, keys: [elementKey(ref)] };
  const newKey = elementKey({ ...ref, namespace });
  const ns = namespace === DEFAULT_NAMESPACE ? undefined : namespace;
  const move = <T extends { readonly namespace?: string }>(o: T): T => {
    const rest = omit(o, 'namespace');
    return (ns ? { ...rest, namespace: ns } : rest) as T;
  };
  if (!(ref.kind in NAMESPACED_LIST)) return { document: doc, keys: [elementKey(ref)] };
  const list = NAMESPACED_LIST[ref.kind as keyof typeof NAMESPACED_LIST];
  const cluster = changeItem(doc.cluster, list, key, move);
  let flow = doc.flow;
  if (flow && ref.kind === 'Pod') {
    const follow = <T extends ProbeSource | ProbeTarget>(end: T): T =>
      end.kind === 'pod' && end.name === ref.name && end.namespace === ref.namespace
        ? { ...end, namespace }
        : end;
    flow = { ...flow, from: follow(flow.from), to: follow(flow.to) };
  }
  return {
    document: {
      ...doc,
      cluster,
      layout: renameLayoutKey(doc.layout, key, newKey),
      ...(flow ? { flow } : {}),
    },
    keys: [newKey],
  };
}
