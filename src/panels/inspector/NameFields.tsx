/**
 * The name field every inspector form starts with, and beside it the namespace for namespaced
 * kinds. Renaming or moving gives the element a new key, which goes to the form's `onRekey`.
 */
import type { ReactNode } from 'react';
import { appStore } from '../../store/appStore.ts';
import { checkObjectName } from '../../store/documentChecks.ts';
import { changeNamespace, renameElement } from '../../scenario/document/edits/renameElements.ts';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import type { ScenarioDocument } from '../../store/viewTypes.ts';
import { useEdit, type FormProps, type Issue } from './common.tsx';
import { asText, TextField, withCheck } from './fields.tsx';
import { NamespaceSelect } from './NamespaceSelect.tsx';

/** Renames the element or moves it to another namespace, each field one undo step. */
export function useRenameAndMove(
  elementKey: string,
  formId: string,
  onRekey: (key: ElementKey) => void,
) {
  const edit = useEdit(formId);
  const apply = (
    field: 'name' | 'namespace',
    result: { readonly document: ScenarioDocument; readonly keys: readonly ElementKey[] },
  ) => {
    edit(field, () => result.document);
    onRekey(result.keys[0]);
  };
  return {
    rename: (name: string) =>
      apply('name', renameElement(appStore.getState().document, elementKey, name)),
    move: (namespace: string) =>
      apply('namespace', changeNamespace(appStore.getState().document, elementKey, namespace)),
  };
}

interface NameFieldProps extends FormProps {
  /** The kind whose naming rules the name follows. */
  readonly kind: Parameters<typeof checkObjectName>[0];
  readonly value: string;
  /** Names the element cannot take (others of its kind in the same scope). */
  readonly taken: ReadonlySet<string>;
  readonly issue?: Issue | null;
  readonly disabled?: boolean;
  readonly hint?: ReactNode;
}

/** The element's name; a valid new name renames it. */
export function NameField({
  elementKey,
  formId,
  onRekey,
  kind,
  value,
  taken,
  issue,
  disabled,
  hint,
}: NameFieldProps) {
  const { rename } = useRenameAndMove(elementKey, formId, onRekey);
  return (
    <TextField
      label="Name"
      value={value}
      mono
      disabled={disabled}
      hint={hint}
      parse={withCheck(asText, (name) => checkObjectName(kind, name, taken))}
      issue={issue}
      onCommit={rename}
    />
  );
}

/** The name and namespace of a namespaced element, two cells of the form's grid. */
export function NameAndNamespaceFields({
  namespace,
  ...name
}: NameFieldProps & { readonly namespace: string }) {
  const { move } = useRenameAndMove(name.elementKey, name.formId, name.onRekey);
  return (
    <>
      <NameField {...name} />
      <NamespaceSelect value={namespace} onChange={move} />
    </>
  );
}
