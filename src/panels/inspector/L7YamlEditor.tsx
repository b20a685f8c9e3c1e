/**
 * A Gateway API or Cilium object as Kubernetes YAML, editable: a valid edit goes into the
 * document as one undo step per burst of typing (a new name moves the key, which the selection
 * follows), an error points at its line while the last valid object stays in effect.
 */
import { l7ObjectToYaml, parseL7ObjectYaml, type L7Object } from '../../scenario/l7ObjectYaml.ts';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import { appStore } from '../../store/appStore.ts';
import { l7ObjectKey, replaceL7Object } from '../../store/gatewayEdits.ts';
import { useYamlDraft } from '../policy/useYamlDraft.ts';
import { YamlTextArea } from '../policy/YamlTextArea.tsx';

export function L7YamlEditor({
  elementKey,
  formId,
  object,
  onRekey,
}: {
  readonly elementKey: string;
  readonly formId: string;
  readonly object: L7Object;
  readonly onRekey: (key: ElementKey) => void;
}) {
  const { draft, onChange } = useYamlDraft({
    value: object,
    field: 'object',
    toYaml: l7ObjectToYaml,
    read: (text) => parseL7ObjectYaml(text, object.kind),
    apply: (next) => {
      let edit;
      try {
        edit = replaceL7Object(appStore.getState().document, elementKey, next);
      } catch (error) {
        return error instanceof Error ? error.message : String(error);
      }
      appStore.getState().setDocument(edit.document, { mergeKey: `${formId}:yaml` });
      const key = l7ObjectKey(next);
      if (key !== elementKey) onRekey(key);
      return null;
    },
  });

  return (
    <div className="h-[420px] border-t border-slate-200">
      <YamlTextArea
        label={`${object.kind} YAML`}
        text={draft.text}
        errors={draft.errors}
        notes={draft.notes}
        kept={`The last valid ${object.kind} stays in effect.`}
        onChange={onChange}
      />
    </div>
  );
}
