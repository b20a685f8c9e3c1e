import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { useAppStore } from '../store/appStore.ts';
import { selectClusterSettings } from '../store/selectors.ts';
import { KindIcon } from '../ui/kinds.tsx';
import { sameCard } from './Card.tsx';
import { useFarView } from './useFarView.ts';
import { FRAME_FOOTER, FRAME_HEADER } from './layoutCluster.ts';
import type { FrameFlowNode } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';

/** A cluster node: a frame holding its pods, with the node's own network devices at the foot. */
function Frame({ data }: NodeProps<FrameFlowNode>) {
  const { node, highlight, dropTarget } = data;
  const far = useFarView();
  const body = dropTarget
    ? 'border-dashed border-sky-500 bg-sky-50/80'
    : 'border-slate-300 bg-slate-100/80';
  if (far) {
    // From far away: the node's name, large, over its pods.
    return (
      <div
        className={`pp-frame-body flex h-full w-full flex-col rounded-2xl border-4 ${body} ${highlightRing(highlight)}`}
      >
        <div className="flex items-center gap-3 px-4 pt-2">
          <KindIcon kind="Node" className="h-10 w-10 text-slate-600" />
          <span className="truncate text-[40px] leading-[48px] font-bold text-slate-900">
            {node.name}
          </span>
        </div>
      </div>
    );
  }
  return (
    <div
      className={`pp-frame-body flex h-full w-full flex-col rounded-2xl border-2 ${
        dropTarget
          ? 'border-dashed border-sky-500 bg-sky-50/80'
          : 'border-slate-300 bg-slate-100/80'
      } ${highlightRing(highlight)}`}
    >
      <header className="px-4 pt-3" style={{ height: FRAME_HEADER - 4 }}>
        <div className="flex items-center gap-2">
          <KindIcon kind="Node" className="h-4 w-4 text-slate-600" />
          <span className="text-[15px] font-semibold text-slate-900">{node.name}</span>
          <span className="rounded bg-slate-700 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase">
            Node
          </span>
          {dropTarget ? (
            <span className="ml-auto text-[12px] font-semibold text-sky-800">
              Drop to reschedule here
            </span>
          ) : (
            <span className="ml-auto text-[12px] text-slate-500">
              {node.podCount} pod{node.podCount === 1 ? '' : 's'}
            </span>
          )}
        </div>
        <div className="mt-1 flex gap-3 font-mono text-[12px] text-slate-600">
          <span title="Node IP">{node.ip ?? '…'}</span>
          <span title="Pod CIDR">pods {node.podCidr ?? '…'}</span>
        </div>
      </header>
      <div className="flex-1" />
      <footer
        className="flex items-center gap-3 rounded-b-[14px] border-t border-slate-300 bg-slate-200/70 px-4 font-mono text-[11px] text-slate-600"
        style={{ height: FRAME_FOOTER }}
      >
        <span title={`Node network interface${node.ip ? `, ${node.ip}` : ''}`}>eth0</span>
        <PodGateway gateway={node.gateway} />
      </footer>
    </div>
  );
}

/** The pods' default gateway on this node, on the device the CNI puts it on. */
function PodGateway({ gateway }: { readonly gateway: string | null }) {
  const device = useAppStore((s) => selectClusterSettings(s)?.podGatewayDevice);
  if (device === undefined) return null;
  if (device === null) {
    return (
      <span title="No bridge: the node answers the pods' ARP for 169.254.1.1 (proxy ARP) and routes each pod by a /32 route">
        no bridge · gw 169.254.1.1 (proxy ARP)
      </span>
    );
  }
  return (
    <span title={`${device}: the pods' default gateway`}>
      {device} {gateway ?? ''}
    </span>
  );
}

export const FrameNode = memo(Frame, sameCard);
