import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import type { ClientFlowNode, ClientView } from './flowTypes.ts';

const KIND_OF_VARIANT = {
  office: 'Laptop',
  internet: 'Internet',
  service: 'OutsideService',
} as const;

/** Under the address: an outside service's DNS name and ports, or where a client sits. */
function ClientLines({ client }: { readonly client: ClientView }) {
  if (client.variant !== 'service') {
    return (
      <div className="text-[11px] text-amber-800">
        {client.variant === 'office' ? 'office network, outside the cluster' : 'on the Internet'}
      </div>
    );
  }
  return (
    <>
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
    </>
  );
}

/**
 * Something outside the cluster with an address: an Internet user, an office laptop, or an
 * outside service pods call (its ports and DNS name under the address).
 */
function Client({ data }: NodeProps<ClientFlowNode>) {
  const { client, highlight } = data;
  return (
    <KindCard
      kind={KIND_OF_VARIANT[client.variant]}
      name={client.name}
      highlight={highlight}
      badge={<span />}
    >
      {() => (
        <>
          <div
            className="font-mono text-[12px] text-slate-700"
            title={client.variant === 'service' ? 'Address' : 'Client IP'}
          >
            {client.ip}
          </div>
          <ClientLines client={client} />
        </>
      )}
    </KindCard>
  );
}

export const ClientNode = memo(Client, sameCard);
