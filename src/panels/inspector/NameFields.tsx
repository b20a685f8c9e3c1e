/**
 * The name field every inspector form starts with, and beside it the namespace for namespaced
 * kinds. Renaming or moving gives the element a new key, which goes to the form's `onRekey`.
 */
import type { ReactNode } from 'react';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { checkObjectName, namesTakenInScope, type NamedKind } from '../../store/documentChecks.ts';
import { selectCluster } from '../../store/selectors.ts';
import { changeNamespace, renameElement } from '../../scenario/document/edits/renameElements.ts';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import type { ScenarioDocument } from '../../store/viewTypes.ts';
import { nsOf, useEdit, type FormProps, type Issue } from './common.tsx';
import { TextField } from './fields.tsx';
import { asText, withCheck } from './fieldParsers.ts';
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

interface NameFieldProps {
  /** The form the field belongs to: its element, its undo grouping, and where a new key goes. */
  readonly form: FormProps;
  /** The kind whose naming rules the name follows. */
  readonly kind: Exclude<NamedKind, 'Deployment'>;
  readonly value: string;
  /** The element's namespace; names must differ from the others of its kind in it. */
  readonly namespace?: string;
  readonly issue?: Issue | null;
  readonly disabled?: boolean;
  readonly hint?: ReactNode;
}

/** The element's name; a valid new name renames it. */
export function NameField({ form, kind, value, namespace, issue, disabled, hint }: NameFieldProps) {
  const cluster = useAppStore(selectCluster);
  const { rename } = useRenameAndMove(form.elementKey, form.formId, form.onRekey);
  const taken = namesTakenInScope(cluster, kind, nsOf({ namespace }), value);
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
  form,
  kind,
  of,
  issue,
}: Pick<NameFieldProps, 'form' | 'kind' | 'issue'> & {
  /** The element as the document holds it. */
  readonly of: { readonly name: string; readonly namespace?: string };
}) {
  const { move } = useRenameAndMove(form.elementKey, form.formId, form.onRekey);
  const namespace = nsOf(of);
  return (
    <>
      <NameField form={form} kind={kind} value={of.name} namespace={namespace} issue={issue} />
      <NamespaceSelect value={namespace} onChange={move} />
    </>
  );
}
