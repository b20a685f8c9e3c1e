/**
 * The Kubernetes objects a scenario was imported from, kept so that a manifests export gives
 * people back their own objects: labels, annotations and every field PodPath does not model stay
 * as they were. What the API server sets (status, uid, managedFields...) is dropped on the way in.
 */
import type { ClusterSpec, KubernetesObject } from '../../engine/spec.ts';
import { isRecord } from './parseDocuments.ts';

/** Kinds whose source the manifests export starts from. */
export const SOURCE_KINDS: ReadonlySet<string> = new Set([
  'Namespace',
  'Pod',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Service',
  'Ingress',
  'NetworkPolicy',
]);

/** Metadata the API server writes; a manifest never carries it. */
const SERVER_METADATA = [
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'ownerReferences',
];
/** Annotations the API server or kubectl write (kubectl's copy of the whole object among them). */
const SERVER_ANNOTATIONS = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

/**
 * A deep copy of plain JSON (the objects here come from YAML or JSON text), as a JSON round trip
 * makes it (a number that is not finite becomes null, an undefined property is left out, an
 * undefined item becomes null) without writing the text.
 */
function cloneJson(value: Record<string, unknown>): Record<string, unknown> {
  return cloneObject(value);
}

function cloneObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v !== undefined) out[key] = cloneValue(v);
  }
  return out;
}

function cloneValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : cloneValue(item)));
  return cloneObject(v as Record<string, unknown>);
}

/** `Kind/namespace/name` (no namespace for cluster-scoped kinds). */
export function sourceKey(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}

function keyOf(obj: KubernetesObject): string | undefined {
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  if (typeof obj.kind !== 'string' || typeof meta.name !== 'string') return undefined;
  const ns = typeof meta.namespace === 'string' ? meta.namespace : undefined;
  return sourceKey(obj.kind, obj.kind === 'Namespace' ? undefined : ns, meta.name);
}

/** A deep copy of the object without what the API server adds. */
export function cleanSource(obj: Readonly<Record<string, unknown>>): KubernetesObject {
  const copy = cloneJson(obj);
  delete copy.status;
  if (isRecord(copy.metadata)) {
    for (const k of SERVER_METADATA) delete copy.metadata[k];
    const annotations = copy.metadata.annotations;
    if (isRecord(annotations)) {
      for (const k of SERVER_ANNOTATIONS) delete annotations[k];
      if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
    }
  }
  const template = isRecord(copy.spec) && isRecord(copy.spec.template) ? copy.spec.template : {};
  if (isRecord(template.metadata)) delete template.metadata.creationTimestamp;
  return copy;
}

/** The scenario's source objects by `Kind/namespace/name`; a namespace-less object is `default`'s. */
export function indexSources(spec: ClusterSpec): Map<string, KubernetesObject> {
  const out = new Map<string, KubernetesObject>();
  for (const obj of spec.sourceObjects ?? []) {
    const key = keyOf(obj);
    if (key) out.set(key, obj);
  }
  return out;
}

/**
 * The source with the model laid over it: objects merge key by key, anything else (a list, a
 * value) is the model's. `cleared` names the source's modelled fields (dotted paths), emptied
 * first so that a field the model no longer has does not survive from the source, and one it
 * has is the model's alone.
 */
export function overlay(
  source: unknown,
  model: Record<string, unknown>,
  cleared: readonly string[] = [],
): Record<string, unknown> {
  const base = isRecord(source) ? cloneJson(source) : {};
  const find = (root: unknown, parts: readonly string[]) =>
    parts.reduce<unknown>((at, p) => (isRecord(at) ? at[p] : undefined), root);
  for (const path of cleared) {
    const parts = path.split('.');
    const at = find(base, parts.slice(0, -1));
    const key = parts[parts.length - 1];
    if (!isRecord(at)) continue;
    // A field the model writes again keeps its place among the source's keys.
    if (find(model, parts) !== undefined) at[key] = undefined;
    else delete at[key];
  }
  return mergeRecords(base, model);
}

function mergeRecords(base: Record<string, unknown>, top: Record<string, unknown>) {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(top)) {
    out[k] = isRecord(v) && isRecord(out[k]) ? mergeRecords(out[k], v) : v;
  }
  return out;
}

/** The source's entry in a list that matches `item` on `key`, for list items merged one by one. */
export function matching(
  list: unknown,
  key: (item: Record<string, unknown>) => string,
  item: string,
): Record<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.find((x): x is Record<string, unknown> => isRecord(x) && key(x) === item);
}
