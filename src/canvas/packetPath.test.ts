import { describe, expect, it } from 'vitest';
import { planPacketPath, samplePacketPath, type Waypoint } from './packetPath.ts';

const waypoint = (stepId: string, x: number, y: number, dwell = 100): Waypoint => ({
  point: { x, y },
  colour: '#000',
  caption: stepId,
  dwell,
  pace: 1,
  stepId,
});

describe('packet path', () => {
  const timeline = planPacketPath([
    waypoint('a', 0, 0),
    waypoint('b', 0, 0), // same place: no travel, only a rest
    waypoint('c', 300, 400),
  ]);

  it('rests at the first waypoint, then travels to the next distinct one', () => {
    expect(samplePacketPath(timeline, 50)).toMatchObject({ stepId: 'a', moving: false });
    expect(samplePacketPath(timeline, 150)).toMatchObject({ stepId: 'b', moving: false });
    const midway = samplePacketPath(timeline, 200 + 100);
    expect(midway).toMatchObject({ stepId: 'c', moving: true });
    expect(midway!.point.x).toBeGreaterThan(0);
    expect(midway!.point.x).toBeLessThan(300);
  });

  it('stays on the last waypoint after the end', () => {
    expect(samplePacketPath(timeline, Infinity)).toMatchObject({
      stepId: 'c',
      point: { x: 300, y: 400 },
      moving: false,
    });
  });

  it('has nothing to draw without waypoints', () => {
    expect(samplePacketPath(planPacketPath([]), 0)).toBeNull();
  });
});
