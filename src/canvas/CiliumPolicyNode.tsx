import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import { counted, LabelChips, NamespaceRow } from './cardRows.tsx';
import { labelTexts } from './layoutCluster.ts';
import type { CiliumPolicyFlowNode } from './flowTypes.ts';

/**
 * A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: the endpoints it selects, how many
 * rules each way (HTTP rules named, since they send traffic through Cilium's proxy), and a
 * warning when the cluster's CNI does not enforce it.
 */
function CiliumPolicy({ data }: NodeProps<CiliumPolicyFlowNode>) {
  const { policy: view, highlight } = data;
  const { policy } = view;
  const clusterwide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  return (
    <KindCard
      kind="CiliumPolicy"
      name={policy.name}
      highlight={highlight}
      label={clusterwide ? 'CCNP' : 'CNP'}
      labelTitle={policy.kind}
    >
      {() => {
        const http = [...(policy.ingress ?? []), ...(policy.egress ?? [])].some((r) =>
          (r.toPorts ?? []).some((p) => (p.rules?.http ?? []).length > 0),
        );
        const ins = (policy.ingress?.length ?? 0) + (policy.ingressDeny?.length ?? 0);
        const outs = (policy.egress?.length ?? 0) + (policy.egressDeny?.length ?? 0);
        return (
          <>
            <LabelChips
              texts={labelTexts(policy.endpointSelector.matchLabels ?? {})}
              tone="muted"
              empty={
                <span className="h-[18px] text-[12px] text-slate-700">
                  {clusterwide ? 'every endpoint' : 'every pod in the namespace'}
                </span>
              }
            />
            <div className="h-[20px] truncate text-[12px] text-slate-700">
              in: {counted(ins, 'rule')} · out: {counted(outs, 'rule')}
              {http && <span className="font-semibold text-orange-900"> · HTTP rules</span>}
            </div>
            <NamespaceRow
              namespace={clusterwide ? undefined : policy.namespace}
              className="text-[12px]"
            >
              {view.enforced ? (
                <span className="text-orange-900">enforced by Cilium</span>
              ) : (
                <span className="text-rose-700">not enforced: the cluster does not run Cilium</span>
              )}
            </NamespaceRow>
          </>
        );
      }}
    </KindCard>
  );
}

export const CiliumPolicyNode = memo(CiliumPolicy, sameCard);
