/**
 * The workbench's form: every field of a networking.k8s.io/v1 NetworkPolicy. Each valid change
 * is a document edit (undo and autosave see it; a field's keystrokes are one undo step); an
 * invalid value stays in its field with the reason while the last valid policy stays in effect.
 */
import type { PolicyDirection } from '../../engine/policy.ts';
import type { NetworkPolicySpec } from '../../engine/spec.ts';
import { policyTypesOf } from '../../scenario/describePolicy.ts';
import type { PolicyRule } from '../../scenario/policyWords.ts';
import type { ElementKey } from '../../scenario/document/elementKey.ts';
import { appStore, useAppStore } from '../../store/appStore.ts';
import { checkObjectName, takenNames } from '../../store/documentChecks.ts';
import { changeNamespace, renameElement } from '../../scenario/document/edits/renameElements.ts';
import { updateNetworkPolicy } from '../../scenario/document/edits/updateElements.ts';
import type { EditResult } from '../../scenario/document/edits/editKit.ts';
import type { ScenarioDocument } from '../../store/viewTypes.ts';
import { selectCluster } from '../../store/selectors.ts';
import { CheckboxField, TextField } from '../inspector/fields.tsx';
import { SmallButton } from '../inspector/formLayout.tsx';
import { asText, withCheck } from '../inspector/fieldParsers.ts';
import { NamespaceSelect } from '../inspector/NamespaceSelect.tsx';
import { RuleEditor } from './RuleEditor.tsx';
import { SelectorEditor } from './SelectorEditor.tsx';
import { useSelectorHighlight } from './useSelectorHighlight.ts';

const nsOf = (p: NetworkPolicySpec) => p.namespace ?? 'default';

/** What the policy's form and its YAML editor both take. */
export interface PolicyEditorProps {
  readonly policyKey: string;
  /** Stable while the same policy is edited, across renames: one undo step per field. */
  readonly formId: string;
  readonly policy: NetworkPolicySpec;
  /** A rename or a move to another namespace gives the policy a new key. */
  readonly onRekey: (key: ElementKey) => void;
}

