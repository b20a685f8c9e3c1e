/**
 * A Gateway API or Cilium object as Kubernetes YAML, editable: a valid edit goes into the
 * document as one undo step per burst of typing (a new name moves the key, which the selection
 * follows), an error points at its line while the last valid object stays in effect.
 */
import { useState } from 'react';
import { l7ObjectToYaml, parseL7ObjectYaml, type L7Object } from '../../scenario/l7ObjectYaml.ts';
import type { PolicyYamlIssue } from '../../scenario/policyYaml.ts';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import { appStore } from '../../store/appStore.ts';
import { l7ObjectKey, replaceL7Object } from '../../store/gatewayEdits.ts';
import { YamlTextArea } from '../policy/YamlTextArea.tsx';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

interface Draft {
  readonly text: string;
  readonly object: L7Object;
  readonly errors: readonly PolicyYamlIssue[];
  readonly notes: readonly PolicyYamlIssue[];
}

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
  const [draft, setDraft] = useState<Draft>(() => ({
    text: l7ObjectToYaml(object),
    object,
    errors: [],
    notes: [],
  }));
  // Undo or a form changed the object: the text follows.
  if (!same(draft.object, object)) {
    setDraft({ text: l7ObjectToYaml(object), object, errors: [], notes: [] });
  }

  const onChange = (text: string) => {
    const result = parseL7ObjectYaml(text, object.kind);
    if (!result.ok) {
      setDraft({ ...draft, text, errors: result.errors, notes: [] });
      return;
    }
    let edit;
    try {
      edit = replaceL7Object(appStore.getState().document, elementKey, result.object);
    } catch (error) {
      setDraft({
        ...draft,
        text,
        errors: [{ message: error instanceof Error ? error.message : String(error) }],
        notes: [],
      });
      return;
    }
    setDraft({ text, object: result.object, errors: [], notes: result.notes });
    if (same(result.object, object)) return;
    appStore.getState().setDocument(edit.document, { mergeKey: `${formId}:yaml` });
    const key = l7ObjectKey(result.object);
    if (key !== elementKey) onRekey(key);
  };

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
