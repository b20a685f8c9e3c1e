import { describe, expect, it } from 'vitest';
import {
  legIndexAt,
  planPacketPath,
  pointAlong,
  reachedIndex,
  samplePacketPath,
  type Waypoint,
} from './packetPath.ts';

const waypoint = (stepId: string, x: number, y: number, dwell = 100, via?: Waypoint['via']) => ({
  point: { x, y },
  via,
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
    expect(midway).toMatchObject({ stepId: 'c', moving: true, index: 2 });
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
    expect(reachedIndex(planPacketPath([]), 0)).toBe(-1);
  });

  it('knows which hop was reached by when', () => {
    const [a, b, c] = timeline.legs;
    expect(reachedIndex(timeline, 0)).toBe(0);
    expect(reachedIndex(timeline, b.arrive)).toBe(1);
    // On the way to c, the packet has reached b, not yet c.
    expect(reachedIndex(timeline, c.start + 1)).toBe(1);
    expect(reachedIndex(timeline, c.arrive)).toBe(2);
    expect(legIndexAt(timeline, a.leave - 1)).toBe(0);
    expect(legIndexAt(timeline, Infinity)).toBe(2);
  });

  it('follows the route through its corners', () => {
    const routed = planPacketPath([
      waypoint('a', 0, 0, 0),
      waypoint('b', 100, 100, 0, [{ x: 100, y: 0 }]),
    ]);
    const leg = routed.legs[1];
    expect(leg.lengths.at(-1)).toBe(200);
    // Half way along the route is the corner, not the middle of the diagonal.
    expect(pointAlong(leg, 0.5)).toEqual({ x: 100, y: 0 });
    expect(pointAlong(leg, 0.25)).toEqual({ x: 50, y: 0 });
  });

  it('jumps from hop to hop when motion is reduced', () => {
    const jumping = planPacketPath([waypoint('a', 0, 0), waypoint('b', 500, 0)], {
      travelScale: 0,
    });
    expect(jumping.legs[1].arrive).toBe(jumping.legs[1].start);
    expect(samplePacketPath(jumping, jumping.legs[1].start)).toMatchObject({
      stepId: 'b',
      moving: false,
    });
  });

  it('marks the hop where the packet is dropped', () => {
    const dropped = planPacketPath([
      waypoint('a', 0, 0),
      { ...waypoint('b', 10, 0), dropped: true },
    ]);
    expect(samplePacketPath(dropped, Infinity)).toMatchObject({ stepId: 'b', dropped: true });
  });
});
