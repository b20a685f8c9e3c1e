/**
 * Shared parts of the canvas cards: the shell (border, accent edge, highlight ring), the hidden
 * handles edges attach to, and a memo comparison that ignores where the card is (a card does
 * not redraw while it or its node is dragged unless what it shows changed).
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ReactNode } from 'react';
import { KIND_LABEL, KIND_TONE, KindIcon, type Kind } from '../ui/kinds.tsx';
import type { Highlight } from './flowTypes.ts';
import { highlightRing } from './kindStyles.ts';

const hidden = {
  opacity: 0,
  pointerEvents: 'none',
  width: 1,
  height: 1,
  minWidth: 0,
  minHeight: 0,
  border: 0,
} as const;

/** Edges attach here; the link edge then draws from the nearest sides itself. */
export function Anchors({
  source = false,
  target = false,
}: {
  source?: boolean;
  target?: boolean;
}) {
  return (
    <>
      {source && (
        <Handle type="source" position={Position.Bottom} isConnectable={false} style={hidden} />
      )}
      {target && (
        <Handle type="target" position={Position.Top} isConnectable={false} style={hidden} />
      )}
    </>
  );
}

export function CardShell({
  kind,
  highlight,
  className = '',
  children,
  dashed = false,
}: {
  readonly kind: Kind;
  readonly highlight: Highlight;
  readonly className?: string;
  readonly children: ReactNode;
  /** Drawn for what is not (yet) real: a not-ready pod, a pending element. */
  readonly dashed?: boolean;
}) {
  return (
    <div
      className={`pp-card h-full w-full overflow-hidden rounded-xl border border-l-[5px] px-3 py-3 shadow-sm ${KIND_TONE[kind].bar} ${dashed ? 'border-dashed' : ''} ${highlightRing(highlight)} ${className}`}
    >
      {children}
    </div>
  );
}

/** The first row of a card: icon, name, and a badge naming the kind (shape + words, not colour alone). */
export function CardTitle({
  kind,
  name,
  badge,
  extra,
}: {
  readonly kind: Kind;
  readonly name: string;
  readonly badge?: ReactNode;
  readonly extra?: ReactNode;
}) {
  return (
    <div className="flex h-[22px] items-center gap-2">
      <KindIcon kind={kind} className={`h-4 w-4 ${KIND_TONE[kind].icon}`} />
      <span className="min-w-0 truncate text-[14px] font-semibold text-slate-900" title={name}>
        {name}
      </span>
      {extra}
      <span className="ml-auto shrink-0">{badge ?? <KindBadge kind={kind} />}</span>
    </div>
  );
}

export function KindBadge({ kind, text }: { readonly kind: Kind; readonly text?: string }) {
  return (
    <span className="rounded bg-slate-700 px-1.5 py-px text-[10px] font-semibold tracking-wide text-white uppercase">
      {text ?? KIND_LABEL[kind]}
    </span>
  );
}

/** Cards redraw only when what they show changes, not when they move. */
export function sameCard<T extends NodeProps>(a: T, b: T): boolean {
  return (
    a.data === b.data &&
    a.selected === b.selected &&
    a.width === b.width &&
    a.height === b.height &&
    a.dragging === b.dragging
  );
}

/**
 * A card seen from far away: its kind's shape and colour, its icon and its name in large type,
 * nothing else (what a person can read at that zoom, and cheap to draw 300 times).
 */
export function FarCard({
  kind,
  name,
  className,
  dashed = false,
  badge,
  children,
}: {
  readonly kind: Kind;
  readonly name: string;
  readonly className: string;
  readonly dashed?: boolean;
  readonly badge?: ReactNode;
  /** The card's handles: edges still need them. */
  readonly children?: ReactNode;
}) {
  return (
    <div
      className={`flex h-full w-full items-start gap-3 overflow-hidden rounded-xl border-2 border-l-[10px] px-4 py-3 ${KIND_TONE[kind].bar} ${dashed ? 'border-dashed' : ''} ${className}`}
    >
      {children}
      <KindIcon kind={kind} className={`h-10 w-10 ${KIND_TONE[kind].icon}`} />
      <span className="min-w-0 truncate text-[36px] leading-10 font-bold text-slate-900">
        {name}
      </span>
      {badge && <span className="ml-auto shrink-0">{badge}</span>}
    </div>
  );
}
