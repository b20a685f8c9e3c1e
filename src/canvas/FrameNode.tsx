import type { NodeProps } from '@xyflow/react';
import { FRAME_FOOTER, FRAME_HEADER } from './layoutCluster.ts';
import type { FrameFlowNode } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';

/** A cluster node: a frame holding its pods, with the node's own network devices at the foot. */
export function FrameNode({ data }: NodeProps<FrameFlowNode>) {
  const { node, highlight } = data;
  return (
    <div
      className={`flex h-full w-full flex-col rounded-2xl border-2 border-slate-300 bg-slate-100/80 ${highlightRing(highlight)}`}
    >
      <header className="px-4 pt-3" style={{ height: FRAME_HEADER - 4 }}>
        <div className="flex items-center gap-2">
          <ServerIcon />
          <span className="text-[15px] font-semibold text-slate-900">{node.name}</span>
          <span className="rounded bg-slate-700 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase">
            Node
          </span>
        </div>
        <div className="mt-1 flex gap-3 font-mono text-[12px] text-slate-600">
          <span title="Node IP">{node.ip}</span>
          <span title="Pod CIDR">pods {node.podCidr}</span>
        </div>
      </header>
      <div className="flex-1" />
      <footer
        className="flex items-center gap-3 rounded-b-[14px] border-t border-slate-300 bg-slate-200/70 px-4 font-mono text-[11px] text-slate-600"
        style={{ height: FRAME_FOOTER }}
      >
        <span title={`Node network interface, ${node.ip}`}>eth0</span>
        <span title="Pod bridge: the pods' default gateway">cni0 {node.gateway}</span>
      </footer>
    </div>
  );
}

function ServerIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 text-slate-600">
      <rect x="1.5" y="2" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" />
      <rect x="1.5" y="9" width="13" height="5" rx="1.2" fill="none" stroke="currentColor" />
      <circle cx="4.5" cy="4.5" r="0.9" fill="currentColor" />
      <circle cx="4.5" cy="11.5" r="0.9" fill="currentColor" />
    </svg>
  );
}
