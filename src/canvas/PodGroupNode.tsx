import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon, NamespaceTag } from '../ui/kinds.tsx';
import { CardTitle, FarCard, sameCard } from './Card.tsx';
import type { PodGroupFlowNode } from './flowTypes.ts';
import { groupTitle } from './groupCards.ts';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

const EMPHASIS = {
  deployment: 'outline-2 outline-offset-[3px] outline-dashed outline-emerald-500',
  policy: 'outline-2 outline-offset-[3px] outline-dashed outline-rose-500',
} as const;

/**
 * A workload's pods on one node, collapsed into one card: how many, how many are ready, and
 * whether a NetworkPolicy selects them. Clicking (or Enter) opens it into its pods.
 */
function PodGroupCard({ data }: NodeProps<PodGroupFlowNode>) {
  const { group, highlight, emphasis } = data;
  const far = useFarView();
  const allReady = group.ready === group.count;
  const tone = allReady
    ? 'border-emerald-300 bg-white'
    : 'pp-not-ready border-amber-400 bg-slate-50';
  const ring = `${emphasis ? EMPHASIS[emphasis] : ''} ${highlightRing(highlight)}`;
  const handle = (
    <Handle id="left" type="target" position={Position.Left} isConnectable={false} style={hidden} />
  );
  const shield =
    group.policies.length > 0 ? (
      <span title={`Selected by NetworkPolicy ${group.policies.join(', ')}`}>
        <KindIcon kind="NetworkPolicy" className="h-9 w-9 text-rose-600" />
        <span className="sr-only">Selected by NetworkPolicy {group.policies.join(', ')}</span>
      </span>
    ) : null;
  if (far) {
    return (
      <FarCard
        kind="Deployment"
        name={group.name}
        dashed={!allReady}
        className={`pp-pod-group ${tone} ${ring}`}
        badge={
          <span className="flex items-center gap-2">
            {shield}
            <span className="text-[36px] leading-10 font-bold text-slate-700">×{group.count}</span>
          </span>
        }
      >
        {handle}
      </FarCard>
    );
  }
  return (
    <div
      className={`pp-card pp-pod-group h-full w-full overflow-hidden rounded-xl border border-l-[5px] border-l-emerald-500 px-3 py-3 shadow-sm ${tone} ${ring}`}
      title={groupTitle(group)}
    >
      {handle}
      <CardTitle
        kind="Deployment"
        name={group.name}
        badge={
          <span className="rounded-full bg-slate-700 px-2 py-px text-[11px] font-semibold text-white">
            ×{group.count}
          </span>
        }
      />
      <div className="mt-1 flex items-center gap-2 text-[12px] text-slate-700">
        <span>
          {group.count} pods · {group.ready} ready
        </span>
        {group.namespace !== 'default' && (
          <NamespaceTag name={group.namespace} className="ml-auto" />
        )}
      </div>
      <p className="mt-2 text-[12px] text-slate-600">
        {group.ownerKind === 'Deployment'
          ? `Deployment ${group.name}.`
          : `Pods with the app label ${group.name}.`}
        Click to show the pods.
      </p>
      {group.policies.length > 0 && (
        <div className="mt-1 text-[11px] text-rose-800">
          Selected by NetworkPolicy {group.policies.join(', ')}
        </div>
      )}
    </div>
  );
}

export const PodGroupNode = memo(PodGroupCard, sameCard);
