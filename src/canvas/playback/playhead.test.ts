import { describe, expect, it } from 'vitest';
import { planPacketPath, type Waypoint } from '../packetPath.ts';
import { advancePlayhead, carryPlayhead, seekPlayhead, START } from './playhead.ts';

const at = (stepId: string, x: number): Waypoint => ({
  point: { x, y: 0 },
  colour: '#000',
  caption: stepId,
  dwell: 100,
  pace: 1,
  stepId,
});

// Four hops 300px apart: each leg travels 360 ms (1.2 ms/px) and rests 100 ms.
const timeline = planPacketPath([at('a', 0), at('b', 300), at('c', 600), at('d', 900)]);
const legs = timeline.legs;

describe('playhead', () => {
  it('plays at the chosen speed and reports the hops it reaches', () => {
    let head = START;
    const first = advancePlayhead(head, timeline, 16, 1, true);
    expect(first.reached).toBe(0);
    head = first.playhead;
    const quick = advancePlayhead(head, timeline, legs[1].arrive / 4, 4, true);
    expect(quick.playhead.time).toBeCloseTo(16 + legs[1].arrive);
    expect(quick.reached).toBe(1);
  });

  it('stops at the end and says so', () => {
    const end = advancePlayhead(START, timeline, 1e6, 1, true);
    expect(end.finished).toBe(true);
    expect(end.playhead.time).toBe(timeline.duration);
    expect(end.reached).toBe(3);
  });

  it('stays put while paused', () => {
    const paused = advancePlayhead({ time: 50, target: null }, timeline, 500, 1, false);
    expect(paused.playhead.time).toBe(50);
    expect(paused.finished).toBe(false);
  });

  it('steps forward by travelling to the next hop, then stops there', () => {
    const atB = { time: legs[1].arrive + 10, target: null };
    const stepping = seekPlayhead(atB, timeline, 2, true);
    expect(stepping.time).toBe(legs[1].leave);
    expect(stepping.target).toBe(legs[2].arrive);
    let head = stepping;
    let reached = 1;
    for (let i = 0; i < 100 && head.target !== null; i++) {
      const next = advancePlayhead(head, timeline, 16, 1, false);
      head = next.playhead;
      reached = next.reached;
    }
    expect(head.time).toBe(legs[2].arrive);
    expect(reached).toBe(2);
  });

  it('steps back, and jumps, at once', () => {
    const atC = { time: legs[2].arrive, target: null };
    expect(seekPlayhead(atC, timeline, 1, true)).toEqual({ time: legs[1].arrive, target: null });
    expect(seekPlayhead(atC, timeline, 0, true)).toEqual({ time: 0, target: null });
    // Two hops ahead is a jump, not a trip.
    expect(seekPlayhead(atC, timeline, 3, false)).toEqual({ time: legs[3].arrive, target: null });
    expect(seekPlayhead({ time: 0, target: null }, timeline, 2, true)).toEqual({
      time: legs[2].arrive,
      target: null,
    });
  });

  it('keeps stepping forward while a step is still travelling', () => {
    const travelling = { time: legs[1].leave + 5, target: legs[2].arrive };
    const next = seekPlayhead(travelling, timeline, 3, true);
    expect(next.target).toBe(legs[3].arrive);
  });

  it('keeps its hop when the route is re-planned', () => {
    const wider = planPacketPath([at('a', 0), at('b', 600), at('c', 1200), at('d', 1800)]);
    const carried = carryPlayhead({ time: legs[2].arrive + 20, target: null }, timeline, wider);
    expect(carried.time).toBe(wider.legs[2].arrive);
  });
});
