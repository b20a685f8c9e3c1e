/**
 * One NetworkPolicy as Kubernetes YAML and back, through the project's own exporter and
 * importer, so the workbench's YAML view says exactly what `kubectl apply` would get and reads
 * exactly what an import would. Errors carry the line they are about.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { stringifyForKubectl } from './kubeYaml/kubectlSafeYaml.ts';
import { DEFAULT_SETTINGS, type NetworkPolicySpec } from '../engine/spec.ts';
import { importKubernetesYaml, toKubernetesObjects, type ImportResult } from './kubeYaml/index.ts';

/** The policy as one YAML document, the way the exporter writes it. */
export function policyToYaml(policy: NetworkPolicySpec): string {
  const objects = toKubernetesObjects({
    settings: DEFAULT_SETTINGS,
    nodes: [],
    pods: [],
    services: [],
    networkPolicies: [policy],
  });
  const object = objects.find((o) => o.kind === 'NetworkPolicy');
  return stringifyForKubectl(object);
}

export interface PolicyYamlIssue {
  /** 1-based, when known. */
  readonly line?: number;
  readonly message: string;
}

/**
 * What a YAML editor's text reads to: the object under `key`, with notes on what the import
 * changed or left out on the way in; or the errors.
 */
export type YamlReadResult<Key extends string, T> =
  | ({ readonly ok: true; readonly notes: readonly PolicyYamlIssue[] } & {
      readonly [K in Key]: T;
    })
  | { readonly ok: false; readonly errors: readonly PolicyYamlIssue[] };

export type PolicyYamlResult = YamlReadResult<'policy', NetworkPolicySpec>;

/** The YAML editor holds one object: far less than an import may take. */
const MAX_BYTES = 256 * 1024;

/**
 * Imports YAML that should hold one object of `kind`: the importer's result and its findings,
 * each pointing at the line of the field it is about, or the errors that refuse the edit.
 */
export function importOneObject(
  text: string,
  kind: string,
  what: string,
  plural: string,
):
  | { readonly ok: true; readonly result: ImportResult; readonly notes: PolicyYamlIssue[] }
  | { readonly ok: false; readonly errors: readonly PolicyYamlIssue[] } {
  if (text.trim() === '') {
    return { ok: false, errors: [{ message: `The YAML is empty: write one ${kind}.` }] };
  }
  const result = importKubernetesYaml(text, { maxBytes: MAX_BYTES, maxPods: 100 });
  const locate = fieldLocator(text, kind);
  // Field findings ("NetworkPolicy field spec.ingress[0].ports[0].port") point at their field.
  const findings = result.warnings
    .filter((w) => w.severity === 'warning')
    .map((w): PolicyYamlIssue => {
      // A layer-7 object names its field inside the reason: "field listeners.0.protocol ...".
      const inner = /^field (\S+) (.*?);? skipped\.$/.exec(w.why);
      const path = /\bfield (\S+)$/.exec(w.what)?.[1] ?? inner?.[1];
      const line =
        (path ? (locate(path) ?? (inner ? locate(`spec.${path}`) : undefined)) : undefined) ??
        w.line;
      // "ignored" is the importer's word for a file; here the whole edit is refused.
      const why = inner ? `${inner[2]}.` : w.why.replace(/;? (it is )?ignored\.$/, '.');
      return {
        ...(line !== undefined ? { line } : {}),
        message: path ? `${path}: ${why}` : w.message,
      };
    });
  if (result.errors.length > 0) {
    const errors = result.errors.map((e): PolicyYamlIssue => ({
      ...(e.line !== undefined ? { line: e.line } : {}),
      message: e.message,
    }));
    // The fields that made the importer refuse the object say what to fix.
    return { ok: false, errors: findings.length > 0 ? findings : errors };
  }
  const others = result.imported.filter((o) => o.kind !== kind);
  if (others.length > 0) {
    const list = others.map((o) => `${o.kind} ${o.name}`).join(', ');
    return {
      ok: false,
      errors: [{ message: `Only one ${kind} goes here; the YAML also holds ${list}.` }],
    };
  }
  const count = result.imported.length;
  // The importer skipped the object: the findings say which field made it.
  if (count === 0 && findings.length > 0) return { ok: false, errors: findings };
  if (count !== 1) {
    return {
      ok: false,
      errors: [
        {
          message:
            count === 0
              ? `The YAML holds no ${kind} (${what}).`
              : `The YAML holds ${count} ${plural}; write one here.`,
        },
      ],
    };
  }
  return { ok: true, result, notes: findings };
}

/**
 * Reads YAML that holds exactly one NetworkPolicy. Anything the importer would skip or refuse
 * is an error here, with the line of the field it is about.
 */
export function parsePolicyYaml(text: string): PolicyYamlResult {
  const read = importOneObject(
    text,
    'NetworkPolicy',
    'kind: NetworkPolicy, apiVersion: networking.k8s.io/v1',
    'NetworkPolicies',
  );
  if (!read.ok) return read;
  const policies = read.result.spec.networkPolicies ?? [];
  if (policies.length !== 1) {
    return {
      ok: false,
      errors: [{ message: 'The YAML holds no NetworkPolicy PodPath could read.' }],
    };
  }
  return { ok: true, policy: policies[0], notes: read.notes };
}

/** A function from a field path (`spec.ingress[0].ports[0].port`) to its 1-based line. */
function fieldLocator(text: string, kind: string): (path: string) => number | undefined {
  let parsed: { docs: Document.Parsed[]; lines: LineCounter } | null = null;
  return (path) => {
    if (!parsed) {
      const lines = new LineCounter();
      try {
        parsed = {
          docs: parseAllDocuments(text, { lineCounter: lines }) as Document.Parsed[],
          lines,
        };
      } catch {
        return undefined;
      }
      if (!Array.isArray(parsed.docs)) return undefined;
    }
    const segments = path
      .split(/\.|\[(\d+)\]/)
      .filter((s) => s !== undefined && s !== '')
      .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    for (const doc of parsed.docs) {
      if (doc.get('kind') !== kind) continue;
      // The key's line (a block value starts on the next one); failing that, the parent's.
      for (let n = segments.length; n > 0; n--) {
        const parent = doc.getIn(segments.slice(0, n - 1), true) as {
          items?: { key?: { value?: unknown; range?: [number, number, number] } }[];
        } | null;
        const key = parent?.items?.find((i) => i.key?.value === segments[n - 1])?.key;
        if (key?.range) return parsed.lines.linePos(key.range[0]).line;
        const node = doc.getIn(segments.slice(0, n), true) as {
          range?: [number, number, number];
        } | null;
        if (node?.range) return parsed.lines.linePos(node.range[0]).line;
      }
    }
    return undefined;
  };
}
