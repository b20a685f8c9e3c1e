/**
 * YAML that reads the same to every parser a manifest meets. YAML 1.2 (the `yaml` package)
 * breaks lines only at \n and \r, but YAML 1.1 parsers, among them go-yaml behind kubectl, also
 * break at NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029) (YAML 1.1
 * section 5.4; go-yaml yamlprivateh.go is_break). Written raw, such a character in a title or a
 * value starts a new line for kubectl, and the text after it becomes YAML of its own: a shared
 * scenario could smuggle a Pod into the manifest. So every string holding such a break or \r is
 * written double-quoted with the break escaped (\n, \r, \N, \L, \P are escapes in both versions),
 * and comments never carry one. A value broken only at \n (a script in a container's command) is
 * written as a literal block, as people write it, since both versions split it at the same places.
 */
import { Document, visit } from 'yaml';

const ANY_BREAK = /[\r\n\u0085\u2028\u2029]/;
const BREAK_BUT_NEWLINE = /[\r\u0085\u2028\u2029]/;
const ANY_BREAKS = /[\r\n\u0085\u2028\u2029]+/g;
const UNICODE_BREAK = /[\u0085\u2028\u2029]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

/** One document as YAML in which no string value or key holds a raw line break of either version. */
export function stringifyForKubectl(value: unknown): string {
  const doc = new Document(value);
  visit(doc, {
    Scalar(key, node) {
      if (typeof node.value !== 'string' || !ANY_BREAK.test(node.value)) return;
      // The `yaml` package writes a value it cannot keep in a block double-quoted instead.
      const block = key !== 'key' && !BREAK_BUT_NEWLINE.test(node.value);
      node.type = block ? 'BLOCK_LITERAL' : 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold these now (keys are scalars too; comments are added by
  // the caller), and inside double quotes the escape stands for the same character.
  return doc.toString({ lineWidth: 0 }).replace(UNICODE_BREAK, (c) => ESCAPES[c] ?? c);
}

/** Text for one comment line: every line break of YAML 1.1 or 1.2 becomes a space. */
export function commentText(text: string): string {
  return text.replace(ANY_BREAKS, ' ').trim();
}

/** JSON for one comment line. JSON.stringify escapes \n and \r but leaves U+0085/2028/2029 raw. */
export function commentJson(value: unknown): string {
  return JSON.stringify(value).replace(
    UNICODE_BREAK,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
