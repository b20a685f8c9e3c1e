/**
 * The policy as Kubernetes YAML, editable. The text follows the form; a valid edit here goes
 * into the document like a form edit, and an error points at its line while the last valid
 * policy stays in effect.
 */
import { useState } from 'react';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { parsePolicyYaml, policyToYaml, type PolicyYamlIssue } from '../../scenario/policyYaml.ts';
import { appStore } from '../../store/appStore.ts';
import { takenNames } from '../../store/documentChecks.ts';
import { changeNamespace, renameElement } from '../../scenario/document/edits/renameElements.ts';
import { asElementKey } from '../../scenario/document/elementKey.ts';
import { updateNetworkPolicy } from '../../scenario/document/edits/updateElements.ts';
import type { PolicyEditorProps } from './PolicyEditor.tsx';
import { YamlTextArea } from './YamlTextArea.tsx';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const nsOf = (p: NetworkPolicySpec) => p.namespace ?? 'default';

interface Draft {
  readonly text: string;
  /** The policy the text stands for: the one it was written from, or last read into. */
  readonly policy: NetworkPolicySpec;
  readonly errors: readonly PolicyYamlIssue[];
  readonly notes: readonly PolicyYamlIssue[];
}

export function PolicyYamlEditor({ policyKey, formId, policy, onRekey }: PolicyEditorProps) {
  const [draft, setDraft] = useState<Draft>(() => ({
    text: policyToYaml(policy),
    policy,
    errors: [],
    notes: [],
  }));
  // The form, undo or another policy changed it: the text follows.
  if (!same(draft.policy, policy)) {
    setDraft({ text: policyToYaml(policy), policy, errors: [], notes: [] });
  }
  const onChange = (text: string) => {
    const result = parsePolicyYaml(text);
    if (!result.ok) {
      setDraft({ ...draft, text, errors: result.errors, notes: [] });
      return;
    }
    const next = result.policy;
    const moved = next.name !== policy.name || nsOf(next) !== nsOf(policy);
    if (
      moved &&
      takenNames(appStore.getState().document.cluster.networkPolicies, nsOf(next), '').has(
        next.name,
      )
    ) {
      setDraft({
        ...draft,
        text,
        errors: [{ message: `${nsOf(next)} already has a NetworkPolicy named ${next.name}.` }],
        notes: [],
      });
      return;
    }
    setDraft({ text, policy: next, errors: [], notes: result.notes });
    if (same(next, policy)) return;
    let doc = appStore.getState().document;
    // Rename and move first (the layout and the flow follow the key), then the content.
    let key = policyKey;
    if (next.name !== policy.name) {
      const renamed = renameElement(doc, key, next.name);
      doc = renamed.document;
      key = renamed.keys[0] ?? key;
    }
    if (nsOf(next) !== nsOf(policy)) {
      const moved = changeNamespace(doc, key, nsOf(next));
      doc = moved.document;
      key = moved.keys[0] ?? key;
    }
    doc = updateNetworkPolicy(doc, key, () => next);
    appStore.getState().setDocument(doc, { mergeKey: `${formId}:yaml` });
    const rekeyed = key === policyKey ? null : asElementKey(key);
    if (rekeyed) onRekey(rekeyed);
  };

  return (
    <YamlTextArea
      label="NetworkPolicy YAML"
      text={draft.text}
      errors={draft.errors}
      notes={draft.notes}
      kept="The last valid policy stays in effect."
      onChange={onChange}
    />
  );
}
