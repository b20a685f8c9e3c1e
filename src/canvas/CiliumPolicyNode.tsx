import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NamespaceTag } from '../ui/kinds.tsx';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { Chip } from './Chip.tsx';
import { highlightRing } from './kindStyles.ts';
import { labelTexts } from './layoutCluster.ts';
import { useFarView } from './useFarView.ts';
import type { CiliumPolicyFlowNode } from './flowTypes.ts';

const rules = (n: number) => `${n} rule${n === 1 ? '' : 's'}`;

/**
 * A CiliumNetworkPolicy or CiliumClusterwideNetworkPolicy: the endpoints it selects, how many
 * rules each way (HTTP rules named, since they send traffic through Cilium's proxy), and a
 * warning when the cluster's CNI does not enforce it.
 */
function CiliumPolicy({ data }: NodeProps<CiliumPolicyFlowNode>) {
  const { policy: view, highlight } = data;
  const far = useFarView();
  const tone = 'border-orange-300 bg-orange-50';
  if (far) {
    return (
      <FarCard
        kind="CiliumPolicy"
        name={view.policy.name}
        className={`${tone} ${highlightRing(highlight)}`}
      />
    );
  }
  const { policy } = view;
  const clusterwide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  const selector = labelTexts(policy.endpointSelector.matchLabels ?? {});
  const http = [...(policy.ingress ?? []), ...(policy.egress ?? [])].some((r) =>
    (r.toPorts ?? []).some((p) => (p.rules?.http ?? []).length > 0),
  );
  const ins = (policy.ingress?.length ?? 0) + (policy.ingressDeny?.length ?? 0);
  const outs = (policy.egress?.length ?? 0) + (policy.egressDeny?.length ?? 0);
  return (
    <CardShell kind="CiliumPolicy" highlight={highlight} className={tone}>
      <CardTitle
        kind="CiliumPolicy"
        name={policy.name}
        badge={
          <span
            className="rounded bg-orange-800 px-1.5 py-px text-[10px] font-semibold text-white"
            title={policy.kind}
          >
            {clusterwide ? 'CCNP' : 'CNP'}
          </span>
        }
      />
      <div className="mt-[6px] flex flex-wrap gap-1">
        {selector.length === 0 ? (
          <span className="h-[18px] text-[12px] text-slate-700">
            {clusterwide ? 'every endpoint' : 'every pod in the namespace'}
          </span>
        ) : (
          selector.map((t) => <Chip key={t} text={t} tone="muted" />)
        )}
      </div>
      <div className="h-[20px] truncate text-[12px] text-slate-700">
        in: {rules(ins)} · out: {rules(outs)}
        {http && <span className="font-semibold text-orange-900"> · HTTP rules</span>}
      </div>
      <div className="flex h-[20px] items-center gap-2 text-[12px]">
        {view.enforced ? (
          <span className="text-orange-900">enforced by Cilium</span>
        ) : (
          <span className="text-rose-700">not enforced: the cluster does not run Cilium</span>
        )}
        {!clusterwide && policy.namespace && policy.namespace !== 'default' && (
          <NamespaceTag name={policy.namespace} className="ml-auto" />
        )}
      </div>
    </CardShell>
  );
}

export const CiliumPolicyNode = memo(CiliumPolicy, sameCard);
