import { describe, expect, it } from 'vitest';
import { findRawHtml, parseInline, parseLessonText, plainLessonText } from './lessonText.ts';

describe('lesson text (safe Markdown subset)', () => {
  it('reads strong, emphasis and code runs inside a line', () => {
    expect(parseInline('The **ClusterIP** is *virtual*: see `iptables -t nat`.')).toEqual([
      { kind: 'text', text: 'The ' },
      { kind: 'strong', text: 'ClusterIP' },
      { kind: 'text', text: ' is ' },
      { kind: 'em', text: 'virtual' },
      { kind: 'text', text: ': see ' },
      { kind: 'code', text: 'iptables -t nat' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('splits paragraphs on blank lines and reads bullet and numbered lists', () => {
    const blocks = parseLessonText('First line\nstill first.\n\n- one\n- two\n\n1. a\n2. b');
    expect(blocks).toEqual([
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'First line still first.' }] },
      {
        kind: 'list',
        ordered: false,
        items: [[{ kind: 'text', text: 'one' }], [{ kind: 'text', text: 'two' }]],
      },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]],
      },
    ]);
  });

  it('finds raw HTML, which the format does not allow, and leaves comparisons alone', () => {
    expect(findRawHtml('Click <img src=x onerror=alert(1)> here')).toBe(
      '<img src=x onerror=alert(1)>',
    );
    expect(findRawHtml('a </script> end')).toBe('</script>');
    expect(findRawHtml('ndots < 5 and port > 1024')).toBeUndefined();
  });

  it('gives plain text for captions and the command line', () => {
    expect(plainLessonText('The **pause** container.\n\n- `lo` only')).toBe(
      'The pause container.\n- lo only',
    );
  });
});
