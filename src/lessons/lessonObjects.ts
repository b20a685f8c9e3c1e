/**
 * The objects of a scenario as object checks name them (`Service default/web`, `Settings`),
 * and the value at a dotted path in one, read from the document as the learner left it.
 */
import { DEFAULT_NAMESPACE, type ClusterSpec } from '../engine/spec.ts';
import type { LessonObjectKind } from './lessonTypes.ts';

type Plain = Readonly<Record<string, unknown>>;

function listOf(spec: ClusterSpec, kind: LessonObjectKind): readonly Plain[] {
  switch (kind) {
    case 'Settings':
      return [spec.settings as unknown as Plain];
    case 'Node':
      return spec.nodes as unknown as Plain[];
    case 'Pod':
      return spec.pods as unknown as Plain[];
    case 'Service':
      return spec.services as unknown as Plain[];
    case 'Ingress':
      return (spec.ingresses ?? []) as unknown as Plain[];
    case 'NetworkPolicy':
      return (spec.networkPolicies ?? []) as unknown as Plain[];
    case 'Namespace':
      return (spec.namespaces ?? []) as unknown as Plain[];
  }
}

const NAMESPACED: ReadonlySet<LessonObjectKind> = new Set([
  'Pod',
  'Service',
  'Ingress',
  'NetworkPolicy',
]);

/** The objects of a kind, narrowed by namespace and name when given. */
export function findObjects(
  spec: ClusterSpec,
  kind: LessonObjectKind,
  namespace?: string,
  name?: string,
): readonly Plain[] {
  return listOf(spec, kind).filter((o) => {
    if (name !== undefined && o.name !== name) return false;
    if (namespace !== undefined && NAMESPACED.has(kind))
      return (o.namespace ?? DEFAULT_NAMESPACE) === namespace;
    return true;
  });
}

/** The value at a dotted path (`cni.plugin`, `ports.0.nodePort`), or undefined. */
export function readPath(object: Plain, path: string): unknown {
  let at: unknown = object;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
