/**
 * The reachability matrix as the engine hands it out, and the only code that reads its cells.
 *
 * Each pod points at a row: a bitset over the pods, bit q set when the pod may open a connection
 * to pods[q]. Pods that reach exactly the same set share one row. 5,000 pods make at most 5,000
 * rows of 157 words (a few MB of typed arrays that cross the worker boundary as they are), where
 * objects keyed by pod name would be 25 million properties to build, copy and collect.
 */

export interface ReachabilityMatrix {
  /** Every pod of the model, as "namespace/name", in model order. */
  readonly pods: string[];
  /** For each pod (in `pods` order), the index of its row in `rows`. */
  readonly rowOf: Int32Array;
  /** Bitsets over `pods`: bit q of a pod's row is set when it may connect to pods[q]. */
  readonly rows: readonly Uint32Array[];
  /**
   * Where Cilium enforces a policy with HTTP rules: l7[from][to] when the connection is allowed
   * and each request on it is checked by Cilium's Envoy (a request no rule allows gets 403).
   */
  readonly l7?: Record<string, Record<string, true>>;
}

/** Words in a row over `count` pods. */
export const rowWords = (count: number): number => (count + 31) >>> 5;

export function setBit(row: Uint32Array, i: number): void {
  row[i >>> 5] |= 1 << (i & 31);
}

export function hasBit(row: Uint32Array, i: number): boolean {
  return (row[i >>> 5] & (1 << (i & 31))) !== 0;
}

/** A matrix in which every pod reaches every pod (no policy enforced). */
export function everyoneReachesEveryone(pods: string[]): ReachabilityMatrix {
  const row = new Uint32Array(rowWords(pods.length));
  for (let q = 0; q < pods.length; q++) setBit(row, q);
  return { pods, rowOf: new Int32Array(pods.length), rows: [row] };
}

const indexes = new WeakMap<ReachabilityMatrix, ReadonlyMap<string, number>>();

/** Each pod's position in the matrix, by "namespace/name". */
export function podIndex(m: ReachabilityMatrix): ReadonlyMap<string, number> {
  let index = indexes.get(m);
  if (!index) {
    index = new Map(m.pods.map((p, i) => [p, i]));
    indexes.set(m, index);
  }
  return index;
}

/** Whether pods[from] may open a connection to pods[to]. */
export function canReachAt(m: ReachabilityMatrix, from: number, to: number): boolean {
  const row = m.rows[m.rowOf[from]];
  return row !== undefined && hasBit(row, to);
}

/**
 * Whether the pod `from` may open a connection to the pod `to` (both "namespace/name"); null
 * when either is not a pod of the matrix.
 */
export function canReach(m: ReachabilityMatrix, from: string, to: string): boolean | null {
  const index = podIndex(m);
  const f = index.get(from);
  const t = index.get(to);
  if (f === undefined || t === undefined) return null;
  return canReachAt(m, f, t);
}

/** How many ordered pairs of pods may connect (a pod to itself included). */
export function allowedPairCount(m: ReachabilityMatrix): number {
  const perRow = m.rows.map((row) => {
    let n = 0;
    for (const word of row) {
      let w = word;
      while (w !== 0) {
        w &= w - 1;
        n++;
      }
    }
    return n;
  });
  let total = 0;
  for (const r of m.rowOf) total += perRow[r];
  return total;
}

/**
 * The matrix as objects, `allowed[from][to]`: for the command line's JSON and for reading a
 * small matrix whole. Thousands of pods make millions of properties; views read cells instead.
 */
export function allowedByName(m: ReachabilityMatrix): Record<string, Record<string, boolean>> {
  const allowed: Record<string, Record<string, boolean>> = {};
  m.pods.forEach((from, f) => {
    const row: Record<string, boolean> = {};
    m.pods.forEach((to, t) => {
      row[to] = canReachAt(m, f, t);
    });
    allowed[from] = row;
  });
  return allowed;
}
