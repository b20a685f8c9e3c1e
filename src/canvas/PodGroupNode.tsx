import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon, NamespaceTag } from '../ui/kinds.tsx';
import { CardShell, CardTitle, FarCard, sameCard, SideAnchor } from './Card.tsx';
import type { PodGroupFlowNode } from './flowTypes.ts';
import { groupTitle } from './groupCards.ts';
import { EMPHASIS_OUTLINE, highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';

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
  const outline = emphasis ? EMPHASIS_OUTLINE[emphasis] : '';
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
        className={`pp-pod-group ${tone} ${outline} ${highlightRing(highlight)}`}
        badge={
          <span className="flex items-center gap-2">
            {shield}
            <span className="text-[36px] leading-10 font-bold text-slate-700">×{group.count}</span>
          </span>
        }
      >
        <SideAnchor />
      </FarCard>
    );
  }
  return (
    <CardShell
      kind="Deployment"
      highlight={highlight}
      bar="border-l-emerald-500"
      className={`pp-pod-group ${tone} ${outline}`}
      title={groupTitle(group)}
    >
      <SideAnchor />
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
    </CardShell>
  );
}

export const PodGroupNode = memo(PodGroupCard, sameCard);
