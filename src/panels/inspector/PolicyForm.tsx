/**
 * The inspector's view of a NetworkPolicy: which pods it selects, then the same editor the
 * policy workbench uses, so both write a policy the same way and show the same policy types.
 */
import { useAppStore } from '../../store/appStore.ts';
import { isPodKeyIn, nameOfKey, policyKey } from '../../scenario/document/elementKey.ts';
import { selectCluster, selectPolicyTargets } from '../../store/selectors.ts';
import { PolicyEditor } from '../policy/PolicyEditor.tsx';
import { FormHeader, type FormProps } from './common.tsx';

export function PolicyForm({ elementKey, formId, onRekey }: FormProps) {
  const cluster = useAppStore(selectCluster);
  const targets = useAppStore(selectPolicyTargets);
  const policy = (cluster.networkPolicies ?? []).find((p) => policyKey(p) === elementKey);
  if (!policy) {
    return (
      <p className="px-5 py-4 text-[13px] text-slate-500">This NetworkPolicy no longer exists.</p>
    );
  }
  const namespace = policy.namespace ?? 'default';
  const selected = [...targets.entries()]
    .filter(([key, names]) => isPodKeyIn(key, namespace) && names.includes(policy.name))
    .map(([key]) => nameOfKey(key));
  return (
    <div>
      <FormHeader
        kind="NetworkPolicy"
        name={policy.name}
        elementKey={elementKey}
        subtitle={`selects ${selected.length} pod${selected.length === 1 ? '' : 's'}${selected.length ? `: ${selected.slice(0, 4).join(', ')}${selected.length > 4 ? '…' : ''}` : ''}`}
      />
      <PolicyEditor policyKey={elementKey} formId={formId} policy={policy} onRekey={onRekey} />
    </div>
  );
}
