import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from './builtins/defaultScenario.ts';
import golden from './fixtures/link-v1.json' with { type: 'json' };
import {
  COMFORTABLE_LINK_CHARS,
  decodeShareFragment,
  encodeShareFragment,
  fromBase64Url,
  LINK_PREFIX_V1,
  toBase64Url,
} from './shareLink.ts';

describe('share links', () => {
  it('round-trips a scenario and the selected hop', () => {
    const fragment = encodeShareFragment(defaultScenario, { hop: 4 });
    const back = decodeShareFragment(`#${fragment}`);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.scenario).toEqual(defaultScenario);
    expect(back.view).toEqual({ hop: 4 });
  });

  it('keeps the default scenario link under 600 characters with a long origin', () => {
    const link = `https://podpath.example.org/app/#${encodeShareFragment(defaultScenario, { hop: 12 })}`;
    expect(link.length).toBeLessThanOrEqual(600);
    expect(link.length).toBeLessThan(COMFORTABLE_LINK_CHARS);
  });

  it('keeps non-default settings and leaves out the defaults', () => {
    const changed = {
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        settings: {
          ...defaultScenario.cluster.settings,
          cni: { plugin: 'cilium', mode: 'geneve' } as const,
          proxyMode: 'ebpf' as const,
        },
      },
    };
    const back = decodeShareFragment(encodeShareFragment(changed));
    expect(back.ok && back.scenario.cluster.settings).toEqual(changed.cluster.settings);
  });

  it('keeps the IngressClasses (which controller serves which Ingress)', () => {
    const withClasses = {
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        ingressClasses: [
          { name: 'nginx', controller: 'k8s.io/ingress-nginx', isDefault: true },
          { name: 'traefik', controller: 'traefik.io/ingress-controller' },
        ],
      },
    };
    const back = decodeShareFragment(encodeShareFragment(withClasses));
    expect(back.ok && back.scenario.cluster.ingressClasses).toEqual(
      withClasses.cluster.ingressClasses,
    );
  });

  it.each(golden.cases.map((c, i) => [i, c] as const))(
    'decodes golden link %i of format 1 exactly',
    (_i, c) => {
      const back = decodeShareFragment(c.fragment);
      expect(back.ok).toBe(true);
      if (!back.ok) return;
      expect(back.scenario).toEqual(c.scenario);
      expect(back.view).toEqual(c.view);
    },
  );

  it.each([
    ['', 'unknown format'],
    ['somethingelse', 'unknown format'],
    [`${LINK_PREFIX_V1}`, 'damaged'],
    [`${LINK_PREFIX_V1}!!!`, 'damaged'],
    [`${LINK_PREFIX_V1}AAAA`, 'damaged'],
    [`${LINK_PREFIX_V1}${'A'.repeat(500_000)}`, 'too long'],
  ])('rejects %j with a clear message', (fragment, words) => {
    const back = decodeShareFragment(fragment.slice(0, 600_000));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toContain(words);
  });

  it('rejects a link cut off when it was copied', () => {
    const fragment = encodeShareFragment(defaultScenario);
    const back = decodeShareFragment(fragment.slice(0, fragment.length - 20));
    expect(back.ok).toBe(false);
  });

  it('rejects a compression bomb before it fills memory', async () => {
    const { deflateSync, strToU8 } = await import('fflate');
    const huge = strToU8(
      `{"format":"podpath-scenario","version":1,"scenario":"${'a'.repeat(5_000_000)}"}`,
    );
    const back = decodeShareFragment(LINK_PREFIX_V1 + toBase64Url(deflateSync(huge)));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toMatch(/damaged|more data/);
  });

  it('shows a hostile name as a validation error, not as markup', () => {
    const hostile = {
      ...defaultScenario,
      cluster: {
        ...defaultScenario.cluster,
        pods: [{ ...defaultScenario.cluster.pods[0], name: '<img src=x onerror=alert(1)>' }],
      },
    };
    const back = decodeShareFragment(encodeShareFragment(hostile));
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toContain('cluster.pods.0.name');
  });

  it('base64url round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(fromBase64Url(toBase64Url(bytes))).toEqual(bytes);
      }),
    );
  });

  it('never throws on thousands of mutated and random inputs', () => {
    const valid = encodeShareFragment(defaultScenario, { hop: 2 });
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#%!';
    const mutated = fc
      .array(
        fc.tuple(
          fc.nat({ max: valid.length - 1 }),
          fc.constantFrom(...alphabet),
          fc.constantFrom('replace', 'delete', 'insert'),
        ),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((edits) => {
        let s = valid;
        for (const [pos, ch, op] of edits) {
          const p = Math.min(pos, s.length);
          s =
            op === 'replace'
              ? s.slice(0, p) + ch + s.slice(p + 1)
              : op === 'delete'
                ? s.slice(0, p) + s.slice(p + 1)
                : s.slice(0, p) + ch + s.slice(p);
        }
        return s;
      });
    const random = fc.oneof(
      fc.string({ maxLength: 400 }),
      fc.string({ maxLength: 400 }).map((s) => LINK_PREFIX_V1 + s),
    );
    fc.assert(
      fc.property(fc.oneof(mutated, random), (fragment) => {
        const result = decodeShareFragment(fragment);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 3000 },
    );
  });
});
