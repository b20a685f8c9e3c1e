/**
 * The playhead: a time on a packet timeline that playback moves. Pure, so play, pause, step and
 * seek are tested without a browser; the packet layer keeps one in a ref and advances it each
 * animation frame. Nothing here is stored in the app store (only the reached hop is).
 */
import { reachedIndex, type PacketTimeline } from '../packetPath.ts';

export interface Playhead {
  /** ms on the timeline (at 1x). */
  readonly time: number;
  /** When set, the playhead runs on until this time and stops there (a step forward). */
  readonly target: number | null;
}

export const START: Playhead = { time: 0, target: null };

export interface Advance {
  readonly playhead: Playhead;
  /** The last hop reached, -1 before the first. */
  readonly reached: number;
  /** Playing ran to the end of the timeline. */
  readonly finished: boolean;
}

/** Moves the playhead by `dt` ms of wall time at `speed`, when playing or running to a target. */
export function advancePlayhead(
  playhead: Playhead,
  timeline: PacketTimeline,
  dt: number,
  speed: number,
  playing: boolean,
): Advance {
  const step = Math.max(0, dt) * speed;
  let { time, target } = playhead;
  let finished = false;
  if (playing) {
    time += step;
    target = null;
    if (time >= timeline.duration) {
      time = timeline.duration;
      finished = true;
    }
  } else if (target !== null) {
    time = Math.min(target, time + step);
    if (time >= target) target = null;
  }
  return { playhead: { time, target }, reached: reachedIndex(timeline, time), finished };
}

/**
 * Puts the playhead at hop `to`. One hop forward travels there (unless motion is reduced);
 * anything else, backward or a jump, lands on the hop at once.
 */
export function seekPlayhead(
  playhead: Playhead,
  timeline: PacketTimeline,
  to: number,
  animate: boolean,
): Playhead {
  const { legs } = timeline;
  if (legs.length === 0) return START;
  const index = Math.max(0, Math.min(legs.length - 1, to));
  const reached = reachedIndex(timeline, playhead.time);
  const aimedAt = playhead.target === null ? reached : reachedIndex(timeline, playhead.target);
  if (animate && index === aimedAt + 1 && aimedAt >= 0) {
    // Finish any step still under way and skip the rest at that hop, then travel: stepping
    // quickly stays quick.
    return { time: Math.max(playhead.time, legs[aimedAt].leave), target: legs[index].arrive };
  }
  return { time: legs[index].arrive, target: null };
}

/** The playhead at the same hop on a re-planned timeline (elements moved, speed of travel). */
export function carryPlayhead(
  playhead: Playhead,
  before: PacketTimeline,
  after: PacketTimeline,
): Playhead {
  if (after.legs.length === 0) return START;
  const reached = reachedIndex(before, playhead.time);
  const time =
    reached < 0 ? 0 : (after.legs[Math.min(reached, after.legs.length - 1)]?.arrive ?? 0);
  const target =
    playhead.target === null
      ? null
      : (after.legs[Math.min(reachedIndex(before, playhead.target), after.legs.length - 1)]
          ?.arrive ?? null);
  return { time, target: target !== null && target > time ? target : null };
}
