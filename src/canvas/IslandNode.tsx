import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { KindIcon, namespaceTone } from '../ui/kinds.tsx';
import { sameCard } from './Card.tsx';
import type { IslandFlowNode } from './flowTypes.ts';
import { islandSummary, plural } from './islands.ts';
import { highlightRing } from './kindStyles.ts';

const EMPHASIS = {
  deployment: 'outline-[12px] outline-offset-[12px] outline-dashed outline-emerald-500',
  policy: 'outline-[12px] outline-offset-[12px] outline-dashed outline-rose-500',
} as const;

/**
 * A namespace seen from far away: its name and what it holds, in type sized to the island (it
 * is read at a tenth of its size or less). Clicking (or Enter) opens it.
 */
function Island({ data, width }: NodeProps<IslandFlowNode>) {
  const { island, highlight, emphasis } = data;
  const tone = namespaceTone(island.namespace);
  const unit = (width ?? 1400) / 16;
  return (
    <div
      className={`pp-island flex h-full w-full flex-col justify-center rounded-[48px] border-[12px] bg-white/90 ${tone.chip} ${highlightRing(highlight)} ${emphasis ? EMPHASIS[emphasis] : ''}`}
      style={{ padding: unit / 2, gap: unit / 4 }}
      title={`Namespace ${island.namespace}: ${islandSummary(island)}. Click to open.`}
    >
      <div className="flex min-w-0 items-center" style={{ gap: unit / 3 }}>
        <span className="shrink-0" style={{ width: unit * 1.4, height: unit * 1.4 }}>
          <KindIcon kind="Namespace" className="h-full w-full text-slate-700" />
        </span>
        <span
          className="min-w-0 truncate font-bold text-slate-900"
          style={{ fontSize: unit * 1.5, lineHeight: 1.15 }}
        >
          {island.namespace}
        </span>
      </div>
      <div className="font-semibold text-slate-700" style={{ fontSize: unit * 0.9 }}>
        {plural(island.pods, 'pod')} · {plural(island.groups, 'group')} ·{' '}
        {plural(island.services, 'Service')}
      </div>
      {island.ready < island.pods && (
        <div className="text-amber-800" style={{ fontSize: unit * 0.7 }}>
          {island.pods - island.ready} not ready
        </div>
      )}
    </div>
  );
}

export const IslandNode = memo(Island, sameCard);
