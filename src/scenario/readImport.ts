/**
 * What a person pasted, picked or dropped, read into a scenario: a PodPath scenario file (JSON
 * envelope), a share link, or Kubernetes YAML. Nothing here touches the store: the caller loads
 * the scenario only when the outcome is ok, so bad input never replaces the work.
 */
import type { ScenarioDocument } from './scenarioDocument.ts';
import { restoreFromJson, type RestoreResult, type ViewState } from './envelope.ts';
import {
  DEFAULT_IMPORT_LIMITS,
  importKubernetesYaml,
  type ImportWarning,
} from './kubeYaml/index.ts';
import { validateScenario } from './schema.ts';
import { decodeShareFragment, LINK_PREFIX_V1 } from './shareLink.ts';

/** Largest file or paste read at all, in bytes (the YAML importer's own limit). */
export const MAX_IMPORT_BYTES = DEFAULT_IMPORT_LIMITS.maxBytes;

export type ImportKind = 'scenario' | 'link' | 'yaml';

/** Objects of one kind that came in: `3 Pods: client, web-1, web-2`. */
export interface ImportedGroup {
  readonly kind: string;
  readonly names: readonly string[];
}

export interface ImportReport {
  readonly kind: ImportKind;
  readonly imported: readonly ImportedGroup[];
  /** Objects the import made up (pods of a Deployment, nodes the pods named). */
  readonly created: readonly ImportedGroup[];
  /** What was skipped or changed, and why. */
  readonly warnings: readonly ImportWarning[];
}

export type ImportOutcome =
  | {
      readonly ok: true;
      readonly document: ScenarioDocument;
      readonly view: ViewState;
      readonly report: ImportReport;
    }
  | { readonly ok: false; readonly message: string; readonly details: readonly string[] };

const fail = (message: string, details: readonly string[] = []): ImportOutcome => ({
  ok: false,
  message,
  details,
});

function fromRestore(result: RestoreResult, kind: 'scenario' | 'link'): ImportOutcome {
  if (!result.ok) {
    return fail(
      result.message,
      (result.issues ?? []).map((i) => `${i.path || 'scenario'}: ${i.message}`),
    );
  }
  const { cluster } = result.scenario;
  const names = (list: readonly { name: string }[] | undefined) => (list ?? []).map((o) => o.name);
  return {
    ok: true,
    document: result.scenario,
    view: result.view,
    report: {
      kind,
      imported: groups([
        ['Node', names(cluster.nodes)],
        ['Pod', names(cluster.pods)],
        ['Service', names(cluster.services)],
        ['Ingress', names(cluster.ingresses)],
        ['NetworkPolicy', names(cluster.networkPolicies)],
        ['External client', names(cluster.externalClients)],
      ]),
      created: [],
      warnings: [],
    },
  };
}

function groups(entries: readonly (readonly [string, readonly string[]])[]): ImportedGroup[] {
  return entries.filter(([, names]) => names.length > 0).map(([kind, names]) => ({ kind, names }));
}

function groupIds(ids: readonly { kind: string; namespace?: string; name: string }[]) {
  const byKind = new Map<string, string[]>();
  for (const id of ids) {
    const name =
      id.namespace && id.namespace !== 'default' ? `${id.namespace}/${id.name}` : id.name;
    byKind.set(id.kind, [...(byKind.get(id.kind) ?? []), name]);
  }
  return groups([...byKind]);
}

/** A pasted share link: the whole URL, or only its fragment. */
function linkFragment(text: string): string | null {
  if (/\s/.test(text)) return null;
  if (text.startsWith(LINK_PREFIX_V1)) return text;
  const hash = text.indexOf(`#${LINK_PREFIX_V1}`);
  return hash >= 0 ? text.slice(hash + 1) : null;
}

const looksLikeScenarioJson = (text: string) =>
  text.startsWith('{') &&
  text.slice(0, 200).includes('"format"') &&
  text.includes('podpath-scenario');

/** Strips `.yaml` and friends: `shop.yaml` → `shop`. */
function baseName(fileName: string): string {
  return fileName.replace(/\.(ya?ml|json)$/i, '').slice(0, 80);
}

/** Says what the reading is doing now, in plain words ("reading 2,021 objects"). */
export type ReportProgress = (doing: string) => void;

/**
 * Reads text as a scenario; never throws. `fileName` names the scenario made from YAML; `report`
 * hears each step as it starts (the import worker passes it on to the page).
 */
export function readImport(
  text: string,
  fileName?: string,
  report: ReportProgress = () => {},
): ImportOutcome {
  if (text.length > MAX_IMPORT_BYTES) {
    return fail(
      `This is too large to import (${(text.length / 1_048_576).toFixed(1)} MB; the limit is ${MAX_IMPORT_BYTES / 1_048_576} MB).`,
    );
  }
  if (text.includes('\u0000')) {
    return fail('This is not a text file. Import Kubernetes YAML or a PodPath scenario (.json).');
  }
  const trimmed = text.trim();
  if (trimmed === '') return fail('There is nothing to import: the text is empty.');

  const fragment = linkFragment(trimmed);
  if (fragment) {
    report('reading the share link');
    return fromRestore(decodeShareFragment(fragment), 'link');
  }
  if (looksLikeScenarioJson(trimmed)) {
    report('reading the scenario file');
    return fromRestore(restoreFromJson(trimmed), 'scenario');
  }

  const result = importKubernetesYaml(text, { onProgress: report });
  if (result.errors.length > 0) {
    return fail(
      result.errors.length === 1
        ? 'The YAML could not be imported, so nothing was loaded:'
        : `The YAML could not be imported (${result.errors.length} problems), so nothing was loaded:`,
      result.errors.map((e) =>
        e.line !== undefined && !e.message.includes(`line ${e.line}`)
          ? `Line ${e.line}: ${e.message}`
          : e.message,
      ),
    );
  }
  if (result.imported.length === 0) {
    return fail(
      'No Kubernetes objects PodPath can show were found. It reads Nodes, Pods, Deployments and other workloads, Services, Ingresses, NetworkPolicies and Namespaces.',
      result.warnings.map((w) => w.message),
    );
  }
  const title = fileName ? `Imported from ${baseName(fileName)}` : 'Imported Kubernetes YAML';
  // The importer checks the spec already; the schema is the same gate every scenario passes.
  report('checking the imported objects');
  const checked = validateScenario({ title, cluster: result.spec, layout: {} });
  if (!checked.ok) {
    return fail(
      'The imported objects do not make a valid scenario, so nothing was loaded:',
      checked.issues.map((i) => `${i.path}: ${i.message}`),
    );
  }
  return {
    ok: true,
    document: checked.scenario,
    view: {},
    report: {
      kind: 'yaml',
      imported: groupIds(result.imported),
      created: groupIds(result.created),
      warnings: result.warnings,
    },
  };
}
