/**
 * Readers every kind shares: object metadata, label selectors and port protocols. Each reads an
 * untrusted value and reports through Fields what it could not use.
 */
import { isProtocol, type Protocol } from '../../engine/net.ts';
import type { LabelSelector, LabelSelectorRequirement, Labels } from '../../engine/spec.ts';
import { isDnsLabel, isDnsSubdomain, type Fields, type FieldTable } from './fields.ts';

export interface Meta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Labels;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly ownerReferences: readonly { readonly kind: string; readonly name: string }[];
  /** When the API server created the object (a dump has it; Service env vars depend on it). */
  readonly creationTimestamp?: string;
}

const METADATA_FIELDS: FieldTable = {
  name: 'read',
  generateName: 'read',
  namespace: 'read',
  labels: 'read',
  annotations: 'read',
  ownerReferences: 'read',
  uid: 'ignore',
  resourceVersion: 'ignore',
  generation: 'ignore',
  creationTimestamp: 'read',
  deletionTimestamp: 'ignore',
  deletionGracePeriodSeconds: 'ignore',
  managedFields: 'ignore',
  selfLink: 'ignore',
  finalizers: 'ignore',
};

/** Reads `metadata`; undefined when the object has no usable name. */
export function readMeta(
  obj: Record<string, unknown>,
  f: Fields,
  opts: { namespaced: boolean; nameIsLabel?: boolean; fallbackName?: string },
): Meta | undefined {
  const m = f.rec(obj, 'metadata', '') ?? {};
  f.checkKeys(m, 'metadata', METADATA_FIELDS);
  let name = f.str(m, 'name', 'metadata');
  if (name === undefined && opts.fallbackName !== undefined) name = opts.fallbackName;
  if (name === undefined) {
    f.reject('metadata.name', 'is missing.');
    return undefined;
  }
  const nameOk = opts.nameIsLabel ? isDnsLabel(name) : isDnsSubdomain(name);
  if (!nameOk) {
    f.reject(
      'metadata.name',
      `"${name}" is not a valid name (lower-case letters, digits and "-"${opts.nameIsLabel ? '' : ' or "."'}, starting and ending with a letter or digit).`,
    );
    return undefined;
  }
  let namespace: string | undefined;
  if (opts.namespaced) {
    namespace = f.str(m, 'namespace', 'metadata');
    if (namespace !== undefined && !isDnsLabel(namespace)) {
      f.reject('metadata.namespace', `"${namespace}" is not a valid namespace name.`);
      return undefined;
    }
  } else if (m.namespace !== undefined) {
    f.note('metadata.namespace', 'this kind is not namespaced; the namespace is ignored.');
  }
  const ownerReferences = f
    .records(m, 'ownerReferences', 'metadata')
    .map((r) => ({
      kind: f.str(r.value, 'kind', r.path) ?? '',
      name: f.str(r.value, 'name', r.path) ?? '',
    }))
    .filter((r) => r.kind && r.name);
  const created = m.creationTimestamp;
  const createdOk = typeof created === 'string' && !Number.isNaN(Date.parse(created));
  if (created !== undefined && created !== null && !createdOk)
    f.warn('metadata.creationTimestamp', 'is not a time (RFC 3339); ignored.');
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    ...optional('labels', f.labels(m, 'labels', 'metadata')),
    ...optional('annotations', f.labels(m, 'annotations', 'metadata', false)),
    ownerReferences,
    ...optional('creationTimestamp', createdOk ? created : undefined),
  };
}

/** `{ key: value }` when value is defined, else `{}`: keeps absent fields absent. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The fields of `obj` named in `keys` that are set, in that order (optional() for each). */
export function definedFields<T extends object, K extends keyof T>(
  obj: T,
  ...keys: K[]
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (obj[key] !== undefined) out[key] = obj[key];
  return out;
}

export function readProtocol(
  obj: Record<string, unknown>,
  path: string,
  f: Fields,
): Protocol | undefined | null {
  const p = f.str(obj, 'protocol', path);
  if (p === undefined) return undefined;
  if (isProtocol(p)) return p;
  f.drop(`${path}.protocol`, `"${p}" is not TCP, UDP or SCTP; the entry is ignored.`);
  return null;
}

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const;

export function readLabelSelector(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  f: Fields,
): LabelSelector | undefined {
  const sel = f.rec(obj, key, path);
  if (!sel) return undefined;
  const at = `${path ? `${path}.` : ''}${key}`;
  f.checkKeys(sel, at, { matchLabels: 'read', matchExpressions: 'read' });
  const matchLabels = f.labels(sel, 'matchLabels', at);
  const exprs = f.records(sel, 'matchExpressions', at);
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const e of exprs) {
    const k = f.str(e.value, 'key', e.path);
    const operator = f.str(e.value, 'operator', e.path);
    const values = f.strings(e.value, 'values', e.path);
    if (!k) {
      f.reject(`${e.path}.key`, 'is missing.');
      continue;
    }
    if (!operator || !(OPERATORS as readonly string[]).includes(operator)) {
      f.reject(
        `${e.path}.operator`,
        `"${operator ?? ''}" is not In, NotIn, Exists or DoesNotExist.`,
      );
      continue;
    }
    const op = operator as LabelSelectorRequirement['operator'];
    const needsValues = op === 'In' || op === 'NotIn';
    if (needsValues && (!values || values.length === 0)) {
      f.reject(`${e.path}.values`, `must not be empty for ${op}.`);
      continue;
    }
    if (!needsValues && values && values.length > 0) {
      f.reject(`${e.path}.values`, `must be empty for ${op}.`);
      continue;
    }
    matchExpressions.push({ key: k, operator: op, ...(needsValues ? { values } : {}) });
  }
  return {
    ...optional('matchLabels', matchLabels),
    ...(sel.matchExpressions !== undefined ? { matchExpressions } : {}),
  };
}

/** Checks an object's top-level keys: apiVersion, kind and metadata, and spec and status as the kind uses them. */
export function checkObjectKeys(
  obj: Record<string, unknown>,
  f: Fields,
  use: { readonly spec: 'read' | 'ignore'; readonly status: 'read' | 'ignore' },
): void {
  f.checkKeys(obj, '', { apiVersion: 'read', kind: 'read', metadata: 'read', ...use });
}

/**
 * The number, protocol and name of one entry in a ports list (a container's or a Service's);
 * undefined, with a warning, when the entry cannot be used. A bad name is dropped, not the port.
 */
export function readPortEntry(
  p: { readonly value: Record<string, unknown>; readonly path: string },
  numberKey: string,
  what: string,
  isName: (name: string) => boolean,
  f: Fields,
): { readonly number: number; readonly protocol?: Protocol; readonly name?: string } | undefined {
  const number = f.port(p.value, numberKey, p.path);
  const protocol = readProtocol(p.value, p.path, f);
  if (number === undefined) {
    f.warn(
      `${p.path}.${numberKey}`,
      `${what} needs a number from 1 to 65535; the port is ignored.`,
    );
    return undefined;
  }
  if (protocol === null) return undefined;
  let name = f.str(p.value, 'name', p.path);
  if (name !== undefined && !isName(name)) {
    f.warn(`${p.path}.name`, `"${name}" is not a valid port name; the port is kept without it.`);
    name = undefined;
  }
  return { number, ...optional('protocol', protocol), ...optional('name', name) };
}
