/**
 * The packet's timeline: where the dot is at each moment, as a pure function of the hops'
 * stations (and the routes between them) and the time since the start. The animation layer
 * only samples it each frame; playback asks it which hop was reached by when.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Waypoint {
  readonly point: Point;
  /** Corners the packet passes on its way here from the previous waypoint (the route). */
  readonly via?: readonly Point[];
  readonly colour: string;
  /** Shown beside the dot while it is at this waypoint. */
  readonly caption: string;
  /** How long the dot rests here, in ms at 1x. */
  readonly dwell: number;
  /** Scales the travel time to here (below 1 is faster). */
  readonly pace: number;
  readonly stepId: string;
  /** The hop is where the packet was dropped: drawn as a stop, not a rest. */
  readonly dropped?: boolean;
}

export interface Leg {
  /** From the previous waypoint's point to this one's, through the route's corners. */
  readonly path: readonly Point[];
  /** Cumulative length at each point of path. */
  readonly lengths: readonly number[];
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
  /** Index of the leg the dot is on: travelling to, or resting at, that waypoint. */
  readonly index: number;
  readonly moving: boolean;
  readonly dropped: boolean;
}

export interface PlanOptions {
  /** 0 makes the packet jump from hop to hop (prefers-reduced-motion). */
  readonly travelScale?: number;
}

const MS_PER_PX = 1.2;
const MIN_TRAVEL = 200;
const MAX_TRAVEL = 900;

export function planPacketPath(
  waypoints: readonly Waypoint[],
  options: PlanOptions = {},
): PacketTimeline {
  const travelScale = options.travelScale ?? 1;
  const legs: Leg[] = [];
  let clock = 0;
  let previous = waypoints[0]?.point;
  for (const waypoint of waypoints) {
    const from = previous ?? waypoint.point;
    const path = [from, ...(waypoint.via ?? []), waypoint.point];
    const lengths = cumulativeLengths(path);
    const distance = lengths[lengths.length - 1];
    const travel =
      distance < 1
        ? 0
        : Math.min(MAX_TRAVEL, Math.max(MIN_TRAVEL, distance * MS_PER_PX)) *
          waypoint.pace *
          travelScale;
    const arrive = clock + travel;
    const leave = arrive + waypoint.dwell;
    legs.push({ path, lengths, waypoint, start: clock, arrive, leave });
    clock = leave;
    previous = waypoint.point;
  }
  return { legs, duration: clock };
}

function cumulativeLengths(path: readonly Point[]): number[] {
  const lengths = [0];
  for (let i = 1; i < path.length; i++) {
    lengths.push(lengths[i - 1] + Math.hypot(path[i].x - path[i - 1].x, path[i].y - path[i - 1].y));
  }
  return lengths;
}

/** Index of the leg in progress at `elapsed` (the first one not yet left). */
export function legIndexAt(timeline: PacketTimeline, elapsed: number): number {
  const { legs } = timeline;
  if (legs.length === 0) return -1;
  // Binary search: legs are in time order.
  let lo = 0;
  let hi = legs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (elapsed < legs[mid].leave) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** The last hop the packet has reached by `elapsed`, or -1 before the first. */
export function reachedIndex(timeline: PacketTimeline, elapsed: number): number {
  const index = legIndexAt(timeline, elapsed);
  if (index < 0) return -1;
  return elapsed >= timeline.legs[index].arrive ? index : index - 1;
}

/** Where the dot is `elapsed` ms after the start; past the end it rests on the last waypoint. */
export function samplePacketPath(timeline: PacketTimeline, elapsed: number): PacketFrame | null {
  const index = legIndexAt(timeline, elapsed);
  if (index < 0) return null;
  const leg = timeline.legs[index];
  const { waypoint } = leg;
  if (elapsed >= leg.arrive || leg.arrive === leg.start) {
    return frameAt(waypoint, waypoint.point, index, false);
  }
  const t = easeInOut(Math.max(0, (elapsed - leg.start) / (leg.arrive - leg.start)));
  return frameAt(waypoint, pointAlong(leg, t), index, true);
}

/** The point at fraction t (0..1) of a leg's route, by distance. */
export function pointAlong(leg: Pick<Leg, 'path' | 'lengths'>, t: number): Point {
  const { path, lengths } = leg;
  const total = lengths[lengths.length - 1];
  if (total === 0) return path[path.length - 1];
  const target = total * Math.min(1, Math.max(0, t));
  let i = 1;
  while (i < lengths.length - 1 && lengths[i] < target) i++;
  const span = lengths[i] - lengths[i - 1];
  const f = span === 0 ? 1 : (target - lengths[i - 1]) / span;
  return {
    x: path[i - 1].x + (path[i].x - path[i - 1].x) * f,
    y: path[i - 1].y + (path[i].y - path[i - 1].y) * f,
  };
}

function frameAt(waypoint: Waypoint, point: Point, index: number, moving: boolean): PacketFrame {
  return {
    point,
    colour: waypoint.colour,
    caption: waypoint.caption,
    stepId: waypoint.stepId,
    index,
    moving,
    dropped: !moving && waypoint.dropped === true,
  };
}

const easeInOut = (t: number) => (t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2);
