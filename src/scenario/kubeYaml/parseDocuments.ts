/**
 * Untrusted text to plain objects: size cap before parsing, alias cap while converting, every
 * syntax error with its line, and `kind: List` (as `kubectl get -o yaml` writes it) flattened.
 */
import { isMap, isScalar, isSeq, LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import type { FastDocument } from './fastParse.ts';
import { lineFinder } from './lineFinder.ts';
import type { IssueLog } from './issues.ts';

export interface RawObject {
  readonly value: Record<string, unknown>;
  /** 1-based line the object starts on. */
  readonly line?: number;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether the text's UTF-8 form is longer than `limit` bytes. A UTF-16 code unit never takes more
 * than 3 bytes (a surrogate pair, two units, takes 4; a lone one at the end is counted as 4), so
 * text shorter than a third of the limit is not counted at all.
 */
export function exceedsUtf8(text: string, limit: number): boolean {
  return (text.length + 1) * 3 > limit && utf8Length(text, limit) > limit;
}

/** UTF-8 length of the text, counting no further than `limit + 1`. */
export function utf8Length(text: string, limit = Infinity): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++; // the low surrogate belongs to the same code point
    } else bytes += 3;
  }
  return bytes;
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`;
}

/** Kinds that wrap other objects in `items`: `List`, and typed lists such as `PodList`. */
function isListKind(kind: unknown): boolean {
  return typeof kind === 'string' && /List$/.test(kind);
}

export interface ParseLimits {
  readonly maxBytes: number;
  readonly maxAliasCount: number;
}

/** A reader for the common case that gives up (undefined) on anything it cannot read as the full one does. */
export type FastReader = (text: string) => FastDocument[] | undefined;

let fastReader: FastReader | undefined;

/**
 * Lets large inputs take the fast reader (fastParse.ts). The import worker, the command line and
 * the benchmarks install it; the page does not, so js-yaml stays out of its first load (the page
 * only reads small policy and object YAML itself).
 */
export function setFastReader(reader: FastReader | undefined): void {
  fastReader = reader;
}

/** Parses every document; objects of documents with syntax errors are left out. */
export function parseDocuments(text: string, limits: ParseLimits, log: IssueLog): RawObject[] {
  if (exceedsUtf8(text, limits.maxBytes)) {
    log.error(
      `The input is larger than ${formatBytes(limits.maxBytes)}; PodPath does not read it. Import the namespaces you need one at a time.`,
    );
    return [];
  }
  const fast = fastReader?.(text);
  if (fast) {
    const lineOf = lineFinder(text);
    const out: RawObject[] = [];
    fast.forEach((doc, index) =>
      collectObjects(
        doc.value,
        index,
        lineOf(doc.start),
        (i) => lineOf(doc.itemStarts[i]),
        out,
        log,
      ),
    );
    return out;
  }
  return parseEveryDocument(text, limits, log);
}

/** The full reader: every syntax error and warning with its line, aliases counted as expanded. */
function parseEveryDocument(text: string, limits: ParseLimits, log: IssueLog): RawObject[] {
  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      lineCounter,
      prettyErrors: true,
      // The parser's own check compares each key with every earlier one: quadratic, a minute for
      // a mapping of 40,000 keys. duplicateKeys below does the same check with a set.
      uniqueKeys: false,
    }) as Document.Parsed[];
  } catch (e) {
    log.error(`The YAML could not be read: ${(e as Error).message}`);
    return [];
  }
  if (!Array.isArray(docs)) docs = [docs];
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  const out: RawObject[] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) {
        const pos = e.linePos?.[0];
        const firstLine = e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
        log.errors.push({
          message: `YAML syntax error in document ${index + 1}: ${firstLine}`,
          ...(pos ? { line: pos.line, column: pos.col } : {}),
        });
      }
      return;
    }
    const repeated = duplicateKeys(doc);
    if (repeated.length > 0) {
      for (const offset of repeated) {
        const pos = lineCounter.linePos(offset);
        log.errors.push({
          message: `YAML syntax error in document ${index + 1}: Map keys must be unique`,
          line: pos.line,
          column: pos.col,
        });
      }
      return;
    }
    for (const w of doc.warnings) {
      log.warn('YAML', w.message.split('\n')[0], {
        id: { kind: 'document', name: String(index + 1) },
        line: w.linePos?.[0].line,
      });
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (e) {
      const bomb = e instanceof ReferenceError || /alias/i.test((e as Error).message);
      log.errors.push({
        message: bomb
          ? `Document ${index + 1} expands its YAML aliases (*name) more than ${limits.maxAliasCount} times, as an "alias bomb" does; PodPath does not read it.`
          : `Document ${index + 1} could not be read: ${(e as Error).message}`,
        ...(lineOf(doc.contents?.range?.[0]) ? { line: lineOf(doc.contents?.range?.[0]) } : {}),
      });
      return;
    }
    const itemsNode = isMap(doc.contents) ? doc.contents.get('items', true) : undefined;
    const itemNodes = isSeq(itemsNode) ? itemsNode.items : [];
    const itemLine = (i: number) =>
      lineOf((itemNodes[i] as { range?: [number, number, number] } | undefined)?.range?.[0]);
    collectObjects(value, index, lineOf(doc.contents?.range?.[0]), itemLine, out, log);
  });
  return out;
}

/** The objects of one document: itself, or the items of a `kind: List`; anything else an error. */
function collectObjects(
  value: unknown,
  index: number,
  line: number | undefined,
  itemLine: (i: number) => number | undefined,
  out: RawObject[],
  log: IssueLog,
): void {
  if (value === null || value === undefined) return; // an empty document, e.g. a trailing ---
  if (!isRecord(value)) {
    log.errors.push({
      message: `Document ${index + 1} is not a Kubernetes object (expected a mapping with apiVersion and kind).`,
      ...(line ? { line } : {}),
    });
    return;
  }
  if (isListKind(value.kind) && Array.isArray(value.items)) {
    value.items.forEach((item, i) => {
      const at = itemLine(i);
      if (!isRecord(item)) {
        log.errors.push({
          message: `Item ${i + 1} of the ${String(value.kind)} in document ${index + 1} is not a Kubernetes object.`,
          ...(at ? { line: at } : {}),
        });
        return;
      }
      out.push({ value: item, line: at });
    });
    return;
  }
  out.push({ value, line });
}

/**
 * Offsets of keys that repeat an earlier scalar key of the same mapping (YAML 1.2 section 3.2.1.1:
 * the keys of a mapping are unique), in one pass over each mapping.
 */
function duplicateKeys(doc: Document.Parsed): number[] {
  const offsets: number[] = [];
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) offsets.push(pair.key.range?.[0] ?? 0);
        else seen.add(pair.key.value);
      }
    },
  });
  return offsets;
}

/**
 * PodPath's own lines in an export (`# podpath:settings {...}`): the parts of a scenario that are
 * no Kubernetes object. Comments, so kubectl ignores them.
 */
export function readDirectives(text: string): { name: string; json: string; line: number }[] {
  const out: { name: string; json: string; line: number }[] = [];
  const marker = '# podpath:';
  // Only the lines that start with the marker are read; the lines between are counted, not split.
  let line = 1;
  let counted = 0;
  for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + 1)) {
    if (at > 0 && text[at - 1] !== '\n') continue;
    for (let i = text.indexOf('\n', counted); i !== -1 && i < at; i = text.indexOf('\n', i + 1)) {
      line++;
      counted = i + 1;
    }
    const end = text.indexOf('\n', at);
    const l = text.slice(at, end === -1 ? text.length : end).replace(/\r$/, '');
    const m = /^# podpath:([A-Za-z]+) (.*)$/.exec(l);
    if (m) out.push({ name: m[1], json: m[2], line });
  }
  return out;
}
