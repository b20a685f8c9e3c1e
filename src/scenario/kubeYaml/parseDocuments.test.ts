import { describe, expect, it } from 'vitest';
import { exceedsUtf8, readDirectives, utf8Length } from './parseDocuments.ts';
import { cleanSource } from './sourceObjects.ts';

describe('readDirectives', () => {
  it('reads the marker lines with their 1-based line numbers, CRLF or not', () => {
    const text = [
      'apiVersion: v1',
      '# podpath:settings {"cni":"calico"}',
      'kind: Pod',
      '  # podpath:indented {"no":1}',
      'note: "# podpath:inside {}"\r',
      '# podpath:layout {"a":1}\r',
      '# podpath:broken',
    ].join('\n');
    expect(readDirectives(text)).toEqual([
      { name: 'settings', json: '{"cni":"calico"}', line: 2 },
      { name: 'layout', json: '{"a":1}', line: 6 },
    ]);
  });

  it('reads a marker on the first line and none in text without one', () => {
    expect(readDirectives('# podpath:x {}')).toEqual([{ name: 'x', json: '{}', line: 1 }]);
    expect(readDirectives('a: 1\nb: 2\n')).toEqual([]);
  });
});

describe('exceedsUtf8', () => {
  it('agrees with the UTF-8 length at and around the limit', () => {
    const samples = ['', 'abc', 'é', '€uro', '😀', 'a😀b', '\ud83d', 'x'.repeat(10), '€'.repeat(7)];
    for (const text of samples) {
      const size = new TextEncoder().encode(
        text.replace(/[\ud800-\udbff]$/, '\ud83d\ude00'),
      ).length;
      for (let limit = 0; limit <= 25; limit++)
        expect(exceedsUtf8(text, limit), `${JSON.stringify(text)} <= ${limit}`).toBe(
          utf8Length(text, limit) > limit,
        );
      if (!/[\ud800-\udbff]$/.test(text)) expect(utf8Length(text)).toBe(size);
    }
  });
});

describe('cleanSource', () => {
  it('copies deeply, as a JSON round trip would', () => {
    const source = {
      kind: 'Pod',
      metadata: { name: 'p', uid: 'server-side', labels: { app: 'a' } },
      spec: { list: [1, undefined, { x: Infinity }], gone: undefined, n: -0.5 },
      status: { phase: 'Running' },
    };
    const copy = cleanSource(source) as Record<string, unknown>;
    expect(copy).toEqual(
      JSON.parse(JSON.stringify(cleanSource(JSON.parse(JSON.stringify(source))))),
    );
    expect(copy.spec).toEqual({ list: [1, null, { x: null }], n: -0.5 });
    expect('gone' in (copy.spec as object)).toBe(false);
    (copy.metadata as { labels: Record<string, string> }).labels.app = 'changed';
    expect(source.metadata.labels.app).toBe('a');
  });
});
