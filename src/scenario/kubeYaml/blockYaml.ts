/**
 * A small, strict reader for the block-style YAML that `kubectl get -o yaml` and PodPath's own
 * export write: block mappings and sequences (`- ` items, also at their key's indentation),
 * one-line plain, single- and double-quoted scalars, the empty flow collections `{}` and `[]`,
 * comments and `---` separators. Scalars resolve by the YAML 1.2 core schema
 * (https://yaml.org/spec/1.2.2/#1032-tag-resolution), as js-yaml's CORE_SCHEMA does.
 *
 * It gives up (undefined) on anything else, so that js-yaml, then the full reader, read the text
 * as before: flow collections, anchors and aliases, tags, block scalars (`|`, `>`), multi-line
 * scalars, tabs, carriage returns, duplicate or non-string keys, complex keys, directives and
 * document end markers. Pinned against js-yaml and the `yaml` package by blockYaml.test.ts.
 */
import type { FastDocument } from './fastParse.ts';

/** Thrown inside the reader to give up; never leaves this module. */
const GIVE_UP = Symbol('give up');

/** Core schema integers (10.3.2): decimal with a sign, `0o` octal, `0x` hexadecimal. */
const CORE_INT = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?[0-9]+)$/;
/** Core schema floats (10.3.2), with infinities and not-a-number. */
const CORE_FLOAT =
  /^(?:[-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
/** Characters of the plain keys this reader accepts: those of Kubernetes names, labels and annotations. */
const KEY_CHAR = new Uint8Array(128);
for (const c of 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-')
  KEY_CHAR[c.charCodeAt(0)] = 1;
/** Deeper than any Kubernetes object; deeper input is left to the other readers. */
const MAX_DEPTH = 64;

/**
 * Whether every character is one this reader takes as it is: printable (YAML 1.2 section 5.1, as
 * js-yaml checks it), no tab, no line break but `\n` (YAML 1.1 also broke lines at U+0085,
 * U+2028 and U+2029), no byte order mark, no surrogate without its pair.
 */
function plainText(text: string): boolean {
  const n = text.length;
  // Printable ASCII and line feeds, the common case, are skipped by one search.
  const first = text.search(/[^\n\x20-\x7e]/);
  if (first === -1) return true;
  for (let i = first; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (c === 0x0a) continue;
    if (c < 0xa0 || c === 0x2028 || c === 0x2029 || c === 0xfeff || c >= 0xfffe) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      const low = text.charCodeAt(i + 1);
      if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) return false;
      i++;
    }
  }
  return true;
}

function giveUp(): never {
  throw GIVE_UP;
}

function resolveNumber(s: string): unknown {
  if (CORE_INT.test(s)) {
    let digits = s;
    let sign = 1;
    if (digits[0] === '-' || digits[0] === '+') {
      if (digits[0] === '-') sign = -1;
      digits = digits.slice(1);
    }
    const n = digits.startsWith('0o')
      ? parseInt(digits.slice(2), 8)
      : digits.startsWith('0x')
        ? parseInt(digits.slice(2), 16)
        : parseInt(digits, 10);
    const value = sign * n;
    // An integer too large for a double: the readers disagree on what it is; let them decide.
    return Number.isFinite(value) ? value : giveUp();
  }
  if (CORE_FLOAT.test(s)) {
    let lower = s.toLowerCase();
    const sign = lower[0] === '-' ? -1 : 1;
    if (lower[0] === '-' || lower[0] === '+') lower = lower.slice(1);
    if (lower === '.inf') return sign * Infinity;
    if (lower === '.nan') return NaN;
    const value = sign * parseFloat(lower);
    return Number.isFinite(value) ? value : giveUp();
  }
  return s;
}

/** A plain scalar's value by the core schema's tag resolution (null, bool, int, float, or str). */
export function resolvePlain(s: string): unknown {
  switch (s[0]) {
    case '~':
      return s === '~' ? null : s;
    case 'n':
    case 'N':
      return s === 'null' || s === 'Null' || s === 'NULL' ? null : s;
    case 't':
    case 'T':
      return s === 'true' || s === 'True' || s === 'TRUE' ? true : s;
    case 'f':
    case 'F':
      return s === 'false' || s === 'False' || s === 'FALSE' ? false : s;
    case '-':
    case '+':
    case '.':
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7':
    case '8':
    case '9':
      return resolveNumber(s);
    default:
      return s;
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\x85',
  _: '\xa0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_LENGTH: Readonly<Record<string, number>> = { x: 2, u: 4, U: 8 };

/** Every document of `text`, or undefined when it holds anything this reader does not read. */
export function readBlockYaml(text: string): FastDocument[] | undefined {
  if (!plainText(text)) return undefined;
  try {
    return new BlockReader(text).documents();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

/** Indent of a `---` line: below every node's, so each collection ends there. */
const SEPARATOR = -1;

class BlockReader {
  /** Per significant line (not blank, not a comment): offset of its first character... */
  private readonly starts: number[] = [];
  /** ...its indentation (SEPARATOR for `---`)... */
  private readonly indents: number[] = [];
  /** ...and the offset of its end (its line break, or the end of the text). */
  private readonly ends: number[] = [];
  /** The significant line being read. */
  private li = 0;
  /** Collections open around the one being read. */
  private depth = 0;
  /** The literal block scalars, by the significant line of their header: where `|` is, and the value. */
  private readonly literals = new Map<number, { at: number; value: string }>();

  constructor(private readonly text: string) {
    const { starts, indents, ends } = this;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      const end = this.lineEnd(pos);
      const p = this.spacesEnd(pos, end);
      const c = text[p];
      if (p < end && c !== '#') {
        if (p === pos && (c === '-' || c === '.') && text.startsWith(c + c + c, p)) {
          const after = text[p + 3];
          if (p + 3 !== end && after !== ' ') {
            // `---x` or `...x` is a plain scalar; fine for the line reader below.
          } else if (c === '.' || !this.onlyComment(p + 3, end)) giveUp();
          else {
            starts.push(p);
            indents.push(SEPARATOR);
            ends.push(end);
            pos = end + 1;
            continue;
          }
        }
        if (p === pos && c === '%') giveUp(); // a directive
        starts.push(p);
        indents.push(p - pos);
        ends.push(end);
        const at = this.literalHeader(pos, p, end);
        if (at !== undefined) {
          pos = this.literal(starts.length - 1, at, end + 1);
          continue;
        }
      }
      pos = end + 1;
    }
  }

  /**
   * For a line ending in a literal block scalar's header (`key: |`, `key: |-`, `- |`), the offset
   * of its `|` and the indentation its content must exceed (the key's or the dash's column).
   */
  private literalHeader(
    lineStart: number,
    p: number,
    end: number,
  ): { bar: number; parent: number; strip: boolean } | undefined {
    const text = this.text;
    const strip = text[end - 1] === '-';
    const bar = strip ? end - 2 : end - 1;
    if (text[bar] !== '|' || text[bar - 1] !== ' ') return undefined;
    // The node the line starts, past any `- ` of compact sequence items.
    let node = p;
    let dash = -1;
    while (this.isDash(node, end)) {
      dash = node;
      node = this.spacesEnd(node + 1, end);
    }
    if (node === bar) return dash === -1 ? undefined : { bar, parent: dash - lineStart, strip };
    let colon = bar - 1;
    while (text.charCodeAt(colon) === 32) colon--;
    return text[colon] === ':' ? { bar, parent: node - lineStart, strip } : undefined;
  }

  /**
   * Reads the content of the literal block scalar whose header is on significant line li, from
   * `pos` (YAML 1.2 section 8.1.2: the first non-empty line sets the content's indentation, a
   * less indented line ends it; `|` keeps one final line break, `|-` none). Returns the offset the
   * line reader goes on from. Empty content, an explicit indentation, `|+` and lines of spaces
   * longer than the indentation are left to the other readers.
   */
  private literal(
    li: number,
    header: { bar: number; parent: number; strip: boolean },
    pos: number,
  ): number {
    const text = this.text;
    const n = text.length;
    const lines: string[] = [];
    let indent = -1;
    let blankSpaces = 0;
    while (pos < n) {
      const end = this.lineEnd(pos);
      const s = this.spacesEnd(pos, end);
      if (s === end) {
        blankSpaces = Math.max(blankSpaces, s - pos);
        if (indent !== -1 && blankSpaces > indent) giveUp();
        lines.push('');
      } else {
        if (indent === -1) {
          if (s - pos <= header.parent || blankSpaces > s - pos) giveUp();
          indent = s - pos;
        } else if (s - pos < indent) break;
        // The final line break `|` keeps must be in the text.
        if (end === n) giveUp();
        lines.push(text.slice(pos + indent, end));
      }
      pos = end + 1;
    }
    if (indent === -1) giveUp();
    let last = lines.length;
    while (lines[last - 1] === '') last--;
    const body = lines.slice(0, last).join('\n');
    this.literals.set(li, { at: header.bar, value: header.strip ? body : `${body}\n` });
    return pos;
  }

  /** Offset of the line break ending the line at pos, or the end of the text. */
  private lineEnd(pos: number): number {
    const end = this.text.indexOf('\n', pos);
    return end === -1 ? this.text.length : end;
  }

  /** Offset of the first character from `from` on that is not a space, at most `end`. */
  private spacesEnd(from: number, end: number): number {
    let p = from;
    while (p < end && this.text.charCodeAt(p) === 32) p++;
    return p;
  }

  /** Whether text[from, end) is spaces, then perhaps a comment. */
  private onlyComment(from: number, end: number): boolean {
    const p = this.spacesEnd(from, end);
    return p === end || (this.text[p] === '#' && p > from);
  }

  private indentAt(li: number): number {
    return li < this.indents.length ? this.indents[li] : SEPARATOR;
  }

  documents(): FastDocument[] {
    const out: FastDocument[] = [];
    const count = this.starts.length;
    // Content before the first `---` is a document of its own; a stream of comments is none.
    let explicit = false;
    while (this.li < count || explicit) {
      if (this.li < count && this.indents[this.li] === SEPARATOR) {
        if (explicit) out.push({ value: null, itemStarts: [] }); // `---` right after `---`
        explicit = true;
        this.li++;
        continue;
      }
      if (this.li >= count) {
        out.push({ value: null, itemStarts: [] }); // a trailing `---`
        break;
      }
      const start = this.starts[this.li];
      const itemStarts: number[] = [];
      const value = this.node(this.li, itemStarts);
      if (this.li < count && this.indents[this.li] !== SEPARATOR) giveUp();
      out.push({ value, start, itemStarts });
      explicit = false;
      if (this.li < count) {
        explicit = true;
        this.li++;
      }
    }
    return out;
  }

  /** The block collection starting on line li; a root's `items` starts go to itemStarts. */
  private node(li: number, itemStarts?: number[]): unknown {
    const start = this.starts[li];
    const col = this.indents[li];
    if (this.isDash(start, this.ends[li])) return this.sequence(col);
    // A scalar on its own line, or something this reader does not read.
    if (this.keyEnd(start, this.ends[li]) < 0) giveUp();
    return this.mapping(col, start, itemStarts);
  }

  /** Whether a `- ` (or a lone `-`) starts at p. */
  private isDash(p: number, end: number): boolean {
    return this.text[p] === '-' && (p + 1 === end || this.text.charCodeAt(p + 1) === 32);
  }

  /** End of the key starting at p (the offset of its `:`), or -1 when no key starts there. */
  private keyEnd(p: number, end: number): number {
    const text = this.text;
    const c = text[p];
    let i: number;
    if (c === '"' || c === "'") {
      i = this.quotedEnd(p, end);
    } else {
      if (c === '-' || c === '.' || KEY_CHAR[text.charCodeAt(p)] !== 1) return -1;
      // A `:` not followed by a space belongs to the key (Cilium's `k8s:io.kubernetes...`).
      for (i = p + 1; i < end; i++) {
        const code = text.charCodeAt(i);
        if (code === 58 ? i + 1 === end || text.charCodeAt(i + 1) === 32 : KEY_CHAR[code] !== 1)
          break;
      }
    }
    if (i < end && text[i] === ':' && (i + 1 === end || text.charCodeAt(i + 1) === 32)) return i;
    return -1;
  }

  /** Offset just past the closing quote of the quoted scalar at p, which must close on its line. */
  private quotedEnd(p: number, end: number): number {
    const text = this.text;
    const q = text[p];
    let i = p + 1;
    for (;;) {
      if (i >= end) giveUp(); // a multi-line quoted scalar
      const c = text[i];
      if (c === q) {
        if (q === "'" && text[i + 1] === "'") i += 2;
        else return i + 1;
      } else i += c === '\\' && q === '"' ? 2 : 1;
    }
  }

  /** A key's string; keys that the core schema would not read as a string are left to the others. */
  private key(p: number, colon: number): string {
    const c = this.text[p];
    const key = c === '"' || c === "'" ? this.quoted(p, colon) : this.text.slice(p, colon);
    if (c !== '"' && c !== "'" && typeof resolvePlain(key) !== 'string') giveUp();
    if (key === '__proto__' || key === '<<' || key.length > 1024) giveUp();
    return key;
  }

  /** The value of the quoted scalar text[p, end) (end just past its closing quote). */
  private quoted(p: number, end: number): string {
    const text = this.text;
    const inner = text.slice(p + 1, end - 1);
    if (text[p] === "'") return inner.includes("''") ? inner.replaceAll("''", "'") : inner;
    if (!inner.includes('\\')) return inner;
    let out = '';
    let i = 0;
    for (let b = inner.indexOf('\\'); b !== -1; b = inner.indexOf('\\', i)) {
      out += inner.slice(i, b);
      const e = inner[b + 1];
      const simple = SIMPLE_ESCAPES[e];
      if (simple !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
        out += simple;
        i = b + 2;
        continue;
      }
      const len = Object.hasOwn(HEX_LENGTH, e) ? HEX_LENGTH[e] : giveUp();
      const hex = inner.slice(b + 2, b + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) giveUp();
      const code = parseInt(hex, 16);
      // Lone surrogates and code points past Unicode: left to the other readers.
      if ((code >= 0xd800 && code <= 0xdfff) || code > 0x10ffff) giveUp();
      out += String.fromCodePoint(code);
      i = b + 2 + len;
    }
    return out + inner.slice(i);
  }

  /**
   * A one-line value starting at p (not empty, not a comment): a quoted or plain scalar, `{}` or
   * `[]`. Anything after it on the line must be a comment.
   */
  private inlineValue(p: number, end: number): unknown {
    const text = this.text;
    const c = text[p];
    if (c === '"' || c === "'") {
      const close = this.quotedEnd(p, end);
      if (!this.onlyComment(close, end)) giveUp();
      return this.quoted(p, close);
    }
    if (c === '{' || c === '[') {
      if (text[p + 1] !== (c === '{' ? '}' : ']') || !this.onlyComment(p + 2, end)) giveUp();
      return c === '{' ? {} : [];
    }
    if (c === '|') {
      const literal = this.literals.get(this.li);
      return literal?.at === p ? literal.value : giveUp();
    }
    if ('&*!>%@`,]}#'.includes(c)) giveUp();
    if ((c === '-' || c === '?' || c === ':') && (p + 1 === end || text[p + 1] === ' ')) giveUp();
    // A plain scalar: up to a comment (` #`), without the trailing spaces.
    let last = p + 1;
    for (let i = p + 1; i < end; i++) {
      const code = text.charCodeAt(i);
      if (code === 32) continue;
      if (code === 35 && text.charCodeAt(i - 1) === 32) break;
      // `: ` inside would start a mapping where YAML allows none.
      if (code === 58 && (i + 1 === end || text.charCodeAt(i + 1) === 32)) giveUp();
      last = i + 1;
    }
    return resolvePlain(text.slice(p, last));
  }

  /** The block mapping whose keys sit at column col; its first key starts at p on line li. */
  private mapping(col: number, p: number, itemStarts?: number[]): Record<string, unknown> {
    const text = this.text;
    const out: Record<string, unknown> = {};
    if (++this.depth > MAX_DEPTH) giveUp();
    for (;;) {
      const li = this.li;
      const end = this.ends[li];
      const colon = this.keyEnd(p, end);
      if (colon < 0) giveUp();
      const key = this.key(p, colon);
      if (Object.hasOwn(out, key)) giveUp(); // a duplicate key: the full reader names its line
      const v = this.spacesEnd(colon + 1, end);
      let value: unknown;
      if (v < end && text[v] !== '#') {
        value = this.inlineValue(v, end);
        this.li = li + 1;
        if (this.indentAt(this.li) > col) giveUp(); // a continued scalar, or bad indentation
      } else {
        this.li = li + 1;
        const next = this.indentAt(this.li);
        const items = itemStarts && key === 'items' ? itemStarts : undefined;
        if (next > col) {
          value = this.isDash(this.starts[this.li], this.ends[this.li])
            ? this.sequence(next, items)
            : this.node(this.li);
        } else if (next === col && this.isDash(this.starts[this.li], this.ends[this.li])) {
          value = this.sequence(col, items);
        } else value = null;
      }
      out[key] = value;
      const next = this.indentAt(this.li);
      if (next < col) {
        this.depth--;
        return out;
      }
      if (next > col) giveUp();
      p = this.starts[this.li];
    }
  }

  /** The block sequence whose dashes sit at column col, from the current line. */
  private sequence(col: number, itemStarts?: number[]): unknown[] {
    const text = this.text;
    const out: unknown[] = [];
    if (++this.depth > MAX_DEPTH) giveUp();
    while (this.li < this.starts.length && this.indents[this.li] === col) {
      const li = this.li;
      const dash = this.starts[li];
      const end = this.ends[li];
      if (!this.isDash(dash, end)) break; // the next key of a mapping at the same column
      const p = this.spacesEnd(dash + 1, end);
      if (p === end || text[p] === '#') {
        // The item is on the lines below (a lone `-` with nothing below is left to the others).
        this.li = li + 1;
        if (this.indentAt(this.li) <= col) giveUp();
        itemStarts?.push(this.starts[this.li]);
        out.push(this.node(this.li));
        if (this.indentAt(this.li) > col) giveUp();
      } else if (this.isDash(p, end)) {
        giveUp(); // `- - x`
      } else {
        itemStarts?.push(p);
        const itemCol = p - (dash - col);
        if (this.keyEnd(p, end) >= 0) out.push(this.mapping(itemCol, p));
        else {
          out.push(this.inlineValue(p, end));
          this.li = li + 1;
        }
        if (this.indentAt(this.li) > col) giveUp();
      }
    }
    this.depth--;
    return out;
  }
}
