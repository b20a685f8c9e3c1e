/**
 * A Cilium policy in the workbench: whether this cluster enforces it, what its HTTP rules do,
 * and the policy as YAML to edit (the inspector's editor: validated, errors on their line).
 */
import { useShallow } from 'zustand/react/shallow';
import { findL7Object } from '../../store/gatewayEdits.ts';
import { useAppStore } from '../../store/appStore.ts';
import { selectCluster, selectModel } from '../../store/selectors.ts';
import { L7YamlEditor } from '../inspector/L7YamlEditor.tsx';

export function CiliumPolicyPane({
  policyKey,
  onRekey,
}: {
  readonly policyKey: string;
  readonly onRekey: (key: string) => void;
}) {
  // A new wrapper each time around the same spec: compared field by field.
  const object = useAppStore(useShallow((s) => findL7Object(selectCluster(s), policyKey)));
  const enforced = useAppStore((s) => selectModel(s)?.settings.ciliumPoliciesEnforced ?? false);
  if (!object) return null;
  return (
    <div className="flex flex-col">
      <p
        aria-label="What the policy does"
        className={`mx-4 mt-3 rounded-md border px-3 py-2 text-[13px] leading-snug ${
          enforced
            ? 'border-orange-200 bg-orange-50 text-orange-950'
            : 'border-rose-200 bg-rose-50 text-rose-900'
        }`}
      >
        {object.kind}{' '}
        {enforced
          ? 'enforced by Cilium in eBPF, together with the NetworkPolicies: deny rules first, then the union of every allow. A toPorts entry with HTTP rules sends the connection through Cilium’s Envoy, which answers 403 to a request no rule allows (L7 in the matrix).'
          : 'not enforced: only Cilium reads Cilium’s policies. Switch the cluster’s CNI to Cilium in the settings to see it act.'}
      </p>
      <L7YamlEditor
        elementKey={policyKey}
        formId={`policy-workbench:${policyKey}`}
        object={object}
        onRekey={onRekey}
      />
    </div>
  );
}
