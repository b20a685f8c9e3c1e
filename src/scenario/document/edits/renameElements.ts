/**
 * Renaming an element or moving it to another namespace: its key changes, so the layout, the flow
 * and whatever refers to it (Ingress backends, routes, a namespace's objects) follow.
 */
import { type ClusterSpec, DEFAULT_NAMESPACE, type IngressSpec } from '../../../engine/spec.ts';
import type { ProbeSource, ProbeTarget } from '../../../engine/trace.ts';
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import {
  elementKey,
  type ElementKind,
  ingressKey,
  loadBalancerKey,
  namespaceKey,
  parseElementKey,
  podKey,
  policyKey,
  serviceKey,
} from '../elementKey.ts';
import { renameL7Object } from './l7Objects.ts';
import { type EditResult, nsOf, omit, renameLayoutKey } from './editKit.ts';

export function renameElement(doc: ScenarioDocument, key: string, name: string): EditResult {
  const ref = parseElementKey(key);
  if (!ref) return { document: doc, keys: [] };
  if (ref.name === name) return { document: doc, keys: [elementKey(ref)] };
  const newKey = elementKey({ ...ref, name });
  let cluster = doc.cluster;
  let flow = doc.flow;
  const rename = <T extends { readonly name: string }>(o: T): T => ({ ...o, name });
  switch (ref.kind) {
    case 'Node':
      cluster = {
        ...cluster,
        nodes: cluster.nodes.map((n) => (n.name === ref.name ? rename(n) : n)),
        pods: cluster.pods.map((p) => (p.nodeName === ref.name ? { ...p, nodeName: name } : p)),
      };
      if (flow?.from.kind === 'node' && flow.from.name === ref.name) {
        flow = { ...flow, from: { ...flow.from, name } };
      }
      break;
    case 'Pod':
      cluster = {
        ...cluster,
        pods: cluster.pods.map((p) => (podKey(p) === key ? rename(p) : p)),
      };
      if (flow) {
        const from =
          flow.from.kind === 'pod' &&
          flow.from.name === ref.name &&
          flow.from.namespace === ref.namespace
            ? { ...flow.from, name }
            : flow.from;
        const to =
          flow.to.kind === 'pod' && flow.to.name === ref.name && flow.to.namespace === ref.namespace
            ? { ...flow.to, name }
            : flow.to;
        flow = { ...flow, from, to };
      }
      break;
    case 'Service':
      cluster = {
        ...cluster,
        services: cluster.services.map((s) => (serviceKey(s) === key ? rename(s) : s)),
        // The editor keeps Ingress backends pointing at the Service the person renamed.
        ingresses: cluster.ingresses?.map((ing) =>
          nsOf(ing) !== ref.namespace ? ing : renameIngressBackends(ing, ref.name, name),
        ),
      };
      if (flow?.to.kind === 'name' && flow.to.name === ref.name) {
        flow = { ...flow, to: { ...flow.to, name } };
      }
      break;
    case 'Ingress':
      cluster = {
        ...cluster,
        ingresses: cluster.ingresses?.map((i) => (ingressKey(i) === key ? rename(i) : i)),
      };
      break;
    case 'NetworkPolicy':
      cluster = {
        ...cluster,
        networkPolicies: cluster.networkPolicies?.map((p) =>
          policyKey(p) === key ? rename(p) : p,
        ),
      };
      break;
    case 'ExternalClient':
      cluster = {
        ...cluster,
        externalClients: cluster.externalClients?.map((c) => (c.name === ref.name ? rename(c) : c)),
      };
      if (flow?.from.kind === 'external' && flow.from.name === ref.name) {
        flow = { ...flow, from: { ...flow.from, name } };
      }
      break;
    case 'Namespace':
      return renameNamespace(doc, ref.name, name);
    case 'LoadBalancer':
      return { document: doc, keys: [elementKey(ref)] };
    case 'GatewayClass':
    case 'Gateway':
    case 'HTTPRoute':
    case 'ReferenceGrant':
    case 'CiliumNetworkPolicy':
    case 'CiliumClusterwideNetworkPolicy':
      cluster = renameL7Object(cluster, key, name);
      break;
    default:
      ref.kind satisfies never;
  }
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
  const c = doc.cluster;
  let cluster: ClusterSpec;
  switch (ref.kind) {
    case 'Pod':
      cluster = { ...c, pods: c.pods.map((p) => (podKey(p) === key ? move(p) : p)) };
      break;
    case 'Service':
      cluster = { ...c, services: c.services.map((s) => (serviceKey(s) === key ? move(s) : s)) };
      break;
    case 'Ingress':
      cluster = { ...c, ingresses: c.ingresses?.map((i) => (ingressKey(i) === key ? move(i) : i)) };
      break;
    case 'NetworkPolicy':
      cluster = {
        ...c,
        networkPolicies: c.networkPolicies?.map((p) => (policyKey(p) === key ? move(p) : p)),
      };
      break;
    default:
      return { document: doc, keys: [elementKey(ref)] };
  }
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
