/**
 * One file in, a cluster spec out: a PodPath scenario (the saved envelope, or a bare scenario
 * document) or Kubernetes YAML/JSON, told apart by content rather than by file name.
 */
import type { ClusterSettings, ClusterSpec } from '../engine/spec.ts';
import type { Position } from '../scenario/scenarioDocument.ts';
import type { Probe } from '../engine/trace.ts';
import { restoreEnvelope, ENVELOPE_FORMAT } from '../scenario/envelope.ts';
import { fastParse } from '../scenario/kubeYaml/fastParse.ts';
import { importKubernetesYaml, type ImportWarning } from '../scenario/kubeYaml/index.ts';
import { setFastReader } from '../scenario/kubeYaml/parseDocuments.ts';
import type { ScenarioDocument } from '../scenario/scenarioDocument.ts';
import { clusterSpecSchema, validateScenario } from '../scenario/schema.ts';
import { CliError } from './args.ts';

// A cluster dump of thousands of objects is the common input here: read it the fast way.
setFastReader(fastParse);

export interface LoadedScenario {
  readonly spec: ClusterSpec;
  readonly format: 'scenario' | 'kubernetes';
  readonly title?: string;
  /** A scenario file's canvas positions, kept by `export --format scenario`. */
  readonly layout?: Readonly<Record<string, Position>>;
  readonly flow?: Probe;
  readonly warnings: readonly ImportWarning[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withSettings(spec: ClusterSpec, overrides: Partial<ClusterSettings>): ClusterSpec {
  return { ...spec, settings: { ...spec.settings, ...overrides } };
}

/** Reads the text of `file`; throws CliError with a message that names the file. */
export function loadScenario(
  text: string,
  file: string,
  overrides: Partial<ClusterSettings> = {},
): LoadedScenario {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined; // not JSON after all: YAML below reports where it breaks
    }
    if (isRecord(json) && !('apiVersion' in json) && !('kind' in json)) {
      return loadScenarioJson(json, file, overrides);
    }
  }
  const result = importKubernetesYaml(text, { settings: overrides });
  if (result.errors.length > 0) {
    const lines = result.errors.map(
      (e) => `${file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: ${e.message}`,
    );
    throw new CliError(lines.join('\n'));
  }
  return { spec: result.spec, format: 'kubernetes', warnings: result.warnings };
}

/** A scenario document as the CLI uses it: its cluster with the flags' settings, title and flow. */
function fromDocument(s: ScenarioDocument, overrides: Partial<ClusterSettings>): LoadedScenario {
  return {
    spec: withSettings(s.cluster, overrides),
    format: 'scenario',
    title: s.title,
    layout: s.layout,
    ...(s.flow ? { flow: s.flow } : {}),
    warnings: [],
  };
}

function loadScenarioJson(
  json: Record<string, unknown>,
  file: string,
  overrides: Partial<ClusterSettings>,
): LoadedScenario {
  if (json.format === ENVELOPE_FORMAT) {
    const restored = restoreEnvelope(json);
    if (!restored.ok) throw new CliError(`${file}: ${restored.message}`);
    return fromDocument(restored.scenario, overrides);
  }
  if ('cluster' in json) {
    const checked = validateScenario(json);
    if (!checked.ok) throw new CliError(describeIssues(file, 'scenario', checked.issues));
    return fromDocument(checked.scenario, overrides);
  }
  if ('nodes' in json && 'pods' in json) {
    const checked = clusterSpecSchema.safeParse(json);
    if (!checked.success) {
      throw new CliError(
        describeIssues(
          file,
          'cluster',
          checked.error.issues.map((i) => ({
            path: i.path.map(String).join('.'),
            message: i.message,
          })),
        ),
      );
    }
    return {
      spec: withSettings(checked.data as unknown as ClusterSpec, overrides),
      format: 'scenario',
      warnings: [],
    };
  }
  throw new CliError(
    `${file}: this JSON is neither a PodPath scenario (it has no "cluster") nor a Kubernetes object (it has no "kind").`,
  );
}

function describeIssues(
  file: string,
  what: string,
  issues: readonly { path: string; message: string }[],
): string {
  const shown = issues.slice(0, 10).map((i) => `  ${i.path || what}: ${i.message}`);
  return [`${file}: the ${what} is not valid:`, ...shown].join('\n');
}
