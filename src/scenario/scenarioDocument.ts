/**
 * The scenario document: everything a person builds, saves and shares. Plain JSON.
 * `cluster` is what the engine simulates; `layout` and `flow` are the view's own data.
 */
import type { ClusterSpec } from '../engine/spec.ts';
import type { Probe } from '../engine/trace.ts';

export const SCENARIO_VERSION = 1;

export interface Position {
  readonly x: number;
  readonly y: number;
}

export interface ScenarioDocument {
  readonly title: string;
  readonly description?: string;
  readonly cluster: ClusterSpec;
  /** Canvas positions keyed by refKey (`Pod/default/client`); anything absent is laid out. */
  readonly layout: Readonly<Record<string, Position>>;
  /** The flow the scenario is about, ready to play. */
  readonly flow?: Probe;
}
