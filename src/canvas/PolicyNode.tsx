import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { policyTypesOf } from '../scenario/describePolicy.ts';
import { NamespaceTag } from '../ui/kinds.tsx';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import { Chip } from './Chip.tsx';
import type { PolicyFlowNode } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

const count = (n: number | undefined) =>
  n === undefined ? 'not restricted' : n === 0 ? 'deny all' : `${n} rule${n === 1 ? '' : 's'}`;

/** A NetworkPolicy: which pods it selects and what it allows. */
function Policy({ data }: NodeProps<PolicyFlowNode>) {
  const { policy: view, highlight } = data;
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind="NetworkPolicy"
        name={view.policy.name}
        className={`border-rose-300 bg-rose-50 ${highlightRing(highlight)}`}
      />
    );
  }
  const { policy } = view;
  const types = policyTypesOf(policy);
  const selector = labelTexts(policy.podSelector.matchLabels ?? {});
  const expressions = policy.podSelector.matchExpressions?.length ?? 0;
  return (
    <CardShell kind="NetworkPolicy" highlight={highlight} className="border-rose-300 bg-rose-50">
      <CardTitle
        kind="NetworkPolicy"
        name={policy.name}
        badge={
          <span className="rounded bg-rose-800 px-1.5 py-px text-[10px] font-semibold text-white">
            Policy
          </span>
        }
      />
      <div className="mt-[6px] flex flex-wrap gap-1">
        {selector.length === 0 && expressions === 0 ? (
          <span className="h-[18px] text-[12px] text-slate-700">every pod in the namespace</span>
        ) : (
          selector.map((t) => <Chip key={t} text={t} tone="muted" />)
        )}
        {expressions > 0 && (
          <Chip text={`+${expressions} expression${expressions === 1 ? '' : 's'}`} tone="muted" />
        )}
      </div>
      <div className="h-[20px] truncate text-[12px] text-slate-700">
        {types.includes('Ingress') && <>in: {count(policy.ingress?.length ?? 0)}</>}
        {types.includes('Ingress') && types.includes('Egress') && ' · '}
        {types.includes('Egress') && <>out: {count(policy.egress?.length ?? 0)}</>}
      </div>
      <div className="flex h-[20px] items-center gap-2 text-[12px] text-rose-900">
        <span>
          selects {view.selectedPods} pod{view.selectedPods === 1 ? '' : 's'}
        </span>
        {view.namespace !== 'default' && <NamespaceTag name={view.namespace} className="ml-auto" />}
      </div>
    </CardShell>
  );
}

export const PolicyNode = memo(Policy, sameCard);
