/**
 * One NetworkPolicy as Kubernetes YAML and back, through the project's own exporter and
 * importer, so the workbench's YAML view says exactly what `kubectl apply` would get and reads
 * exactly what an import would. Errors carry the line they are about.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import { stringifyForKubectl } from './kubeYaml/kubectlSafeYaml.ts';
import { DEFAULT_SETTINGS, type NetworkPolicySpec } from '../engine/spec.ts';
import { importKubernetesYaml, toKubernetesObjects } from './kubeYaml/index.ts';

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

export type PolicyYamlResult =
  | {
      readonly ok: true;
      readonly policy: NetworkPolicySpec;
      /** What the import changed or left out on the way in. */
      readonly notes: readonly PolicyYamlIssue[];
    }
  | { readonly ok: false; readonly errors: readonly PolicyYamlIssue[] };

/** The YAML editor holds one policy: far less than an import may take. */
const MAX_BYTES = 256 * 1024;

/**
 * Reads YAML that holds exactly one NetworkPolicy. Anything the importer would skip or refuse
 * is an error here, with the line of the field it is about.
 */
export function parsePolicyYaml(text: string): PolicyYamlResult {
  if (text.trim() === '') {
    return { ok: false, errors: [{ message: 'The YAML is empty: write one NetworkPolicy.' }] };
  }
  const result = importKubernetesYaml(text, { maxBytes: MAX_BYTES, maxPods: 100 });
  const locate = fieldLocator(text);
  // Field findings ("NetworkPolicy field spec.ingress[0].ports[0].port") point at their field.
  const findings = result.warnings
    .filter((w) => w.severity === 'warning')
    .map((w): PolicyYamlIssue => {
      const path = /\bfield (\S+)$/.exec(w.what)?.[1];
      const line = (path ? locate(path) : undefined) ?? w.line;
      // "ignored" is the importer's word for a file; here the whole edit is refused.
      const why = w.why.replace(/;? (it is )?ignored\.$/, '.');
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
    // The fields that made the importer refuse the policy say what to fix.
    return { ok: false, errors: findings.length > 0 ? findings : errors };
  }
  const others = result.imported.filter((o) => o.kind !== 'NetworkPolicy');
  const policies = result.spec.networkPolicies ?? [];
  if (others.length > 0) {
    const what = others.map((o) => `${o.kind} ${o.name}`).join(', ');
    return {
      ok: false,
      errors: [{ message: `Only one NetworkPolicy goes here; the YAML also holds ${what}.` }],
    };
  }
  if (policies.length !== 1) {
    return {
      ok: false,
      errors: [
        {
          message:
            policies.length === 0
              ? 'The YAML holds no NetworkPolicy (kind: NetworkPolicy, apiVersion: networking.k8s.io/v1).'
              : `The YAML holds ${policies.length} NetworkPolicies; write one here.`,
        },
      ],
    };
  }
  return { ok: true, policy: policies[0], notes: findings };
}

/** A function from a field path (`spec.ingress[0].ports[0].port`) to its 1-based line. */
function fieldLocator(text: string): (path: string) => number | undefined {
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
      if (doc.get('kind') !== 'NetworkPolicy') continue;
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
