/**
 * A journey collects the hops of one direction of a flow. Each step records the packet before
 * and after, so a translation or encapsulation is visible as a difference.
 */
import type { Decision, Hop, Location, Packet } from '../trace.ts';
import { Verdict, type Direction, type DropReason } from '../vocabulary.ts';

export class Journey {
  readonly hops: Hop[] = [];
  packet: Packet;
  readonly direction: Direction;
  reason?: DropReason;

  constructor(packet: Packet, direction: Direction) {
    this.packet = packet;
    this.direction = direction;
  }

  get dropped(): boolean {
    return this.reason !== undefined;
  }

  get delivered(): boolean {
    return this.hops.at(-1)?.verdict === Verdict.Delivered;
  }

  step(
    location: Location,
    verdict: Verdict,
    explanation: string,
    options: { to?: Packet; decisions?: readonly Decision[]; reason?: DropReason } = {},
  ): void {
    // A dropped packet goes nowhere: steps a flow would take after the drop do not happen.
    if (this.dropped) return;
    const before = this.packet;
    const after = options.to ?? before;
    this.hops.push({
      direction: this.direction,
      location,
      verdict,
      reason: options.reason,
      before,
      after,
      explanation,
      decisions: options.decisions,
    });
    this.packet = after;
    if (verdict === Verdict.Dropped) this.reason = options.reason;
  }

  drop(
    location: Location,
    reason: DropReason,
    explanation: string,
    decisions?: readonly Decision[],
  ): void {
    this.step(location, Verdict.Dropped, explanation, { reason, decisions });
  }
}

export function describeEndpoint(p: { ip: string; port: number }): string {
  return `${p.ip}:${p.port}`;
}
