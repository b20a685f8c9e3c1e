/**
 * What a YAML reader makes of a text, as the import uses it: each document's value, the line its
 * root starts on, and the line of each item of a `kind: List`. The tests of the fast readers
 * compare theirs with the full reader's.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { FastDocument } from '../fastParse.ts';
import { lineFinder } from '../lineFinder.ts';

export interface ReadDocument {
  readonly value: unknown;
  /** Undefined for an empty document, which the import skips. */
  readonly line: number | undefined;
  readonly itemLines: readonly (number | undefined)[];
}

/** The full reader (the `yaml` package, YAML 1.2 core schema). */
export function fullRead(text: string): ReadDocument[] {
  const lineCounter = new LineCounter();
  const at = (o?: number) => (o === undefined ? undefined : lineCounter.linePos(o).line);
  return parseAllDocuments(text, { lineCounter, uniqueKeys: true }).map((doc) => {
    const items = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
    const value: unknown = doc.toJS();
    return {
      value,
      line: value === null ? undefined : at(doc.contents?.range?.[0]),
      itemLines: isSeq(items)
        ? items.items.map((n) => at((n as { range?: number[] }).range?.[0]))
        : [],
    };
  });
}

/** A fast reader's documents, with their offsets turned into lines. */
export function fastRead(
  text: string,
  read: (text: string) => FastDocument[] | undefined,
): ReadDocument[] | undefined {
  const lineOf = lineFinder(text);
  return read(text)?.map((d) => ({
    value: d.value,
    line: d.value === null ? undefined : lineOf(d.start),
    itemLines: d.itemStarts.map((s) => lineOf(s)),
  }));
}
