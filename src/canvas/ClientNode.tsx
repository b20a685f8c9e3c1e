import type { NodeProps } from '@xyflow/react';
import type { ClientFlowNode } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';

/** Something outside the cluster with an address. */
export function ClientNode({ data }: NodeProps<ClientFlowNode>) {
  const { client, highlight } = data;
  return (
    <div
      className={`h-full w-full rounded-xl border border-amber-300 bg-amber-50 px-3 py-3 shadow-sm ${highlightRing(highlight)}`}
      style={{ borderLeft: '5px solid #f59e0b' }}
    >
      <div className="text-[14px] font-semibold text-slate-900">{client.name}</div>
      <div className="font-mono text-[12px] text-slate-700">{client.ip}</div>
      <div className="text-[11px] text-amber-800">outside the cluster</div>
    </div>
  );
}
