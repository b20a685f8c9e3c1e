/**
 * The quick way through the common case. Block-style YAML as kubectl and PodPath's export write it
 * is read by blockYaml.ts, several times faster again; other plain YAML (or JSON) with no aliases,
 * no custom tags and no syntax errors, by js-yaml's event parser about ten times faster than the
 * full reader.
 * Anything else (an error to report with its line, an alias to count, a tag, a duplicate key)
 * returns `undefined`, and the full reader in parseDocuments.ts reads the text as before, so every
 * message and every cap stays as it was. Both read YAML 1.2's core schema: the same text gives the
 * same values (pinned by fastParse.test.ts).
 */
import { readBlockYaml } from './blockYaml.ts';
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, parseEvents, type Event } from 'js-yaml';

/** What the fast path gives per document: its value and where its root node and list items start. */
export interface FastDocument {
  readonly value: unknown;
  /** Offset of the document's root node. */
  readonly start?: number;
  /** Offsets of the items of a root mapping's `items` sequence (a `kind: List`), in order. */
  readonly itemStarts: readonly number[];
}

interface Frame {
  readonly kind: 'map' | 'seq';
  /** Children seen so far (a mapping's keys and values both count). */
  children: number;
  /** For a mapping: the last key, when it was a plain scalar. */
  key?: string;
  /** This frame is the root mapping's `items` sequence. */
  readonly items: boolean;
}

/** Offset at which a node event starts, or undefined for pops and documents. */
function startOf(e: Event): number | undefined {
  if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) return e.start;
  if (e.type === EVENT_ID.SCALAR) return e.valueStart;
  return undefined;
}

/** Every document of `text`, or undefined when the full reader must read it. */
export function fastParse(text: string): FastDocument[] | undefined {
  const block = readBlockYaml(text);
  if (block) return block;
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, {});
    // No alias at all (maxAliases 0): an alias makes the full reader count their expansion.
    values = constructFromEvents(events, { source: text, schema: CORE_SCHEMA, maxAliases: 0 });
  } catch {
    return undefined;
  }
  const docs: { start?: number; itemStarts: number[] }[] = [];
  const stack: Frame[] = [];
  for (const e of events) {
    if (e.type === EVENT_ID.ALIAS) return undefined;
    if (e.type === EVENT_ID.DOCUMENT) {
      docs.push({ itemStarts: [] });
      stack.length = 0;
      continue;
    }
    if (e.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const doc = docs[docs.length - 1];
    if (!doc) return undefined;
    const parent = stack[stack.length - 1];
    if (!parent) doc.start = startOf(e);
    else {
      if (parent.items) doc.itemStarts.push(startOf(e) ?? 0);
      if (parent.kind === 'map' && parent.children % 2 === 0)
        parent.key = e.type === EVENT_ID.SCALAR ? text.slice(e.valueStart, e.valueEnd) : undefined;
      parent.children++;
    }
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) {
      const isItems =
        e.type === EVENT_ID.SEQUENCE &&
        stack.length === 1 &&
        parent?.kind === 'map' &&
        parent.key === 'items';
      stack.push({
        kind: e.type === EVENT_ID.MAPPING ? 'map' : 'seq',
        children: 0,
        items: isItems,
      });
    }
  }
  if (docs.length !== values.length) return undefined;
  return docs.map((d, i) => ({ value: values[i], start: d.start, itemStarts: d.itemStarts }));
}
