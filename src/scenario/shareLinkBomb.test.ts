/**
 * A decompression bomb is refused before its output fills memory: the decoder streams the link
 * into the inflater in small pieces and stops at the cap, so the bytes the inflater hands out
 * stay within one piece's worth of the cap however large the bomb unpacks.
 */
import { describe, expect, it, vi } from 'vitest';

const seen = vi.hoisted(() => ({ bytes: 0, largest: 0 }));

vi.mock('fflate', async (importOriginal) => {
  const real = await importOriginal<typeof import('fflate')>();
  class CountingInflate extends real.Inflate {
    constructor(
      opts: { dictionary?: Uint8Array },
      cb?: (chunk: Uint8Array, final: boolean) => void,
    ) {
      super(opts, (chunk: Uint8Array, final: boolean) => {
        seen.bytes += chunk.length;
        seen.largest = Math.max(seen.largest, chunk.length);
        cb?.(chunk, final);
      });
    }
  }
  return { ...real, Inflate: CountingInflate };
});

const { deflateSync, strToU8 } = await import('fflate');
const { LINK_PREFIX_V1, MAX_LINK_JSON_BYTES, decodeShareFragment, toBase64Url } =
  await import('./shareLink.ts');

describe('a compression bomb in a link', () => {
  it('stops inflating within about a megabyte of the cap', () => {
    // 40 MB of one letter deflates to about 40 kB: a short link that unpacks to 20 times the cap.
    const bomb = strToU8(
      `{"format":"podpath-scenario","version":1,"scenario":"${'a'.repeat(40_000_000)}"}`,
    );
    const fragment = LINK_PREFIX_V1 + toBase64Url(deflateSync(bomb, { level: 9 }));
    seen.bytes = 0;
    seen.largest = 0;
    const back = decodeShareFragment(fragment);
    expect(back.ok).toBe(false);
    if (!back.ok) expect(back.message).toContain('more data than a scenario may hold');
    // DEFLATE expands a 1 kB piece to at most about 1 MB.
    expect(seen.bytes).toBeLessThan(MAX_LINK_JSON_BYTES + 1_100_000);
    expect(seen.largest).toBeLessThan(1_100_000);
  });
});
