/**
 * What every inspector form shares: the way it edits the document (each field's changes
 * squash into one undo step while the person types), the engine's notes about the element,
 * and the header with the element's kind, name and commands.
 */
import { useCallback, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { duplicateSelection, deleteSelection } from '../../store/editorActions.ts';
import { selectCluster, selectDiagnostics, selectModel } from '../../store/selectors.ts';
import type { ScenarioDocument } from '../../store/viewTypes.ts';
import { KIND_LABEL, KIND_TONE, KindIcon, NamespaceTag, type Kind } from '../../ui/kinds.tsx';
import { SmallButton } from './formLayout.tsx';

export interface FormProps {
  /** The element's key (`Pod/default/web-1`). */
  readonly elementKey: ElementKey;
  /** Stable while the element is inspected, even across renames: merges a field's edits. */
  readonly formId: string;
  /** Called after a rename or namespace change gives the element a new key. */
  readonly onRekey: (key: ElementKey) => void;
}

/** Edits the document; edits to one field in quick succession are one undo step. */
export function useEdit(formId: string) {
  return useCallback(
    (field: string, recipe: (doc: ScenarioDocument) => ScenarioDocument) =>
      appStore.getState().editDocument(recipe, { mergeKey: `${formId}:${field}` }),
    [formId],
  );
}

export interface Issue {
  readonly tone: 'error' | 'warning';
  readonly text: string;
}

/** The engine's diagnostics about one element, by field path. */
export function useIssues(refKeyOfElement: string) {
  const diagnostics = useAppStore(
    useShallow((s) =>
      (selectDiagnostics(s) ?? []).filter((d) => {
        if (!d.ref) return false;
        const key = d.ref.namespace
          ? `${d.ref.kind}/${d.ref.namespace}/${d.ref.name}`
          : `${d.ref.kind}/${d.ref.name}`;
        return key === refKeyOfElement;
      }),
    ),
  );
  const issueFor = (field: string): Issue | null => {
    const d = diagnostics.find((x) => x.field === field || x.field?.startsWith(`${field}.`));
    if (!d || d.severity === 'note') return null;
    return { tone: d.severity === 'error' ? 'error' : 'warning', text: d.message };
  };
  return { diagnostics, issueFor };
}

export function FormHeader({
  kind,
  name,
  subtitle,
  namespace,
  elementKey,
  readOnly = false,
  children,
}: {
  readonly kind: Kind;
  readonly name: string;
  readonly subtitle?: ReactNode;
  /** The element's namespace, tagged after the subtitle unless it is `default`. */
  readonly namespace?: string;
  readonly elementKey: string;
  readonly readOnly?: boolean;
  readonly children?: ReactNode;
}) {
  return (
    <header className="flex items-start gap-3 px-5 pt-4 pb-3">
      <span
        className={`grid h-9 w-9 shrink-0 place-items-center rounded-lg border ${KIND_TONE[kind].chip}`}
      >
        <KindIcon kind={kind} className={`h-5 w-5 ${KIND_TONE[kind].icon}`} />
      </span>
      <div className="min-w-0 flex-1">
        <p className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          {KIND_LABEL[kind]}
        </p>
        <h2 className="truncate text-[16px] font-semibold text-slate-900" title={name}>
          {name}
        </h2>
        {subtitle && (
          <p className="text-[12px] text-slate-600">
            {namespace === undefined ? (
              subtitle
            ) : (
              <span className="inline-flex items-center gap-2">
                {subtitle}
                {namespace !== 'default' && <NamespaceTag name={namespace} />}
              </span>
            )}
          </p>
        )}
      </div>
      {!readOnly && (
        <div className="flex shrink-0 items-center gap-1">
          {children}
          <SmallButton
            label={`Duplicate ${name}`}
            onClick={() => duplicateSelection(appStore, [elementKey])}
          >
            Duplicate
          </SmallButton>
          <SmallButton
            tone="danger"
            label={`Delete ${name}`}
            onClick={() => deleteSelection(appStore, [elementKey])}
          >
            Delete
          </SmallButton>
        </div>
      )}
    </header>
  );
}

/** Engine notes that are not about one field, shown at the top of the form. */
export function Notes({
  diagnostics,
  fields,
}: {
  readonly diagnostics: readonly { severity: string; message: string; field?: string }[];
  /** Fields the form shows issues under (those notes are not repeated here). */
  readonly fields: readonly string[];
}) {
  const rest = diagnostics.filter(
    (d) => !d.field || !fields.some((f) => d.field === f || d.field?.startsWith(`${f}.`)),
  );
  if (rest.length === 0) return null;
  return (
    <ul aria-label="Notes from the cluster" className="mx-5 mb-3 flex flex-col gap-1">
      {rest.map((d, i) => (
        <li
          key={i}
          className={`rounded-md border px-2.5 py-1.5 text-[12px] leading-snug ${
            d.severity === 'error'
              ? 'border-red-200 bg-red-50 text-red-800'
              : d.severity === 'warning'
                ? 'border-amber-200 bg-amber-50 text-amber-900'
                : 'border-slate-200 bg-slate-50 text-slate-700'
          }`}
        >
          {d.message}
        </li>
      ))}
    </ul>
  );
}

/** Shown for objects the cluster adds itself. */
export function SystemNote({ children }: { readonly children: ReactNode }) {
  return (
    <p className="mx-5 mb-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-[12.5px] leading-snug text-slate-700">
      {children}
    </p>
  );
}

export const nsOf = (o: { readonly namespace?: string }) => o.namespace ?? 'default';

/** What a form of one element reads, and how it edits: the shared start of the big forms. */
export function useFormData({ elementKey, formId }: FormProps) {
  const cluster = useAppStore(selectCluster);
  const model = useAppStore(selectModel);
  const edit = useEdit(formId);
  return { elementKey, cluster, model, edit, ...useIssues(elementKey) };
}
