import { DEFAULT_SETTINGS } from '../engine/spec.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';

/** A fresh start: an empty cluster of two nodes with the default settings. */
export function emptyScenario(title = 'Untitled scenario'): ScenarioDocument {
  return {
    title,
    cluster: {
      settings: DEFAULT_SETTINGS,
      nodes: [{ name: 'node-1' }, { name: 'node-2' }],
      pods: [],
      services: [],
    },
    layout: {},
  };
}
