import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Chip } from './Chip.tsx';
import type { ServiceFlowNode } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';
import { labelTexts } from './layoutCluster.ts';

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** A Service: its virtual address, each port and where it forwards to, and what it selects. */
export function ServiceNode({ data }: NodeProps<ServiceFlowNode>) {
  const { service, readyEndpoints, totalEndpoints, highlight } = data;
  const address = service.headless ? 'None (headless)' : (service.clusterIP ?? '—');
  return (
    <div
      className={`h-full w-full overflow-hidden rounded-xl border border-violet-300 bg-violet-50 px-3 py-3 shadow-sm ${highlightRing(highlight)}`}
      style={{ borderLeft: '5px solid #7c3aed' }}
    >
      <div className="flex h-[22px] items-center gap-2">
        <ServiceIcon />
        <span className="truncate text-[14px] font-semibold text-slate-900">{service.name}</span>
        <span className="ml-auto shrink-0 rounded bg-violet-600 px-1.5 py-px text-[10px] font-semibold text-white">
          {service.type}
        </span>
      </div>
      <div className="flex h-[20px] items-center gap-2 font-mono text-[12px] text-slate-700">
        <span title="ClusterIP">{address}</span>
        {service.loadBalancerIP && (
          <span title="Load balancer IP">LB {service.loadBalancerIP}</span>
        )}
      </div>
      {service.ports.map((p) => (
        <div
          key={`${p.port}/${p.protocol}`}
          className="flex h-[20px] items-center gap-1.5 overflow-hidden font-mono text-[12px] whitespace-nowrap text-violet-900"
        >
          <span>
            {p.port}/{p.protocol}
          </span>
          <span aria-hidden="true">→</span>
          <span className="sr-only">to</span>
          <span>{p.targetPort}</span>
          {p.nodePort !== undefined && <span className="text-slate-500">node {p.nodePort}</span>}
          {p.name && <span className="text-slate-500">{p.name}</span>}
        </div>
      ))}
      {service.selector && (
        <div className="mt-[6px] flex flex-wrap gap-1">
          {labelTexts(service.selector).map((text) => (
            <Chip key={text} text={text} tone="service" />
          ))}
        </div>
      )}
      <div className="mt-1 h-[20px] text-[12px] text-slate-600">
        {readyEndpoints} of {totalEndpoints} endpoint{totalEndpoints === 1 ? '' : 's'} ready
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} style={hidden} />
    </div>
  );
}

function ServiceIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-violet-600">
      <circle cx="8" cy="4" r="2.3" fill="currentColor" />
      <circle cx="3.5" cy="12" r="2" fill="none" stroke="currentColor" />
      <circle cx="12.5" cy="12" r="2" fill="none" stroke="currentColor" />
      <path d="M8 6.3 3.8 10M8 6.3l4.2 3.7" stroke="currentColor" />
    </svg>
  );
}
