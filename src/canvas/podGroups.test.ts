import { describe, expect, it } from 'vitest';
import {
  cardOfPod,
  collapsedGroups,
  COLLAPSE_FROM_PODS,
  CROWDED_PODS,
  groupPods,
  groupRects,
  groupsOnScreen,
  MIN_GROUP,
  ownerOf,
  type CollapseInput,
} from './podGroups.ts';

const pod = (
  name: string,
  node: string,
  extra: {
    deployment?: string;
    labels?: Record<string, string>;
    namespace?: string;
    ready?: boolean;
  } = {},
) => ({
  key: `Pod/${extra.namespace ?? 'default'}/${name}`,
  node,
  namespace: extra.namespace ?? 'default',
  deployment: extra.deployment ?? null,
  labels: extra.labels ?? {},
  ready: extra.ready ?? true,
});

const replicas = (owner: string, node: string, count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => pod(`${owner}-${from + i}`, node, { deployment: owner }));

describe('ownerOf', () => {
  // Owners and dependents: a Deployment's pods name it (through their ReplicaSet) as owner.
  // https://kubernetes.io/docs/concepts/overview/working-with-objects/owners-dependents/
  it('prefers the Deployment the pod names as its owner', () => {
    expect(ownerOf({ deployment: 'web', labels: { app: 'other' } })).toEqual({
      kind: 'Deployment',
      name: 'web',
    });
  });

  // Recommended labels: app.kubernetes.io/name is the application's name.
  // https://kubernetes.io/docs/concepts/overview/working-with-objects/common-labels/
  it('falls back to the recommended name label, then the app label', () => {
    expect(
      ownerOf({ deployment: null, labels: { 'app.kubernetes.io/name': 'shop', app: 'x' } }),
    ).toEqual({ kind: 'label', name: 'shop' });
    expect(ownerOf({ deployment: null, labels: { app: 'api' } })).toEqual({
      kind: 'label',
      name: 'api',
    });
    expect(ownerOf({ deployment: null, labels: { tier: 'db' } })).toBeNull();
  });
});

describe('groupPods', () => {
  it('groups replicas of one workload per node and namespace, from MIN_GROUP pods up', () => {
    const pods = [
      ...replicas('web', 'node-1', 4),
      ...replicas('web', 'node-2', MIN_GROUP - 1, 10),
      pod('lonely', 'node-1'),
      ...Array.from({ length: 3 }, (_, i) =>
        pod(`api-${i}`, 'node-1', { labels: { app: 'api' }, namespace: 'shop', ready: i > 0 }),
      ),
    ];
    const groups = groupPods(pods);
    expect(groups.map((g) => [g.key, g.members.length, g.ready])).toEqual([
      ['PodGroup/node-1/default/Deployment/web', 4, 4],
      ['PodGroup/node-1/shop/label/api', 3, 2],
    ]);
    expect(groups[0].members[0]).toBe('Pod/default/web-1');
  });
});

describe('collapsedGroups', () => {
  const groups = groupPods([...replicas('web', 'node-1', 5), ...replicas('api', 'node-2', 5)]);
  const base: CollapseInput = {
    groups,
    podCount: COLLAPSE_FROM_PODS,
    far: true,
    opened: new Set(),
    keep: new Set(),
    onScreen: new Set(),
  };

  it('collapses every group when zoomed out far on a big enough canvas', () => {
    expect(collapsedGroups(base)).toHaveLength(2);
  });

  it('never collapses a small canvas, and opens everything when zoomed in', () => {
    expect(collapsedGroups({ ...base, podCount: COLLAPSE_FROM_PODS - 1 })).toEqual([]);
    expect(collapsedGroups({ ...base, far: false })).toEqual([]);
  });

  it('keeps open what the person opened and any group holding a selected pod', () => {
    const opened = collapsedGroups({ ...base, opened: new Set([groups[0].key]) });
    expect(opened.map((g) => g.key)).toEqual([groups[1].key]);
    const kept = collapsedGroups({ ...base, keep: new Set(['Pod/default/api-3']) });
    expect(kept.map((g) => g.key)).toEqual([groups[0].key]);
  });

  it('on a crowded canvas opens, close up, only the groups on screen', () => {
    const crowded = { ...base, podCount: CROWDED_PODS + 1, far: false };
    expect(collapsedGroups({ ...crowded, onScreen: new Set([groups[1].key]) })).toEqual([
      groups[0],
    ]);
  });

  it('maps each collapsed pod to its card', () => {
    const cards = cardOfPod(collapsedGroups(base));
    expect(cards.get('Pod/default/web-2')).toBe(groups[0].key);
    expect(cards.size).toBe(10);
  });
});

describe('groupRects and groupsOnScreen', () => {
  it('measures each group in flow coordinates and tells which meet the view', () => {
    const groups = groupPods(replicas('web', 'node-1', 3));
    const boxes = new Map([
      ['Node/node-1', { x: 1000, y: 500, width: 300, height: 600 }],
      ['Pod/default/web-1', { x: 16, y: 66, width: 248, height: 100 }],
      ['Pod/default/web-2', { x: 16, y: 180, width: 248, height: 100 }],
      ['Pod/default/web-3', { x: 16, y: 294, width: 248, height: 120 }],
    ]);
    const rects = groupRects(groups, boxes, (name) => `Node/${name}`);
    expect(rects.get(groups[0].key)).toEqual({ x: 1016, y: 566, width: 248, height: 348 });
    expect(groupsOnScreen(rects, { x: 0, y: 0, width: 1000, height: 1000 })).toEqual([]);
    expect(groupsOnScreen(rects, { x: 1200, y: 900, width: 10, height: 10 })).toEqual([
      groups[0].key,
    ]);
  });
});
