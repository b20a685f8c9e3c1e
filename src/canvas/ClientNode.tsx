import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { ClientFlowNode } from './flowTypes.ts';

/** Something outside the cluster with an address: an Internet user or an office laptop. */
function Client({ data }: NodeProps<ClientFlowNode>) {
  const { client, highlight } = data;
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind={client.variant === 'office' ? 'Laptop' : 'Internet'}
        name={client.name}
        className={`border-amber-300 bg-amber-50 ${highlightRing(highlight)}`}
      />
    );
  }
  const kind = client.variant === 'office' ? 'Laptop' : 'Internet';
  return (
    <CardShell kind={kind} highlight={highlight} className="border-amber-300 bg-amber-50">
      <CardTitle kind={kind} name={client.name} badge={<span />} />
      <div className="font-mono text-[12px] text-slate-700" title="Client IP">
        {client.ip}
      </div>
      <div className="text-[11px] text-amber-800">
        {client.variant === 'office' ? 'office network, outside the cluster' : 'on the Internet'}
      </div>
    </CardShell>
  );
}

export const ClientNode = memo(Client, sameCard);
