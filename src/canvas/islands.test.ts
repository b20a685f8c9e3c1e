import { describe, expect, it } from 'vitest';
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';
import {
  byNumberAware,
  closedIslands,
  foldIslands,
  islandKey,
  islandSummary,
  islandViews,
  placeIslands,
} from './islands.ts';

const node = (id: string, type: string, extra: Record<string, unknown> = {}) =>
  ({
    id,
    type,
    position: { x: 0, y: 0 },
    width: 248,
    height: 100,
    data: {},
    ...extra,
  }) as CanvasNode;

const base = {
  namespaces: ['shop', 'pay'],
  populated: 2,
  podCount: 300,
  distant: true,
  opened: new Set<string>(),
  keep: new Set<string>(),
};

describe('closedIslands', () => {
  it('closes every namespace of a big cluster zoomed out far', () => {
    expect([...closedIslands(base)].sort()).toEqual(['pay', 'shop']);
  });

  it('closes none when zoomed in, on a small cluster, or with one namespace', () => {
    expect(closedIslands({ ...base, distant: false }).size).toBe(0);
    expect(closedIslands({ ...base, podCount: 99 }).size).toBe(0);
    expect(closedIslands({ ...base, namespaces: ['shop', 'default'], populated: 1 }).size).toBe(0);
  });

  it('keeps open an island the person opened and the namespace of the selection', () => {
    const opened = new Set([islandKey('shop')]);
    expect([...closedIslands({ ...base, opened })]).toEqual(['pay']);
    expect([...closedIslands({ ...base, keep: new Set(['pay']) })]).toEqual(['shop']);
  });
});

describe('islandViews', () => {
  it('counts pods, ready pods, groups and Services per namespace', () => {
    const views = islandViews(
      [
        { namespace: 'shop', ready: true },
        { namespace: 'shop', ready: false },
        { namespace: 'pay', ready: true },
      ],
      [{ namespace: 'shop' }],
      ['Service/shop/web', 'Service/shop/api', 'Service/pay/pay'],
    );
    expect(views.get('shop')).toEqual({
      key: 'Island/shop',
      namespace: 'shop',
      pods: 2,
      ready: 1,
      groups: 1,
      services: 2,
    });
    expect(islandSummary(views.get('pay')!)).toBe('1 pod (1 ready), 0 groups, 1 Service');
  });
});

describe('foldIslands', () => {
  const views = islandViews([{ namespace: 'shop', ready: true }], [], ['Service/shop/web']);
  const nodes = [
    node('Node/node-1', 'frame'),
    node('Pod/shop/web-1', 'pod', {
      parentId: 'Node/node-1',
      data: { pod: { namespace: 'shop' } },
    }),
    node('Pod/pay/pay-1', 'pod', { parentId: 'Node/node-1', data: { pod: { namespace: 'pay' } } }),
    node('Service/shop/web', 'service', { data: { service: { namespace: 'shop' } } }),
    node('LoadBalancer/shop/web', 'loadBalancer', { data: { lb: { namespace: 'shop' } } }),
    node('ExternalClient/laptop', 'client'),
  ];
  const edges = [
    { id: 'a', source: 'Service/shop/web', target: 'Pod/shop/web-1' },
    { id: 'b', source: 'Service/pay/pay', target: 'Pod/pay/pay-1' },
  ] as CanvasEdge[];

  it('hides what a closed namespace holds, adds its island and drops links to hidden elements', () => {
    const fold = foldIslands(nodes, edges, new Set(['shop']), views);
    expect(fold.nodes.map((n) => n.id)).toEqual([
      'Node/node-1',
      'Pod/pay/pay-1',
      'ExternalClient/laptop',
      'Island/shop',
    ]);
    expect(fold.islandOf.get('Pod/shop/web-1')).toBe('Island/shop');
    expect(fold.islandOf.get('Service/shop/web')).toBe('Island/shop');
    expect(fold.islandOf.get('LoadBalancer/shop/web')).toBe('Island/shop');
    expect(fold.edges.map((e) => e.id)).toEqual(['b']);
  });

  it('changes nothing when no namespace is closed', () => {
    const fold = foldIslands(nodes, edges, new Set(), views);
    expect(fold.nodes).toBe(nodes);
    expect(fold.islandOf.size).toBe(0);
  });
});

describe('placeIslands', () => {
  it('puts the islands in a row above the rest, as wide together as the rest', () => {
    const nodes = [
      node('Node/a', 'frame', { position: { x: 0, y: 500 }, width: 4000, height: 300 }),
      node('Node/b', 'frame', { position: { x: 4200, y: 500 }, width: 4000, height: 300 }),
      node('Island/pay', 'island'),
      node('Island/shop', 'island'),
    ];
    const placed = placeIslands(nodes);
    const [pay, shop] = placed.slice(2);
    expect(pay.position.x).toBe(0);
    expect(shop.position.x + (shop.width ?? 0)).toBeCloseTo(8200);
    expect(pay.position.y + (pay.height ?? 0)).toBeLessThan(500);
    expect(pay.position.y).toBe(shop.position.y);
    expect(placed.slice(0, 2)).toEqual(nodes.slice(0, 2));
  });
});

describe('foldIslands with an empty namespace', () => {
  it('folds away the card of a closed namespace without pods, adding no island', () => {
    const nodes = [
      node('Namespace/default', 'namespace', { data: { namespace: { name: 'default' } } }),
    ];
    const fold = foldIslands(nodes, [], new Set(['default']), new Map());
    expect(fold.nodes).toEqual([]);
  });
});

describe('byNumberAware', () => {
  it('orders names as a person counts them', () => {
    expect(['team-10', 'team-2', 'team-1', 'pay'].sort(byNumberAware)).toEqual([
      'pay',
      'team-1',
      'team-2',
      'team-10',
    ]);
  });
});
