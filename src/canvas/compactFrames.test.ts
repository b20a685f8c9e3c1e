import { describe, expect, it } from 'vitest';
import { compactFrames, EMPTY_FRAME_HEIGHT } from './compactFrames.ts';
import type { CanvasNode } from './flowTypes.ts';
import { FRAME_HEADER, FRAME_PADDING, FRAME_WIDTH, POD_GAP, POD_WIDTH } from './layoutCluster.ts';

const node = (id: string, type: string, extra: Partial<CanvasNode> = {}) =>
  ({ id, type, position: { x: 0, y: 0 }, data: {}, ...extra }) as CanvasNode;

describe('compactFrames', () => {
  it('shrinks a frame around its cards, laid out in a column from the top', () => {
    const nodes = [
      node('Node/a', 'frame', { position: { x: 900, y: 40 }, width: 2000, height: 1500 }),
      node('PodGroup/a/x', 'podGroup', {
        parentId: 'Node/a',
        position: { x: 1000, y: 900 },
        width: POD_WIDTH,
        height: 120,
      }),
      node('Pod/default/solo', 'pod', {
        parentId: 'Node/a',
        position: { x: 1300, y: 66 },
        width: POD_WIDTH,
        height: 100,
      }),
    ];
    const [frame, card, pod] = compactFrames(nodes);
    expect(frame.position).toEqual({ x: 900, y: 40 });
    expect(frame.width).toBe(FRAME_WIDTH);
    expect(card.position).toEqual({ x: FRAME_PADDING, y: FRAME_HEADER });
    expect(pod.position).toEqual({ x: FRAME_PADDING, y: FRAME_HEADER + 120 + POD_GAP });
    expect(frame.height).toBeLessThan(500);
    expect(frame.height).toBeGreaterThan(pod.position.y + 100);
  });

  it('starts a new column after five and gives an empty frame its header only', () => {
    const children = Array.from({ length: 6 }, (_, i) =>
      node(`Pod/default/p${i}`, 'pod', { parentId: 'Node/a', width: POD_WIDTH, height: 100 }),
    );
    const out = compactFrames([node('Node/a', 'frame'), ...children, node('Node/b', 'frame')]);
    expect(out[6].position.x).toBe(FRAME_PADDING + POD_WIDTH + POD_GAP);
    expect(out[0].width).toBe(FRAME_PADDING + 2 * (POD_WIDTH + POD_GAP) - POD_GAP + FRAME_PADDING);
    expect(out[7].height).toBe(EMPTY_FRAME_HEIGHT);
  });
});
