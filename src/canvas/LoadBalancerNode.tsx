import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { Anchors, CardShell, CardTitle, FarCard, sameCard } from './Card.tsx';
import { highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';
import type { LoadBalancerFlowNode } from './flowTypes.ts';

/**
 * The cloud load balancer a LoadBalancer Service brings: its public address, and for each port
 * the NodePort it forwards to on the nodes.
 */
function LoadBalancer({ data }: NodeProps<LoadBalancerFlowNode>) {
  const { lb, highlight } = data;
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind="LoadBalancer"
        name={lb.name}
        className={`border-cyan-300 bg-cyan-50 ${highlightRing(highlight)}`}
      >
        <Anchors source />
      </FarCard>
    );
  }
  return (
    <CardShell
      kind="LoadBalancer"
      highlight={highlight}
      className={`border-cyan-300 bg-cyan-50 ${lb.system ? 'pp-system' : ''}`}
    >
      <Anchors source />
      <CardTitle
        kind="LoadBalancer"
        name={lb.name}
        badge={
          <span className="rounded bg-cyan-800 px-1.5 py-px text-[10px] font-semibold text-white">
            Cloud LB
          </span>
        }
      />
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
          <span aria-hidden="true">→</span>
          <span className="sr-only">to</span>
          <span>node :{p.nodePort ?? '…'}</span>
        </div>
      ))}
      <div className="h-[20px] truncate text-[11px] text-cyan-900">
        {lb.externalTrafficPolicy === 'Local'
          ? 'only to nodes with a ready endpoint'
          : 'to the NodePort on every node'}
      </div>
    </CardShell>
  );
}

export const LoadBalancerNode = memo(LoadBalancer, sameCard);
