/**
 * The versioned envelope every saved or shared scenario travels in, and the tolerant restore
 * that reads any version ever shipped: numbered migrations bring old data up to date, then the
 * schema decides. Golden fixtures of each version stay in the tests forever.
 */
import { CURRENT_VERSION, ENVELOPE_FORMAT, type ViewState } from './envelopeFormat.ts';
import type { ScenarioDocument } from './scenarioDocument.ts';
import { validateScenario, type SchemaIssue } from './schema.ts';

export { CURRENT_VERSION, ENVELOPE_FORMAT, wrapScenario } from './envelopeFormat.ts';
export type { ScenarioEnvelope, ViewState } from './envelopeFormat.ts';

export type RestoreResult =
  | {
      readonly ok: true;
      readonly scenario: ScenarioDocument;
      readonly view: ViewState;
      readonly migratedFrom?: number;
    }
  | { readonly ok: false; readonly message: string; readonly issues?: readonly SchemaIssue[] };

type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n envelope's scenario into version n+1. Never edit a shipped
 * migration; add the next one and a golden fixture of the version it reads.
 */
const MIGRATIONS: Readonly<Record<number, Migration>> = {};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads an envelope of any shipped version; never throws. */
export function restoreEnvelope(input: unknown): RestoreResult {
  if (!isRecord(input))
    return { ok: false, message: 'This is not a PodPath scenario (expected a JSON object).' };
  if (input.format !== ENVELOPE_FORMAT) {
    return {
      ok: false,
      message: 'This is not a PodPath scenario (the "format" field is missing or different).',
    };
  }
  const version = input.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, message: 'The scenario has no valid version number.' };
  }
  if (version > CURRENT_VERSION) {
    return {
      ok: false,
      message: `This scenario was made by a newer PodPath (format version ${version}; this one reads up to ${CURRENT_VERSION}). Reload the page to get the latest version.`,
    };
  }
  let scenario: unknown = input.scenario;
  for (let v = version; v < CURRENT_VERSION; v++) {
    const migrate = MIGRATIONS[v];
    if (!migrate || !isRecord(scenario))
      return { ok: false, message: `No migration from version ${v}.` };
    try {
      scenario = migrate(scenario);
    } catch {
      return { ok: false, message: `The scenario could not be upgraded from version ${v}.` };
    }
  }
  const checked = validateScenario(scenario);
  if (!checked.ok) {
    const first = checked.issues[0];
    return {
      ok: false,
      message: `The scenario is not valid: ${first ? `${first.path || 'scenario'} ${first.message}` : 'unknown problem'}${checked.issues.length > 1 ? ` (and ${checked.issues.length - 1} more)` : ''}.`,
      issues: checked.issues,
    };
  }
  const view: ViewState =
    isRecord(input.view) &&
    typeof input.view.hop === 'number' &&
    Number.isInteger(input.view.hop) &&
    input.view.hop >= 0
      ? { hop: input.view.hop }
      : {};
  return {
    ok: true,
    scenario: checked.scenario,
    view,
    ...(version < CURRENT_VERSION ? { migratedFrom: version } : {}),
  };
}

/** Parses a scenario file's text (JSON); never throws. */
export function restoreFromJson(text: string, maxBytes = 5_000_000): RestoreResult {
  if (text.length > maxBytes)
    return {
      ok: false,
      message: `The file is too large (${Math.round(text.length / 1000)} kB; the limit is ${maxBytes / 1_000_000} MB).`,
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { ok: false, message: `The file is not valid JSON: ${(err as Error).message}` };
  }
  return restoreEnvelope(data);
}
