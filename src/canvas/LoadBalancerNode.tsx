import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindCard, sameCard } from './Card.tsx';
import { ArrowTo } from './cardRows.tsx';
import type { LoadBalancerFlowNode } from './flowTypes.ts';

/**
 * The cloud load balancer a LoadBalancer Service brings: its public address, and for each port
 * the NodePort it forwards to on the nodes.
 */
function LoadBalancer({ data }: NodeProps<LoadBalancerFlowNode>) {
  const { lb, highlight } = data;
  return (
    <KindCard
      kind="LoadBalancer"
      name={lb.name}
      highlight={highlight}
      system={lb.system}
      label="Cloud LB"
    >
      {() => (
        <>
          <div className="flex h-[20px] items-center font-mono text-[12px] text-slate-700">
            <span title="Load balancer IP">
              {lb.ip ?? <span className="text-slate-500 italic">allocating…</span>}
            </span>
          </div>
          {lb.ports.map((p, i) => (
            <div
              key={i}
              className="flex h-[20px] items-center gap-1.5 font-mono text-[12px] text-cyan-950"
            >
              <span>
                :{p.port}/{p.protocol}
              </span>
              <ArrowTo />
              <span>node :{p.nodePort ?? '…'}</span>
            </div>
          ))}
          <div className="h-[20px] truncate text-[11px] text-cyan-900">
            {lb.externalTrafficPolicy === 'Local'
              ? 'only to nodes with a ready endpoint'
              : 'to the NodePort on every node'}
          </div>
        </>
      )}
    </KindCard>
  );
}

export const LoadBalancerNode = memo(LoadBalancer, sameCard);
