import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { ClientFlowNode } from './flowTypes.ts';

const KIND_OF_VARIANT = {
  office: 'Laptop',
  internet: 'Internet',
  service: 'OutsideService',
} as const;

/**
 * Something outside the cluster with an address: an Internet user, an office laptop, or an
 * outside service pods call (its ports and DNS name under the address).
 */
function Client({ data }: NodeProps<ClientFlowNode>) {
  const { client, highlight } = data;
  const far = useFarView();
  const kind = KIND_OF_VARIANT[client.variant];
  if (far) {
    return (
      <FarCard
        kind={kind}
        name={client.name}
        className={`border-amber-300 bg-amber-50 ${highlightRing(highlight)}`}
      />
    );
  }
  if (client.variant === 'service') {
    return (
      <CardShell kind={kind} highlight={highlight} className="border-amber-300 bg-amber-50">
        <CardTitle kind={kind} name={client.name} badge={<span />} />
        <div className="font-mono text-[12px] text-slate-700" title="Address">
          {client.ip}
        </div>
        {client.hostname ? (
          <div className="font-mono text-[11px] text-slate-600" title="DNS name">
            {client.hostname}
          </div>
        ) : null}
        {client.ports && client.ports.length > 0 ? (
          <div className="font-mono text-[11px] text-slate-600" title="Ports">
            {client.ports.join(', ')}
          </div>
        ) : null}
        <div className="text-[11px] text-amber-800">outside the cluster (simulated)</div>
      </CardShell>
    );
  }
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
