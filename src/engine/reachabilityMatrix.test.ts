/**
 * The matrix's layout: one bitset row per distinct set of destinations, read only through its
 * readers. Reading must give the same answer as the cells it was built from, whatever the pod
 * count (rows cross 32-bit word boundaries at 32, 64, ... pods).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedByName,
  allowedPairCount,
  canReach,
  canReachAt,
  everyoneReachesEveryone,
  rowWords,
  setBit,
  type ReachabilityMatrix,
} from './reachabilityMatrix.ts';

/** A matrix from a table of cells, one row per pod. */
function fromCells(cells: readonly (readonly boolean[])[]): ReachabilityMatrix {
  const pods = cells.map((_, i) => `default/p${i}`);
  const rows = cells.map((line) => {
    const row = new Uint32Array(rowWords(pods.length));
    line.forEach((ok, q) => ok && setBit(row, q));
    return row;
  });
  return { pods, rowOf: Int32Array.from(pods, (_, i) => i), rows };
}

describe('the reachability matrix', () => {
  it('reads back every cell it was built from, across word boundaries', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 70 }).chain((n) =>
          fc.array(fc.array(fc.boolean(), { minLength: n, maxLength: n }), {
            minLength: n,
            maxLength: n,
          }),
        ),
        (cells) => {
          const m = fromCells(cells);
          const read = cells.map((line, f) => line.map((_, t) => canReachAt(m, f, t)));
          const byName = cells.map((line, f) =>
            line.map((_, t) => canReach(m, `default/p${f}`, `default/p${t}`)),
          );
          expect(read).toEqual(cells);
          expect(byName).toEqual(cells);
          expect(allowedPairCount(m)).toBe(cells.flat().filter(Boolean).length);
          expect(allowedByName(m)['default/p0']['default/p0']).toBe(cells[0][0]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('says null for a pod it does not hold', () => {
    const m = everyoneReachesEveryone(['default/a', 'default/b']);
    expect(canReach(m, 'default/a', 'default/b')).toBe(true);
    expect(canReach(m, 'default/a', 'default/ghost')).toBeNull();
    expect(canReach(m, 'shop/ghost', 'default/a')).toBeNull();
  });

  it('shares one row between pods that reach the same set', () => {
    const pods = Array.from({ length: 100 }, (_, i) => `default/p${i}`);
    const m = everyoneReachesEveryone(pods);
    expect(m.rows).toHaveLength(1);
    expect(allowedPairCount(m)).toBe(100 * 100);
  });
});
