/**
 * What every edit of the scenario document shares: its result, and the small steps most edits
 * take (a cluster swapped in, a field left out, a free name, a layout entry set, moved or dropped).
 */
import { type ClusterSpec, DEFAULT_NAMESPACE } from '../../../engine/spec.ts';
import type { Position, ScenarioDocument } from '../../scenarioDocument.ts';
import { KEY_OF, type ElementKey } from '../elementKey.ts';

/** What an edit gives back: the new document and the keys of what it made or touched. */
export interface EditResult {
  readonly document: ScenarioDocument;
  readonly keys: readonly ElementKey[];
  /** A sentence for the person when the edit did something they may not expect. */
  readonly note?: string;
}

export const nsOf = (o: { readonly namespace?: string }) => o.namespace ?? DEFAULT_NAMESPACE;

export const withCluster = (doc: ScenarioDocument, cluster: ClusterSpec): ScenarioDocument => ({
  ...doc,
  cluster,
});

/** A copy of an object without some of its fields (an optional field left out entirely). */
export function omit<T extends object, K extends keyof T>(obj: T, ...keys: K[]): Omit<T, K> {
  const copy = { ...obj } as Record<PropertyKey, unknown>;
  for (const key of keys) delete copy[key];
  return copy as Omit<T, K>;
}

/**
 * The object with an optional field set, or without the field when the value is empty or the
 * field's default: the document keeps only what differs from Kubernetes' defaults, as a manifest
 * a person writes would.
 */
export function withOptional<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  value: T[K] | undefined,
  defaultValue?: T[K],
): T {
  const rest = omit(obj, key) as T;
  if (value === undefined || value === '' || value === defaultValue) return rest;
  return { ...rest, [key]: value };
}

/** `base` if free, else `base-2`, `base-3`, ... (or from 1 with `numbered`). */
export function uniqueName(taken: ReadonlySet<string>, base: string, numbered = false): string {
  if (!numbered && !taken.has(base)) return base;
  for (let i = numbered ? 1 : 2; ; i++) {
    const name = `${base}-${i}`;
    if (!taken.has(name)) return name;
  }
}

export function setLayout(
  layout: ScenarioDocument['layout'],
  key: string,
  position: Position | undefined,
): ScenarioDocument['layout'] {
  if (position)
    return { ...layout, [key]: { x: Math.round(position.x), y: Math.round(position.y) } };
  if (!(key in layout)) return layout;
  const next = { ...layout };
  delete next[key];
  return next;
}

export function withoutLayout(
  layout: ScenarioDocument['layout'],
  keys: Iterable<string>,
): ScenarioDocument['layout'] {
  let next: Record<string, Position> | null = null;
  for (const key of keys) {
    if (!(key in layout)) continue;
    next ??= { ...layout };
    delete next[key];
  }
  return next ?? layout;
}

export function renameLayoutKey(
  layout: ScenarioDocument['layout'],
  from: string,
  to: string,
): ScenarioDocument['layout'] {
  if (from === to || !(from in layout)) return layout;
  const next = { ...layout, [to]: layout[from] };
  delete next[from];
  return next;
}

/** The cluster's lists of core objects, and the type of their items. */
export type Listed = keyof typeof KEY_OF;
export type ItemOf<L extends Listed> = NonNullable<ClusterSpec[L]>[number];

/** The key of an item of one of the cluster's lists. */
export const keyOfItem = <L extends Listed>(list: L, item: ItemOf<L>): ElementKey =>
  (KEY_OF[list] as (item: ItemOf<L>) => ElementKey)(item);

/** `item` added at the end of one of the cluster's lists, placed at `position`. */
export function appendItem<L extends Listed>(
  doc: ScenarioDocument,
  list: L,
  item: ItemOf<L>,
  position: Position | undefined,
): EditResult {
  const key = keyOfItem(list, item);
  return {
    document: {
      ...withCluster(doc, { ...doc.cluster, [list]: [...(doc.cluster[list] ?? []), item] }),
      layout: setLayout(doc.layout, key, position),
    },
    keys: [key],
  };
}