export function PolicyEditor({ policyKey, formId, policy, onRekey }: PolicyEditorProps) {
  const cluster = useAppStore(selectCluster);
  const namespace = nsOf(policy);
  const types = policyTypesOf(policy);
  const highlight = useSelectorHighlight({
    kind: 'policy',
    namespace,
    selector: policy.podSelector,
  });
  const edit = (field: string, recipe: (p: NetworkPolicySpec) => NetworkPolicySpec) =>
    appStore.getState().editDocument((doc) => updateNetworkPolicy(doc, policyKey, recipe), {
      mergeKey: `${formId}:${field}`,
    });
  const rekeyWith = (field: string, change: (doc: ScenarioDocument) => EditResult) => {
    const result = change(appStore.getState().document);
    appStore.getState().setDocument(result.document, {
      mergeKey: `${formId}:${field}`,
    });
    if (result.keys[0]) onRekey(result.keys[0]);
  };

  const rulesOf = (d: PolicyDirection): readonly PolicyRule[] =>
    (d === 'Ingress' ? policy.ingress : policy.egress) ?? [];
  const setRules = (d: PolicyDirection, rules: readonly PolicyRule[], field: string) =>
    edit(field, (p) =>
      d === 'Ingress'
        ? {
            ...p,
            ingress: rules.map(({ from, ports }) => ({
              ...opt('from', from),
              ...opt('ports', ports),
            })),
          }
        : {
            ...p,
            egress: rules.map(({ to, ports }) => ({ ...opt('to', to), ...opt('ports', ports) })),
          },
    );

  const setType = (t: PolicyDirection, on: boolean) =>
    edit('policyTypes', (p) => {
      const next = (['Ingress', 'Egress'] as const).filter((x) =>
        x === t ? on : types.includes(x),
      );
      // Turning a direction on with no rules yet isolates it: deny until a rule allows.
      const rulesKey = t === 'Ingress' ? 'ingress' : 'egress';
      return { ...p, policyTypes: next, ...(on && !p[rulesKey] ? { [rulesKey]: [] } : {}) };
    });

  return (
    <div className="flex flex-col gap-4 px-4 py-3">
      <div className="grid grid-cols-2 gap-3">
        <TextField
          label="Name"
          name="Policy name"
          value={policy.name}
          mono
          parse={withCheck(asText, (n) =>
            checkObjectName(
              'NetworkPolicy',
              n,
              takenNames(cluster.networkPolicies, namespace, policy.name),
            ),
          )}
          onCommit={(name) => rekeyWith('name', (doc) => renameElement(doc, policyKey, name))}
        />
        <NamespaceSelect
          value={namespace}
          onChange={(ns) => {
            if (takenNames(cluster.networkPolicies, ns, '').has(policy.name)) {
              appStore
                .getState()
                .showToast(
                  `${ns} already has a NetworkPolicy named ${policy.name}; rename it first.`,
                );
              return;
            }
            rekeyWith('namespace', (doc) => changeNamespace(doc, policyKey, ns));
          }}
        />
      </div>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">
          Policy types (what it isolates)
        </legend>
        <div className="flex gap-6">
          {(['Ingress', 'Egress'] as const).map((t) => (
            <CheckboxField
              key={t}
              label={t}
              checked={types.includes(t)}
              // A policy always has a type; the API defaults to Ingress.
              disabled={types.length === 1 && types.includes(t)}
              onChange={(on) => setType(t, on)}
            />
          ))}
        </div>
        {!policy.policyTypes && (
          <p className="text-[12px] text-slate-500">
            Not written in the policy: the API server derives it from the rules.
          </p>
        )}
      </fieldset>
      <section
        aria-label="Pods the policy selects"
        {...highlight}
        className="flex flex-col gap-1.5 rounded-lg border border-slate-200 p-3 hover:border-violet-300"
      >
        <h4 className="text-[12px] font-semibold text-slate-800">Selects pods in {namespace}</h4>
        <SelectorEditor
          title="Pod selector"
          noun="Pod selector"
          selector={policy.podSelector}
          emptyText={`Empty: every pod in ${namespace}.`}
          onChange={(podSelector) => edit('podSelector', (p) => ({ ...p, podSelector }))}
        />
      </section>
      {(['Ingress', 'Egress'] as const).map((d) => {
        const rules = rulesOf(d);
        const enabled = types.includes(d);
        return (
          <section key={d} aria-label={`${d} rules`} className="flex flex-col gap-2">
            <div className="flex items-center">
              <h4 className="text-[12px] font-semibold text-slate-800">
                {d} rules{' '}
                <span className="font-normal text-slate-500">
                  ({d === 'Ingress' ? 'who may connect in' : 'where the pods may connect'})
                </span>
              </h4>
              <span className="ml-auto">
                <SmallButton
                  label={`Add ${d.toLowerCase()} rule`}
                  disabled={!enabled}
                  onClick={() =>
                    setRules(
                      d,
                      [
                        ...rules,
                        d === 'Ingress'
                          ? { from: [{ podSelector: {} }] }
                          : { to: [{ podSelector: {} }] },
                      ],
                      `${d}.add`,
                    )
                  }
                >
                  + Rule
                </SmallButton>
              </span>
            </div>
            {!enabled ? (
              <p className="text-[12px] text-slate-500">
                {d} is not in the policy types: this policy does not restrict it
                {rules.length > 0 ? ', and its rules here are ignored' : ''}.
              </p>
            ) : rules.length === 0 ? (
              <p className="rounded-md border border-amber-200 bg-amber-50 px-2.5 py-1.5 text-[12px] text-amber-900">
                No rules: every {d === 'Ingress' ? 'incoming' : 'outgoing'} connection of the
                selected pods is denied.
              </p>
            ) : null}
            {rules.map((rule, i) => (
              <RuleEditor
                key={i}
                direction={d}
                index={i}
                rule={rule}
                namespace={namespace}
                onChange={(next) =>
                  setRules(
                    d,
                    rules.map((r, j) => (j === i ? next : r)),
                    `${d}.${i}`,
                  )
                }
                onRemove={() =>
                  setRules(
                    d,
                    rules.filter((_, j) => j !== i),
                    `${d}.remove`,
                  )
                }
              />
            ))}
          </section>
        );
      })}
    </div>
  );
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
