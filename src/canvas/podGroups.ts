/**
 * Which pods the canvas draws as one card. At a distance a Deployment's replicas on a node are
 * one card with a count ("web ×12"); close up, or once the person opens the card, they are pods
 * again. Pure: the canvas asks with the zoom, what is on screen and what must stay visible.
 *
 * Replicas are the pods one workload made: the Deployment the pod names as its owner, or, for a
 * pod without one (a `kubectl get -o yaml` dump keeps ReplicaSets as owners, which the document
 * does not), the application label the Kubernetes docs recommend (`app.kubernetes.io/name`),
 * else the older `app` label.
 */
import type { PodView } from './flowTypes.ts';

/** Fewer replicas than this on a node stay pods: a card with a count saves nothing. */
export const MIN_GROUP = 3;
/** Below this many pods on the canvas nothing collapses, at any zoom. */
export const COLLAPSE_FROM_PODS = 100;
/**
 * Above this many pods only groups on screen open when zoomed in: React Flow's DOM drawing
 * slows down near a thousand elements.
 */
export const CROWDED_PODS = 1000;

export type PodOwner = { readonly kind: 'Deployment' | 'label'; readonly name: string };

export const isGroupKey = (key: string) => key.startsWith('PodGroup/');

export interface PodGroup {
  /** `PodGroup/<node>/<namespace>/<owner kind>/<owner name>`. */
  readonly key: string;
  readonly node: string;
  readonly namespace: string;
  readonly owner: PodOwner;
  /** Pod keys, in the order the frame lays them out. */
  readonly members: readonly string[];
  /** Members whose readiness is true. */
  readonly ready: number;
}

type GroupablePod = Pick<PodView, 'key' | 'node' | 'namespace' | 'deployment' | 'labels' | 'ready'>;

/** The workload a pod is a replica of, or null for a pod on its own. */
export function ownerOf(pod: Pick<PodView, 'deployment' | 'labels'>): PodOwner | null {
  if (pod.deployment) return { kind: 'Deployment', name: pod.deployment };
  const label = pod.labels['app.kubernetes.io/name'] ?? pod.labels.app;
  return label ? { kind: 'label', name: label } : null;
}

/** Replicas of one workload on one node, for every workload with at least MIN_GROUP of them. */
export function groupPods(pods: readonly GroupablePod[]): PodGroup[] {
  const byKey = new Map<
    string,
    { group: Omit<PodGroup, 'members' | 'ready'>; pods: GroupablePod[] }
  >();
  for (const pod of pods) {
    const owner = ownerOf(pod);
    if (!owner) continue;
    const key = `PodGroup/${pod.node}/${pod.namespace}/${owner.kind}/${owner.name}`;
    const entry = byKey.get(key) ?? {
      group: { key, node: pod.node, namespace: pod.namespace, owner },
      pods: [],
    };
    entry.pods.push(pod);
    byKey.set(key, entry);
  }
  const groups: PodGroup[] = [];
  for (const { group, pods: members } of byKey.values()) {
    if (members.length < MIN_GROUP) continue;
    groups.push({
      ...group,
      members: members.map((p) => p.key),
      ready: members.filter((p) => p.ready).length,
    });
  }
  return groups;
}

export interface CollapseInput {
  readonly groups: readonly PodGroup[];
  /** Pods on the canvas. */
  readonly podCount: number;
  /** Zoomed out so far that cards draw as simple shapes (useFarView). */
  readonly far: boolean;
  /** Groups the person opened. */
  readonly opened: ReadonlySet<string>;
  /** Pods that must be drawn (selected, or found): their group stays open. */
  readonly keep: ReadonlySet<string>;
  /** Groups with a member on screen (asked only above CROWDED_PODS). */
  readonly onScreen: ReadonlySet<string>;
}

/**
 * The groups drawn as one card: on a canvas of at least COLLAPSE_FROM_PODS pods, every group
 * when zoomed out far, and above CROWDED_PODS also every group off screen;
 * never one the person opened or one holding a pod that must be drawn.
 */
export function collapsedGroups(input: CollapseInput): PodGroup[] {
  const { groups, podCount, far, opened, keep, onScreen } = input;
  if (podCount < COLLAPSE_FROM_PODS) return [];
  return groups.filter((group) => {
    if (opened.has(group.key) || group.members.some((k) => keep.has(k))) return false;
    return far || (podCount > CROWDED_PODS && !onScreen.has(group.key));
  });
}

/** Each collapsed pod's card, by pod key. */
export function cardOfPod(collapsed: readonly PodGroup[]): ReadonlyMap<string, string> {
  const map = new Map<string, string>();
  for (const group of collapsed) for (const key of group.members) map.set(key, group.key);
  return map;
}

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Each group's extent in flow coordinates: the union of its members' boxes (pod boxes are
 * relative to their node's frame).
 */
export function groupRects(
  groups: readonly PodGroup[],
  boxes: ReadonlyMap<string, Rect>,
  frameKeyOf: (node: string) => string,
): ReadonlyMap<string, Rect> {
  const rects = new Map<string, Rect>();
  for (const group of groups) {
    const frame = boxes.get(frameKeyOf(group.node));
    if (!frame) continue;
    let left = Infinity;
    let top = Infinity;
    let right = -Infinity;
    let bottom = -Infinity;
    for (const key of group.members) {
      const box = boxes.get(key);
      if (!box) continue;
      left = Math.min(left, frame.x + box.x);
      top = Math.min(top, frame.y + box.y);
      right = Math.max(right, frame.x + box.x + box.width);
      bottom = Math.max(bottom, frame.y + box.y + box.height);
    }
    if (left <= right)
      rects.set(group.key, { x: left, y: top, width: right - left, height: bottom - top });
  }
  return rects;
}

/** The groups whose extent meets the visible part of the canvas (flow coordinates). */
export function groupsOnScreen(rects: ReadonlyMap<string, Rect>, view: Rect): string[] {
  const keys: string[] = [];
  for (const [key, r] of rects) {
    if (
      r.x < view.x + view.width &&
      view.x < r.x + r.width &&
      r.y < view.y + view.height &&
      view.y < r.y + r.height
    ) {
      keys.push(key);
    }
  }
  return keys;
}
