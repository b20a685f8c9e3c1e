import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NamespaceTag } from '../ui/kinds.tsx';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { ReferenceGrantFlowNode } from './flowTypes.ts';

/** A ReferenceGrant: which objects of which namespaces may refer to what in its namespace. */
function ReferenceGrant({ data }: NodeProps<ReferenceGrantFlowNode>) {
  const { grant: view, highlight } = data;
  const far = useFarView();
  const tone = 'border-teal-300 bg-teal-50';
  if (far) {
    return (
      <FarCard
        kind="ReferenceGrant"
        name={view.grant.name}
        className={`${tone} ${highlightRing(highlight)}`}
      />
    );
  }
  const { grant } = view;
  return (
    <CardShell kind="ReferenceGrant" highlight={highlight} className={tone}>
      <CardTitle
        kind="ReferenceGrant"
        name={grant.name}
        badge={
          <span className="rounded bg-teal-800 px-1.5 py-px text-[10px] font-semibold text-white">
            Grant
          </span>
        }
      />
      <div className="h-[20px] truncate text-[12px] text-slate-700">
        from {grant.from.map((f) => `${f.kind} in ${f.namespace}`).join(', ') || 'nothing'}
      </div>
      <div className="flex h-[20px] items-center gap-2 text-[12px] text-teal-900">
        <span className="truncate">
          to {grant.to.map((t) => `${t.kind}${t.name ? ` ${t.name}` : 's'}`).join(', ')}
        </span>
        {view.namespace !== 'default' && <NamespaceTag name={view.namespace} className="ml-auto" />}
      </div>
    </CardShell>
  );
}

export const ReferenceGrantNode = memo(ReferenceGrant, sameCard);
