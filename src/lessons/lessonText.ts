/**
 * The safe Markdown subset lesson text is written in: paragraphs, "- " and "1. " lists, and
 * inline **strong**, *emphasis* and `code`. No raw HTML, no links, no images: the view renders
 * the blocks as elements and the text as text, so nothing in a lesson can become markup.
 */

export type Inline =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'em'; readonly text: string }
  | { readonly kind: 'code'; readonly text: string };

export type Block =
  | { readonly kind: 'paragraph'; readonly inlines: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly items: readonly Inline[][] };

const RAW_HTML = /<\s*\/?\s*[A-Za-z!?][^>]*>/;

/** The first piece of raw HTML in a text, or undefined when it has none. */
export function findRawHtml(text: string): string | undefined {
  return RAW_HTML.exec(text)?.[0];
}

const INLINE = /(\*\*[^*]+\*\*|`[^`]+`|\*[^*\s][^*]*\*)/g;

/** Splits one line of text into plain, strong, emphasised and code runs. */
export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let at = 0;
  for (const m of line.matchAll(INLINE)) {
    const token = m[0];
    const index = m.index ?? 0;
    if (index > at) out.push({ kind: 'text', text: line.slice(at, index) });
    if (token.startsWith('**')) out.push({ kind: 'strong', text: token.slice(2, -2) });
    else if (token.startsWith('`')) out.push({ kind: 'code', text: token.slice(1, -1) });
    else out.push({ kind: 'em', text: token.slice(1, -1) });
    at = index + token.length;
  }
  if (at < line.length) out.push({ kind: 'text', text: line.slice(at) });
  return out;
}

const BULLET = /^\s*[-*]\s+/;
const NUMBERED = /^\s*\d+[.)]\s+/;

/** Parses lesson text into blocks. Lines of a paragraph join with a space. */
export function parseLessonText(text: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    let paragraph: string[] = [];
    let list: { ordered: boolean; items: Inline[][] } | undefined;
    const flushParagraph = () => {
      if (paragraph.length > 0)
        blocks.push({ kind: 'paragraph', inlines: parseInline(paragraph.join(' ')) });
      paragraph = [];
    };
    const flushList = () => {
      if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items });
      list = undefined;
    };
    for (const line of lines) {
      const marker = BULLET.exec(line) ?? NUMBERED.exec(line);
      if (marker) {
        flushParagraph();
        const ordered = NUMBERED.test(line);
        if (list && list.ordered !== ordered) flushList();
        list ??= { ordered, items: [] };
        list.items.push(parseInline(line.slice(marker[0].length).trim()));
      } else if (list && /^\s+/.test(line)) {
        // An indented line continues the list item above it.
        const last = list.items[list.items.length - 1];
        last.push({ kind: 'text', text: ' ' }, ...parseInline(line.trim()));
      } else {
        flushList();
        paragraph.push(line.trim());
      }
    }
    flushParagraph();
    flushList();
  }
  return blocks;
}

/** The text without its markers, for captions, titles and the command line. */
export function plainLessonText(text: string): string {
  return parseLessonText(text)
    .map((b) =>
      b.kind === 'paragraph'
        ? b.inlines.map((i) => i.text).join('')
        : b.items.map((item) => `- ${item.map((i) => i.text).join('')}`).join('\n'),
    )
    .join('\n');
}
