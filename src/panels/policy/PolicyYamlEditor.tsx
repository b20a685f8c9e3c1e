/**
 * The policy as Kubernetes YAML, editable. The text follows the form; a valid edit here goes
 * into the document like a form edit, and an error points at its line while the last valid
 * policy stays in effect.
 */
import { useId, useRef, useState } from 'react';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { parsePolicyYaml, policyToYaml, type PolicyYamlIssue } from '../../scenario/policyYaml.ts';
import { appStore } from '../../store/appStore.ts';
import { takenNames } from '../../store/documentChecks.ts';
import { changeNamespace, renameElement, updateNetworkPolicy } from '../../store/documentEdits.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const nsOf = (p: NetworkPolicySpec) => p.namespace ?? 'default';

interface Draft {
  readonly text: string;
  /** The policy the text stands for: the one it was written from, or last read into. */
  readonly policy: NetworkPolicySpec;
  readonly errors: readonly PolicyYamlIssue[];
  readonly notes: readonly PolicyYamlIssue[];
}

export function PolicyYamlEditor({
  policyKey,
  formId,
  policy,
  onRekey,
}: {
  readonly policyKey: string;
  /** Stable while the same policy is edited, across renames: one undo step per field. */
  readonly formId: string;
  readonly policy: NetworkPolicySpec;
  readonly onRekey: (key: string) => void;
}) {
  const id = useId();
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
  const gutter = useRef<HTMLDivElement>(null);

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
    if (key !== policyKey) onRekey(key);
  };

  const lines = draft.text.split('\n');
  const errorLines = new Set(draft.errors.flatMap((e) => (e.line ? [e.line] : [])));
  return (
    <div className="flex h-full min-h-0 flex-col">
      <label
        htmlFor={id}
        className="px-4 pt-3 pb-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        YAML
      </label>
      <div
        className={`mx-4 flex min-h-0 flex-1 overflow-hidden rounded-md border bg-white font-mono text-[12px] leading-[18px] ${
          draft.errors.length > 0 ? 'border-red-400' : 'border-slate-300'
        } focus-within:ring-2 focus-within:ring-sky-200`}
      >
        <div
          ref={gutter}
          aria-hidden="true"
          className="shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 py-2 text-right text-slate-400 select-none"
        >
          {lines.map((_, i) => (
            <div
              key={i}
              className={`px-2 ${errorLines.has(i + 1) ? 'bg-red-100 font-semibold text-red-700' : ''}`}
            >
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          aria-label="NetworkPolicy YAML"
          aria-invalid={draft.errors.length > 0 ? true : undefined}
          aria-describedby={draft.errors.length > 0 ? `${id}-errors` : undefined}
          className="min-h-0 flex-1 resize-none bg-transparent px-2 py-2 whitespace-pre text-slate-900 outline-none"
          spellCheck={false}
          autoComplete="off"
          wrap="off"
          value={draft.text}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div className="px-4 pt-1.5 pb-3">
        {draft.errors.length > 0 ? (
          <div id={`${id}-errors`} role="alert" className="text-[12px] leading-snug">
            <ul className="flex flex-col gap-0.5 text-red-700">
              {draft.errors.slice(0, 4).map((e, i) => (
                <li key={i}>
                  {e.line ? <span className="font-semibold">Line {e.line}: </span> : null}
                  {e.message}
                </li>
              ))}
            </ul>
            <p className="text-slate-500">The last valid policy stays in effect.</p>
          </div>
        ) : draft.notes.length > 0 ? (
          <ul className="text-[12px] leading-snug text-amber-800">
            {draft.notes.map((n, i) => (
              <li key={i}>
                {n.line ? `Line ${n.line}: ` : ''}
                {n.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-[12px] text-slate-500">
            Edit either side: the form and the YAML stay in sync.
          </p>
        )}
      </div>
    </div>
  );
}
