import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { policyTypesOf } from '../scenario/describePolicy.ts';
import { KindCard, sameCard } from './Card.tsx';
import { counted, LabelChips, NamespaceRow } from './cardRows.tsx';
import { Chip } from './Chip.tsx';
import type { PolicyFlowNode } from './flowTypes.ts';
import { labelTexts } from './layoutCluster.ts';

const count = (n: number | undefined) =>
  n === undefined ? 'not restricted' : n === 0 ? 'deny all' : counted(n, 'rule');

/** A NetworkPolicy: which pods it selects and what it allows. */
function Policy({ data }: NodeProps<PolicyFlowNode>) {
  const { policy: view, highlight } = data;
  const { policy } = view;
  return (
    <KindCard kind="NetworkPolicy" name={policy.name} highlight={highlight} label="Policy">
      {() => {
        const types = policyTypesOf(policy);
        const expressions = policy.podSelector.matchExpressions?.length ?? 0;
        return (
          <>
            <LabelChips
              texts={labelTexts(policy.podSelector.matchLabels ?? {})}
              tone="muted"
              empty={
                expressions === 0 && (
                  <span className="h-[18px] text-[12px] text-slate-700">
                    every pod in the namespace
                  </span>
                )
              }
            >
              {expressions > 0 && (
                <Chip text={`+${counted(expressions, 'expression')}`} tone="muted" />
              )}
            </LabelChips>
            <div className="h-[20px] truncate text-[12px] text-slate-700">
              {types.includes('Ingress') && <>in: {count(policy.ingress?.length ?? 0)}</>}
              {types.includes('Ingress') && types.includes('Egress') && ' · '}
              {types.includes('Egress') && <>out: {count(policy.egress?.length ?? 0)}</>}
            </div>
            <NamespaceRow namespace={view.namespace} className="text-[12px] text-rose-900">
              <span>selects {counted(view.selectedPods, 'pod')}</span>
            </NamespaceRow>
          </>
        );
      }}
    </KindCard>
  );
}

export const PolicyNode = memo(Policy, sameCard);
