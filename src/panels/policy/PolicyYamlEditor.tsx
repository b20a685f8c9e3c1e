/**
 * The policy as Kubernetes YAML, editable. The text follows the form; a valid edit here goes
 * into the document like a form edit, and an error points at its line while the last valid
 * policy stays in effect.
 */
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { parsePolicyYaml, policyToYaml } from '../../scenario/policyYaml.ts';
import { appStore } from '../../store/appStore.ts';
import { takenNames } from '../../store/documentChecks.ts';
import { changeNamespace, renameElement } from '../../scenario/document/edits/renameElements.ts';
import { asElementKey } from '../../scenario/document/elementKey.ts';
import { updateNetworkPolicy } from '../../scenario/document/edits/updateElements.ts';
import type { PolicyEditorProps } from './PolicyEditor.tsx';
import { useYamlDraft } from './useYamlDraft.ts';
import { YamlTextArea } from './YamlTextArea.tsx';

const nsOf = (p: NetworkPolicySpec) => p.namespace ?? 'default';

export function PolicyYamlEditor({ policyKey, formId, policy, onRekey }: PolicyEditorProps) {
  const { draft, onChange } = useYamlDraft({
    value: policy,
    field: 'policy',
    toYaml: policyToYaml,
    read: parsePolicyYaml,
    apply: (next) => {
      let doc = appStore.getState().document;
      const moved = next.name !== policy.name || nsOf(next) !== nsOf(policy);
      if (moved && takenNames(doc.cluster.networkPolicies, nsOf(next), '').has(next.name)) {
        return `${nsOf(next)} already has a NetworkPolicy named ${next.name}.`;
      }
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
      return null;
    },
  });

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
