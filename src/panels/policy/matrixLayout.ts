/** How the reachability matrix lays its pods out: grouped by namespace, default first. */
import { readPodText } from '../../scenario/document/probeText.ts';

export interface MatrixPod {
  /** `namespace/name`, as the matrix keys its rows and columns. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
}

export interface MatrixGroup {
  readonly namespace: string;
  readonly pods: readonly MatrixPod[];
}

const SYSTEM_NAMESPACES = new Set(['kube-system', 'ingress-nginx', 'ingress-controller']);

/**
 * The matrix's pods in namespace groups: `default` first, then the person's namespaces by
 * name, the cluster's own last; pods keep the model's order. `hidden` keys are left out.
 */
export function groupMatrixPods(
  keys: readonly string[],
  hidden: ReadonlySet<string> = new Set(),
): MatrixGroup[] {
  const groups = new Map<string, MatrixPod[]>();
  for (const key of keys) {
    if (hidden.has(key)) continue;
    const pod = { key, ...readPodText(key, 'matrix pod') };
    const list = groups.get(pod.namespace) ?? [];
    list.push(pod);
    groups.set(pod.namespace, list);
  }
  const rank = (ns: string) => (ns === 'default' ? 0 : SYSTEM_NAMESPACES.has(ns) ? 2 : 1);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([namespace, pods]) => ({ namespace, pods }));
}

/** How many ordered pairs of different pods may connect, out of how many. */
export function countAllowed(
  groups: readonly MatrixGroup[],
  reaches: (from: string, to: string) => boolean,
): { allowed: number; total: number } {
  const pods = groups.flatMap((g) => g.pods);
  let yes = 0;
  let total = 0;
  for (const from of pods) {
    for (const to of pods) {
      if (from.key === to.key) continue;
      total++;
      if (reaches(from.key, to.key)) yes++;
    }
  }
  return { allowed: yes, total };
}

/** The first `max` pods of the groups (a matrix of thousands of cells helps nobody). */
export function limitGroups(
  groups: readonly MatrixGroup[],
  max: number,
): { groups: MatrixGroup[]; left: number } {
  const out: MatrixGroup[] = [];
  let room = max;
  let left = 0;
  for (const g of groups) {
    const taken = g.pods.slice(0, Math.max(0, room));
    room -= taken.length;
    left += g.pods.length - taken.length;
    if (taken.length > 0) out.push({ namespace: g.namespace, pods: taken });
  }
  return { groups: out, left };
}
