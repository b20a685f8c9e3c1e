import { DEFAULT_SETTINGS } from '../engine/spec.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';

/**
 * A fresh start, as "Empty cluster" promises: no nodes, no pods, no Services, the default
 * settings. The canvas says what to add first.
 */
export function emptyScenario(title = 'Untitled scenario'): ScenarioDocument {
  return {
    title,
    cluster: { settings: DEFAULT_SETTINGS, nodes: [], pods: [], services: [] },
    layout: {},
  };
}
