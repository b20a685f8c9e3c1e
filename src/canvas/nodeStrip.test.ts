import { describe, expect, it } from 'vitest';
import type { CanvasEdge, CanvasNode } from './flowTypes.ts';
import { placeIslands } from './islands.ts';
import { foldEmptyFrames, NODE_STRIP_KEY, stripRange } from './nodeStrip.ts';

const frame = (name: string, x = 0) =>
  ({
    id: `Node/${name}`,
    type: 'frame',
    position: { x, y: 500 },
    width: 300,
    height: 120,
    data: { node: { name } },
  }) as CanvasNode;
const card = (id: string, parentId: string) =>
  ({ id, type: 'podGroup', parentId, position: { x: 0, y: 0 }, data: {} }) as CanvasNode;
const island = (ns: string) =>
  ({ id: `Island/${ns}`, type: 'island', position: { x: 0, y: 0 }, data: {} }) as CanvasNode;
const edge = (source: string, target: string) =>
  ({ id: `${source}>${target}`, source, target }) as CanvasEdge;

describe('foldEmptyFrames', () => {
  it('folds the frames holding nothing into one strip naming them in reading order', () => {
    const nodes = [
      frame('node-10'),
      frame('node-2'),
      frame('node-1'),
      card('PodGroup/node-1/shop/Deployment/web', 'Node/node-1'),
      island('pay'),
    ];
    const fold = foldEmptyFrames(nodes, [], new Set());
    expect([...fold.folded].sort()).toEqual(['Node/node-10', 'Node/node-2']);
    expect(fold.nodes.map((n) => n.id)).toEqual([
      'Node/node-1',
      'PodGroup/node-1/shop/Deployment/web',
      'Island/pay',
      NODE_STRIP_KEY,
    ]);
    const strip = fold.nodes.at(-1)!;
    expect(strip.type).toBe('nodeStrip');
    expect(strip.data).toMatchObject({ strip: { nodes: ['node-2', 'node-10'] } });
    expect(strip.ariaLabel).toContain('2 nodes, node-2 … node-10');
  });

  it('comes with the box the folded frames covered', () => {
    const fold = foldEmptyFrames([frame('a', 0), frame('b', 700)], [], new Set());
    expect(fold.nodes[0]).toMatchObject({ position: { x: 0, y: 500 }, width: 1000, height: 120 });
  });

  it('keeps a frame that is selected, and drops the links of folded frames', () => {
    const nodes = [frame('a'), frame('b'), frame('c')];
    const edges = [edge('Node/a', 'Node/b'), edge('Node/b', 'Node/c'), edge('Client/x', 'Node/b')];
    const fold = foldEmptyFrames(nodes, edges, new Set(['Node/b']));
    expect(fold.nodes.map((n) => n.id)).toEqual(['Node/b', NODE_STRIP_KEY]);
    expect(fold.edges.map((e) => e.id)).toEqual(['Client/x>Node/b']);
  });

  it('adds no strip when every frame holds something', () => {
    const nodes = [frame('a'), card('Pod/default/x', 'Node/a')];
    const fold = foldEmptyFrames(nodes, [], new Set());
    expect(fold.nodes).toBe(nodes);
    expect(fold.folded.size).toBe(0);
  });
});

describe('stripRange', () => {
  it('names the first and last node, or the only one', () => {
    expect(stripRange(['node-1', 'node-2', 'node-60'])).toBe('node-1 … node-60');
    expect(stripRange(['node-1'])).toBe('node-1');
  });
});

describe('placeIslands with the strip', () => {
  it('puts the strip below the islands, as wide as their grid, above the frames left', () => {
    const nodes = [
      frame('a', 0),
      { ...frame('b', 9000), width: 3000 },
      island('pay'),
      island('shop'),
      { ...foldEmptyFrames([frame('c')], [], new Set()).nodes[0] },
    ];
    const placed = placeIslands(nodes);
    const [pay, shop, strip] = placed.slice(2);
    expect(strip.position.x).toBe(pay.position.x);
    expect(strip.width).toBeCloseTo(shop.position.x + shop.width! - pay.position.x);
    expect(strip.position.y).toBeGreaterThan(pay.position.y + pay.height!);
    expect(strip.position.y + strip.height!).toBeLessThan(500);
  });

  it('gives the islands the same size whether the frames are folded or not', () => {
    const frames = [frame('a', 0), frame('b', 6000), frame('c', 12000)];
    const islands = [island('pay'), island('shop')];
    const open = placeIslands([...frames, ...islands]);
    const folded = placeIslands([...foldEmptyFrames(frames, [], new Set()).nodes, ...islands]);
    const widths = (nodes: CanvasNode[]) =>
      nodes.filter((n) => n.type === 'island').map((n) => n.width);
    expect(widths(folded)).toEqual(widths(open));
    expect(widths(open)[0]).toBeGreaterThan(5000);
  });

  it('puts the islands in the place of the frames when every frame is folded', () => {
    const frames = [frame('a', 0), frame('b', 6000)];
    const placed = placeIslands([...foldEmptyFrames(frames, [], new Set()).nodes, island('pay')]);
    const [strip, pay] = placed;
    expect(pay.position.y).toBe(500);
    expect(pay.position.x).toBeGreaterThanOrEqual(0);
    expect(pay.position.x + pay.width!).toBeLessThanOrEqual(6300);
    expect(strip.position.y).toBeGreaterThan(pay.position.y + pay.height!);
  });

  it('gives the strip a size when it is all there is', () => {
    const strip = foldEmptyFrames([frame('c')], [], new Set()).nodes[0];
    const [placed] = placeIslands([strip]);
    expect(placed.width).toBeGreaterThan(0);
    expect(placed.height).toBeGreaterThan(0);
  });
});

describe('placeIslands on a canvas taller than wide', () => {
  it('keeps the islands their size, in fewer columns', () => {
    const frames = [frame('a', 0), frame('b', 20000)];
    const islands = Array.from({ length: 20 }, (_, i) => island(`ns-${i}`));
    const row = (nodes: CanvasNode[]) =>
      new Set(nodes.filter((n) => n.type === 'island').map((n) => n.position.x)).size;
    const wide = placeIslands([...frames, ...islands]);
    const tall = placeIslands([...frames, ...islands], true);
    expect(row(wide)).toBe(7);
    expect(row(tall)).toBe(4);
    expect(tall.find((n) => n.type === 'island')?.width).toBe(
      wide.find((n) => n.type === 'island')?.width,
    );
  });
});
