import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { selectIsHighlighted } from '../store/selectors.ts';
import { KindIcon, NamespaceTag } from '../ui/kinds.tsx';
import { CardTitle, FarCard, sameCard } from './Card.tsx';
import { useFarView } from './useFarView.ts';
import { Chip } from './Chip.tsx';
import type { PodFlowNode } from './flowTypes.ts';
import { highlightRing, POINTED_OUT } from './kindStyles.ts';
import { labelTexts, portText } from './layoutCluster.ts';

const hidden = { opacity: 0, pointerEvents: 'none' } as const;

const EMPHASIS = {
  deployment: 'outline-2 outline-offset-[3px] outline-dashed outline-emerald-500',
  policy: 'outline-2 outline-offset-[3px] outline-dashed outline-rose-500',
} as const;

/**
 * A pod: name, readiness, address, its Deployment, labels, and each container with the ports it
 * declares. A not-ready pod is drawn dashed and muted and says so; a pod a NetworkPolicy
 * selects carries a shield.
 */
function PodCard({ data }: NodeProps<PodFlowNode>) {
  const { pod, highlight, emphasis } = data;
  const far = useFarView();
  const pointedOut = useAppStore(selectIsHighlighted(pod.key)) ? POINTED_OUT : '';
  if (far) {
    return (
      <FarCard
        kind="Pod"
        name={pod.name}
        dashed={!pod.ready}
        className={`${pod.ready ? 'border-emerald-300 bg-white' : 'pp-not-ready border-amber-400 bg-slate-50'} ${emphasis ? EMPHASIS[emphasis] : ''} ${highlightRing(highlight)} ${pointedOut}`}
        badge={
          pod.policies.length > 0 ? (
            <KindIcon kind="NetworkPolicy" className="h-9 w-9 text-rose-600" />
          ) : null
        }
      >
        <Handle
          id="left"
          type="target"
          position={Position.Left}
          isConnectable={false}
          style={hidden}
        />
      </FarCard>
    );
  }
  const labels = labelTexts(pod.labels);
  const notReady = !pod.ready;
  return (
    <div
      className={`pp-card h-full w-full overflow-hidden rounded-xl border border-l-[5px] px-3 py-3 shadow-sm ${
        notReady
          ? 'pp-not-ready border-dashed border-amber-400 border-l-amber-500 bg-slate-50'
          : 'border-emerald-300 border-l-emerald-500 bg-white'
      } ${pod.system ? 'pp-system' : ''} ${emphasis ? EMPHASIS[emphasis] : ''} ${highlightRing(highlight)} ${pointedOut}`}
    >
      {/* Service edges come in from the side facing the Service. */}
      <Handle
        id="left"
        type="target"
        position={Position.Left}
        isConnectable={false}
        style={hidden}
      />
      <CardTitle
        kind="Pod"
        name={pod.name}
        extra={
          pod.policies.length > 0 ? (
            <span
              className="inline-flex shrink-0 items-center gap-0.5 rounded-md border border-rose-300 bg-rose-50 px-1 text-[10px] font-semibold text-rose-800"
              title={`Selected by NetworkPolicy ${pod.policies.join(', ')}`}
            >
              <KindIcon kind="NetworkPolicy" className="h-3 w-3" />
              <span className="sr-only">Selected by NetworkPolicy {pod.policies.join(', ')}</span>
              {pod.policies.length > 1 && <span aria-hidden="true">{pod.policies.length}</span>}
            </span>
          ) : null
        }
        badge={
          <span
            className={`inline-flex items-center gap-1 rounded-full px-2 py-px text-[10px] font-semibold ${
              notReady ? 'bg-amber-100 text-amber-900' : 'bg-emerald-100 text-emerald-800'
            }`}
          >
            <span aria-hidden="true">{notReady ? '✕' : '✓'}</span>
            {notReady ? 'Not ready' : 'Ready'}
          </span>
        }
      />
      <div className="flex h-[20px] items-center gap-2 font-mono text-[12px] text-slate-700">
        <span title="Pod IP">
          {pod.ip ?? <span className="text-slate-500 italic">allocating…</span>}
        </span>
        {pod.system && (
          <span className="rounded bg-slate-200 px-1 text-[10px] font-semibold text-slate-700 uppercase">
            system
          </span>
        )}
        {pod.namespace !== 'default' && <NamespaceTag name={pod.namespace} className="ml-auto" />}
      </div>
      {pod.deployment && (
        <div className="mt-[6px] flex h-[18px] items-center">
          <span
            className="inline-flex h-[18px] max-w-full items-center gap-1 truncate rounded-md border border-emerald-300 bg-emerald-50 px-1.5 text-[11px] font-medium text-emerald-900"
            title={`Created by Deployment ${pod.deployment}`}
          >
            <KindIcon kind="Deployment" className="h-3 w-3" />
            Deployment {pod.deployment}
          </span>
        </div>
      )}
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
              <KindIcon kind="Container" className="h-3.5 w-3.5 text-slate-500" />
              <span className="shrink-0 font-medium whitespace-nowrap text-slate-800">
                {c.name}
              </span>
              {c.image && <span className="min-w-0 truncate text-slate-500">{c.image}</span>}
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

export const PodNode = memo(PodCard, sameCard);
