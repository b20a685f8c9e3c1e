/**
 * The versioned envelope every saved or shared scenario travels in, and how to wrap one. Reading
 * one back (migrations, then the schema) is envelope.ts; writing needs neither, so the page can
 * save without loading the schema.
 */
import type { ScenarioDocument } from './scenarioDocument.ts';

export const ENVELOPE_FORMAT = 'podpath-scenario';
export const CURRENT_VERSION = 1;

/** What a person is looking at, shared along with the scenario. */
export interface ViewState {
  /** Index of the selected hop in the request+reply sequence. */
  readonly hop?: number;
}

export interface ScenarioEnvelope {
  readonly format: typeof ENVELOPE_FORMAT;
  readonly version: number;
  readonly scenario: ScenarioDocument;
  readonly view?: ViewState;
}

export function wrapScenario(scenario: ScenarioDocument, view?: ViewState): ScenarioEnvelope {
  return { format: ENVELOPE_FORMAT, version: CURRENT_VERSION, scenario, ...(view ? { view } : {}) };
}
