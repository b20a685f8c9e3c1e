import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from './builtins/defaultScenario.ts';
import { restoreEnvelope, wrapScenario } from './envelope.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';
import { decodeShareFragment, encodeShareFragment } from './shareLink.ts';

const JARGON = /expected|received|Invalid input|invalid_type|undefined/i;

/** The default scenario with one value replaced at a path (`cluster.pods.0.name`). */
function withValue(path: string, value: unknown): unknown {
  const copy = structuredClone(defaultScenario) as unknown as Record<string, unknown>;
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (value === undefined) delete at[keys[keys.length - 1]];
  else at[keys[keys.length - 1]] = value;
  return copy;
}

const message = (doc: unknown) => {
  const back = restoreEnvelope(wrapScenario(doc as ScenarioDocument));
  expect(back.ok).toBe(false);
  return back.ok ? '' : back.message;
};

describe('link and file rejections in plain words', () => {
  it.each([
    ['cluster.pods.0.name', undefined, 'cluster.pods.0.name is missing'],
    ['cluster.pods.0.name', 7, 'cluster.pods.0.name should be text, not a number'],
    ['cluster.nodes', 'node-1', 'cluster.nodes should be a list, not text'],
    ['cluster.services.0.ports.0.port', 70000, 'is too large (at most 65535)'],
    ['cluster.services.0.type', 'Magic', 'must be one of "ClusterIP"'],
    ['title', 'x'.repeat(300), 'title is too long (at most 200 characters)'],
  ])('%s = %j reads "%s"', (path, value, words) => {
    const text = message(withValue(path, value));
    expect(text).toContain(words);
    expect(text).not.toMatch(JARGON);
  });

  it('a link that lost a field names the field, without schema jargon', () => {
    const broken = withValue('cluster.pods.1.nodeName', undefined) as ScenarioDocument;
    const back = decodeShareFragment(encodeShareFragment(broken));
    expect(back.ok).toBe(false);
    if (!back.ok) {
      expect(back.message).toContain('cluster.pods.1.nodeName is missing');
      expect(back.message).not.toMatch(JARGON);
    }
  });

  it('no rejection of a damaged scenario speaks the validator’s language', () => {
    const paths = [
      'title',
      'cluster.nodes',
      'cluster.nodes.0',
      'cluster.nodes.0.name',
      'cluster.pods.0',
      'cluster.pods.0.labels',
      'cluster.pods.0.containers',
      'cluster.services.0.ports',
      'cluster.services.0.selector',
      'cluster.settings',
      'cluster.settings.cni',
      'cluster.settings.proxyMode',
      'flow',
      'flow.from',
      'flow.to',
      'layout',
    ];
    const junk = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer(),
      fc.double(),
      fc.string({ maxLength: 10 }),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...paths), junk, (path, value) => {
        const back = restoreEnvelope(wrapScenario(withValue(path, value) as ScenarioDocument));
        if (!back.ok) expect(back.message).not.toMatch(JARGON);
      }),
      { numRuns: 400 },
    );
  });
});
