import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon } from '../ui/kinds.tsx';
import { sameCard } from './Card.tsx';
import type { NodeStripFlowNode } from './flowTypes.ts';
import { plural } from './islands.ts';
import { highlightRing } from './kindStyles.ts';
import { stripRange } from './nodeStrip.ts';

/**
 * The cluster's nodes seen from far away, while every pod they run is inside a namespace
 * island: how many there are and their names, in type sized to the strip. Clicking (or Enter)
 * shows the node frames again.
 */
function NodeStrip({ data, height }: NodeProps<NodeStripFlowNode>) {
  const { strip, highlight } = data;
  const unit = (height ?? 350) / 4;
  const count = plural(strip.nodes.length, 'node');
  return (
    <div
      className={`pp-node-strip flex h-full w-full items-center rounded-[48px] border-[12px] border-dashed border-slate-400 bg-slate-100/90 ${highlightRing(highlight)}`}
      style={{ padding: unit / 2, gap: unit / 2 }}
      title={`${count} (${stripRange(strip.nodes)}): their pods are in the namespaces above. Click to show the nodes.`}
    >
      <span className="shrink-0" style={{ width: unit * 1.6, height: unit * 1.6 }}>
        <KindIcon kind="Node" className="h-full w-full text-slate-600" />
      </span>
      <div className="flex min-w-0 flex-col" style={{ gap: unit / 6 }}>
        <span
          className="truncate font-bold text-slate-900"
          style={{ fontSize: unit * 1.5, lineHeight: 1.15 }}
        >
          {count} · {stripRange(strip.nodes)}
        </span>
        <span className="truncate font-semibold text-slate-600" style={{ fontSize: unit * 0.9 }}>
          Pods in the namespaces above · click to show
        </span>
      </div>
    </div>
  );
}

export const NodeStripNode = memo(NodeStrip, sameCard);
