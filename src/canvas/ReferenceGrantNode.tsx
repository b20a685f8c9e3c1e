import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import { NamespaceRow } from './cardRows.tsx';
import type { ReferenceGrantFlowNode } from './flowTypes.ts';

/** A ReferenceGrant: which objects of which namespaces may refer to what in its namespace. */
function ReferenceGrant({ data }: NodeProps<ReferenceGrantFlowNode>) {
  const { grant: view, highlight } = data;
  const { grant } = view;
  return (
    <KindCard kind="ReferenceGrant" name={grant.name} highlight={highlight} label="Grant">
      {() => (
        <>
          <div className="h-[20px] truncate text-[12px] text-slate-700">
            from {grant.from.map((f) => `${f.kind} in ${f.namespace}`).join(', ') || 'nothing'}
          </div>
          <NamespaceRow namespace={view.namespace} className="text-[12px] text-teal-900">
            <span className="truncate">
              to {grant.to.map((t) => `${t.kind}${t.name ? ` ${t.name}` : 's'}`).join(', ')}
            </span>
          </NamespaceRow>
        </>
      )}
    </KindCard>
  );
}

export const ReferenceGrantNode = memo(ReferenceGrant, sameCard);
