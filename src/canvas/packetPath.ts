/**
 * The packet's timeline: where the dot is at each moment, as a pure function of the hops'
 * points and the time since the start. The animation layer only samples it each frame.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Waypoint {
  readonly point: Point;
  readonly colour: string;
  /** Shown beside the dot while it is at this waypoint. */
  readonly caption: string;
  /** How long the dot rests here, in ms. */
  readonly dwell: number;
  /** Scales the travel time to here (below 1 is faster). */
  readonly pace: number;
  readonly stepId: string;
}

interface Leg {
  readonly from: Point;
  readonly waypoint: Waypoint;
  readonly start: number;
  readonly arrive: number;
  readonly leave: number;
}

export interface PacketTimeline {
  readonly legs: readonly Leg[];
  readonly duration: number;
}

export interface PacketFrame {
  readonly point: Point;
  readonly colour: string;
  readonly caption: string;
  readonly stepId: string;
  readonly moving: boolean;
}

const MS_PER_PX = 1.3;
const MIN_TRAVEL = 220;
const MAX_TRAVEL = 850;

export function planPacketPath(waypoints: readonly Waypoint[]): PacketTimeline {
  const legs: Leg[] = [];
  let clock = 0;
  let previous = waypoints[0]?.point;
  for (const waypoint of waypoints) {
    const from = previous ?? waypoint.point;
    const distance = Math.hypot(waypoint.point.x - from.x, waypoint.point.y - from.y);
    const travel =
      distance < 1
        ? 0
        : Math.min(MAX_TRAVEL, Math.max(MIN_TRAVEL, distance * MS_PER_PX)) * waypoint.pace;
    const arrive = clock + travel;
    const leave = arrive + waypoint.dwell;
    legs.push({ from, waypoint, start: clock, arrive, leave });
    clock = leave;
    previous = waypoint.point;
  }
  return { legs, duration: clock };
}

/** Where the dot is `elapsed` ms after the start; past the end it rests on the last waypoint. */
export function samplePacketPath(timeline: PacketTimeline, elapsed: number): PacketFrame | null {
  const { legs } = timeline;
  if (legs.length === 0) return null;
  const leg = legs.find((l) => elapsed < l.leave) ?? legs[legs.length - 1];
  const { from, waypoint } = leg;
  if (elapsed >= leg.arrive || leg.arrive === leg.start) {
    return { ...frameAt(waypoint, waypoint.point), moving: false };
  }
  const t = easeInOut((elapsed - leg.start) / (leg.arrive - leg.start));
  const point = {
    x: from.x + (waypoint.point.x - from.x) * t,
    y: from.y + (waypoint.point.y - from.y) * t,
  };
  return { ...frameAt(waypoint, point), moving: true };
}

function frameAt(waypoint: Waypoint, point: Point) {
  return {
    point,
    colour: waypoint.colour,
    caption: waypoint.caption,
    stepId: waypoint.stepId,
  };
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
