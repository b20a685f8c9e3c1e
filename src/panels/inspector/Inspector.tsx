/**
 * The inspector: the form for the selected element (every field the engine models), the
 * cluster settings when nothing is selected, and a summary when several are.
 */
import { useState, type ComponentType } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { deleteSelection, duplicateSelection, isSystemKey } from '../../store/editorActions.ts';
import {
  asElementKey,
  parseElementKey,
  type ElementKey,
  type ElementKind,
} from '../../scenario/document/elementKey.ts';
import type { FormProps } from './common.tsx';
import { selectSelectedKeys } from '../../store/selectors.ts';
import { SmallButton } from './formLayout.tsx';
import { IngressForm } from './IngressForm.tsx';
import { L7ObjectForm } from './L7ObjectForm.tsx';
import { PodForm } from './PodForm.tsx';
import { PolicyForm } from './PolicyForm.tsx';
import { ServiceForm } from './ServiceForm.tsx';
import { SettingsForm } from './SettingsForm.tsx';
import {
  ClientForm,
  LoadBalancerForm,
  NamespaceForm,
  NodeForm,
  SystemForm,
} from './SimpleForms.tsx';

/** The form that edits each kind of element. */
const FORM_OF_KIND: Readonly<Record<ElementKind, ComponentType<FormProps>>> = {
  Pod: PodForm,
  Service: ServiceForm,
  Node: NodeForm,
  Ingress: IngressForm,
  NetworkPolicy: PolicyForm,
  Namespace: NamespaceForm,
  ExternalClient: ClientForm,
  LoadBalancer: LoadBalancerForm,
  // Gateway API and Cilium objects: their facts, and their YAML to edit.
  GatewayClass: L7ObjectForm,
  Gateway: L7ObjectForm,
  HTTPRoute: L7ObjectForm,
  ReferenceGrant: L7ObjectForm,
  CiliumNetworkPolicy: L7ObjectForm,
  CiliumClusterwideNetworkPolicy: L7ObjectForm,
};

export function Inspector() {
  const keys = useAppStore(useShallow(selectSelectedKeys));
  const key = keys.at(-1) ?? null;
  // A form stays the same form (its fields' undo steps keep merging) when a rename gives the
  // element a new key; selecting another element starts a new one.
  const [identity, setIdentity] = useState({ key, id: 0, renamedTo: null as string | null });
  if (identity.key !== key) {
    setIdentity({
      key,
      id: identity.renamedTo === key ? identity.id : identity.id + 1,
      renamedTo: null,
    });
  }
  const formId = `form-${identity.id}`;
  const onRekey = (next: string) => {
    setIdentity((current) => ({ ...current, renamedTo: next }));
    appStore.getState().setSelection([next]);
  };

  return (
    <section aria-label="Inspector" className="pb-8">
      {keys.length > 1 ? (
        <MultiSelection keys={keys} />
      ) : key === null ? (
        <SettingsForm />
      ) : (
        <ElementForm key={formId} elementKey={key} formId={formId} onRekey={onRekey} />
      )}
    </section>
  );
}

function ElementForm({
  elementKey: text,
  formId,
  onRekey,
}: {
  readonly elementKey: string;
  readonly formId: string;
  readonly onRekey: (key: ElementKey) => void;
}) {
  const elementKey = asElementKey(text);
  const ref = elementKey && parseElementKey(elementKey);
  if (!elementKey || !ref) return null;
  const props = { elementKey, formId, onRekey };
  if (isSystemKey(elementKey) && ref.kind !== 'Namespace' && ref.kind !== 'LoadBalancer') {
    return <SystemForm elementKey={elementKey} />;
  }
  const Form = FORM_OF_KIND[ref.kind];
  return <Form {...props} />;
}

function MultiSelection({ keys }: { readonly keys: readonly string[] }) {
  const counts = new Map<string, number>();
  for (const key of keys) {
    const kind = parseElementKey(key)?.kind ?? 'Element';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return (
    <div className="px-5 py-4">
      <h2 className="text-[16px] font-semibold text-slate-900">{keys.length} elements selected</h2>
      <p className="mt-1 text-[13px] text-slate-600">
        {[...counts].map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`).join(', ')}. Drag them
        together, or:
      </p>
      <div className="mt-3 flex gap-2">
        <SmallButton onClick={() => duplicateSelection(appStore)}>Duplicate all</SmallButton>
        <SmallButton tone="danger" onClick={() => deleteSelection(appStore)}>
          Delete all
        </SmallButton>
      </div>
      <ul className="mt-3 flex flex-col gap-0.5 font-mono text-[12px] text-slate-700">
        {keys.map((k) => (
          <li key={k}>{k}</li>
        ))}
      </ul>
    </div>
  );
}
