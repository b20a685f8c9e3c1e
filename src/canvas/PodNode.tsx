import { Handle, Position, type NodeProps } from '@xyflow/react';
import { Chip } from './Chip.tsx';
import type { PodFlowNode } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';
import { labelTexts, portText } from './layoutCluster.ts';

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

/** A pod: name, readiness, address, labels, and each container with the ports it declares. */
export function PodNode({ data }: NodeProps<PodFlowNode>) {
  const { pod, highlight } = data;
  const labels = labelTexts(pod.labels);
  return (
    <div
      className={`h-full w-full overflow-hidden rounded-xl border border-emerald-300 bg-white px-3 py-3 shadow-sm ${pod.system ? 'opacity-80' : ''} ${highlightRing(highlight)}`}
      style={{ borderLeft: '5px solid #10b981' }}
    >
      {/* Service edges come in from the side facing the Service, so they never cross the
          pods stacked above or the frame's header. */}
      <Handle
        id="left"
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={hidden}
      />
      <Handle
        id="right"
        type="target"
        position={Position.Right}
        isConnectable={false}
        style={hidden}
      />
      <div className="flex h-[22px] items-center gap-2">
        <PodIcon />
        <span className="truncate text-[14px] font-semibold text-slate-900">{pod.name}</span>
        <span
          className={`ml-auto shrink-0 rounded-full px-2 py-px text-[10px] font-semibold ${
            pod.ready ? 'bg-emerald-100 text-emerald-800' : 'bg-amber-100 text-amber-800'
          }`}
        >
          {pod.ready ? 'Ready' : 'Not ready'}
        </span>
      </div>
      <div className="flex h-[20px] items-center gap-2 font-mono text-[12px] text-slate-700">
        <span title="Pod IP">{pod.ip}</span>
        {pod.namespace !== 'default' && (
          <span className="truncate text-slate-500">ns {pod.namespace}</span>
        )}
      </div>
      {labels.length > 0 && (
        <div className="mt-[6px] flex flex-wrap gap-x-1 gap-y-1">
          {labels.map((text) => (
            <Chip key={text} text={text} tone="pod" />
          ))}
        </div>
      )}
      <ul className="mt-2 border-t border-slate-100 pt-1" aria-label={`Containers of ${pod.name}`}>
        {pod.containers.map((c) => (
          <li key={c.name} className="text-[12px] leading-[19px]">
            <div className="flex items-center gap-1.5">
              <ContainerIcon />
              <span className="font-medium text-slate-800">{c.name}</span>
              {c.image && <span className="truncate text-slate-500">{c.image}</span>}
            </div>
            {(c.ports?.length ?? 0) > 0 && (
              <div className="pl-5 font-mono text-[11px] text-emerald-800">
                {c.ports?.map((p) => (
                  <span
                    key={`${p.containerPort}/${p.protocol ?? 'TCP'}`}
                    className="mr-2 inline-block whitespace-nowrap"
                  >
                    {portText(p)}
                  </span>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function PodIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-4 w-4 shrink-0 text-emerald-600">
      <path
        d="M8 1.5 14 5v6l-6 3.5L2 11V5z"
        fill="currentColor"
        fillOpacity="0.15"
        stroke="currentColor"
        strokeLinejoin="round"
      />
    </svg>
  );
}

function ContainerIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 text-slate-500">
      <rect x="2" y="4" width="12" height="9" rx="1.5" fill="none" stroke="currentColor" />
      <path d="M5 4v9M8 4v9M11 4v9" stroke="currentColor" strokeOpacity="0.5" />
    </svg>
  );
}
