/**
 * From trace steps to the packet's waypoints: one per hop the canvas can place, with the route
 * from the previous one, a colour for its phase (request, reply, DNS lookup, dropped), a caption
 * and how long to rest there.
 */
import type { TraceStep } from '../../store/viewTypes.ts';
import { PACKET_COLOURS } from '../kindStyles.ts';
import type { Waypoint } from '../packetPath.ts';
import { locateHop, routeBetween, type Scene, type Station } from './scene.ts';

export interface WaypointOptions {
  /** Captions and rests are for the one packet being explained; a crowd moves without them. */
  readonly crowd?: boolean;
}

export function packetColour(step: TraceStep): string {
  const { hop } = step;
  if (hop.verdict === 'Dropped') return PACKET_COLOURS.dropped;
  if (step.phase === 'lookup') return PACKET_COLOURS.lookup;
  return hop.direction === 'reply' ? PACKET_COLOURS.reply : PACKET_COLOURS.request;
}

export function stepCaption(step: TraceStep): string {
  const { hop } = step;
  if (hop.verdict === 'Dropped') return `✕ ${hop.location.device} · ${hop.reason ?? 'Dropped'}`;
  return hop.verdict === 'Forwarded'
    ? hop.location.device
    : `${hop.location.device} · ${hop.verdict}`;
}

/** How long the packet rests at a hop at 1x: longer where something happens to it. */
export function restFor(step: TraceStep): number {
  const { verdict } = step.hop;
  const base =
    verdict === 'Dropped'
      ? 1400
      : verdict === 'Forwarded'
        ? 300
        : verdict === 'Delivered'
          ? 700
          : 950;
  // The DNS lookup is the prelude: it plays faster so the request is not kept waiting.
  return step.phase === 'lookup' ? base * 0.5 : base;
}

export function toWaypoints(
  steps: readonly TraceStep[],
  scene: Scene,
  options: WaypointOptions = {},
): Waypoint[] {
  const waypoints: Waypoint[] = [];
  let previous: Station | null = null;
  for (const step of steps) {
    // One waypoint per step, so timeline legs and steps share indices: a hop the canvas cannot
    // place (its element is not drawn) rests where the packet already is.
    const station: Station = locateHop(step, previous, scene) ??
      previous ?? { kind: 'free', point: { x: 0, y: 0 } };
    const via = previous ? routeBetween(previous, station, scene) : [];
    const dropped = step.hop.verdict === 'Dropped';
    waypoints.push({
      point: station.point,
      via,
      colour: packetColour(step),
      caption: options.crowd ? '' : stepCaption(step),
      dwell: options.crowd ? (dropped ? 400 : 60) : restFor(step),
      pace: step.phase === 'lookup' ? 0.5 : 1,
      stepId: step.id,
      dropped,
    });
    previous = station;
  }
  return waypoints;
}
