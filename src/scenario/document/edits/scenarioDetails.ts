/**
 * The scenario's own words: its title and description, as the header, the embed, a share and an
 * export show them. Checked against the limits a saved or shared scenario must meet.
 */
import type { ScenarioDocument } from '../../scenarioDocument.ts';
import { LIMITS } from '../../schema.ts';
import { omit, type EditResult } from './editKit.ts';

export interface ScenarioDetails {
  readonly title: string;
  readonly description: string;
}

/** What is wrong with a title and description a person typed, or null when they can be kept. */
export function checkScenarioDetails(details: ScenarioDetails): string | null {
  const title = details.title.trim();
  if (title === '') return 'The title cannot be empty.';
  if (title.length > LIMITS.title) {
    return `The title has ${title.length} characters; at most ${LIMITS.title} are kept.`;
  }
  const description = details.description.trim();
  if (description.length > LIMITS.description) {
    return `The description has ${description.length} characters; at most ${LIMITS.description} are kept.`;
  }
  return null;
}

/**
 * The document with a new title and description, trimmed; an empty description is left out.
 * Throws on details checkScenarioDetails rejects, so a view checks first and says why.
 */
export function setScenarioDetails(doc: ScenarioDocument, details: ScenarioDetails): EditResult {
  const problem = checkScenarioDetails(details);
  if (problem) throw new Error(problem);
  const title = details.title.trim();
  const description = details.description.trim();
  if (title === doc.title && description === (doc.description ?? '')) {
    return { document: doc, keys: [] };
  }
  const base = { ...omit(doc, 'description'), title };
  return { document: description === '' ? base : { ...base, description }, keys: [] };
}
