/**
 * The frame of every canvas card: the shell (border, accent edge, highlight ring), its title
 * row, its far-away form, the hidden handles edges attach to, and a memo comparison that ignores
 * where the card is (a card does not redraw while it or its node is dragged unless what it
 * shows changed). `KindCard` puts them together; the rows inside are in cardRows.tsx.
 */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { ReactNode } from 'react';
import { KIND_LABEL, KIND_TONE, KindIcon, type Kind } from '../ui/kinds.tsx';
import type { Highlight } from './flowTypes.ts';
import { ToneBadge } from './cardRows.tsx';
import { CARD_ANCHORS, CARD_BADGE, CARD_TONE, highlightRing } from './kindStyles.ts';
import { useFarView } from './useFarView.ts';

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

/** The handles of a kind's card, as CARD_ANCHORS has them. */
function KindAnchors({ kind }: { readonly kind: Kind }) {
  const anchors = CARD_ANCHORS[kind];
  return anchors ? <Anchors source target={anchors === 'through'} /> : null;
}

const sideHidden = { opacity: 0, pointerEvents: 'none' } as const;

/** Service edges come in to a pod from the side facing the Service. */
export function SideAnchor() {
  return (
    <Handle
      id="left"
      type="target"
      position={Position.Left}
      isConnectable={false}
      style={sideHidden}
    />
  );
}

export function CardShell({
  kind,
  highlight,
  className = '',
  children,
  dashed = false,
  bar = KIND_TONE[kind].bar,
  title,
}: {
  readonly kind: Kind;
  readonly highlight: Highlight;
  readonly className?: string;
  readonly children: ReactNode;
  /** Drawn for what is not (yet) real: a not-ready pod, a pending element. */
  readonly dashed?: boolean;
  /** The accent edge's colour, when not the kind's own. */
  readonly bar?: string;
  readonly title?: string;
}) {
  return (
    <div
      className={`pp-card h-full w-full overflow-hidden rounded-xl border border-l-[5px] px-3 py-3 shadow-sm ${bar} ${dashed ? 'border-dashed' : ''} ${highlightRing(highlight)} ${className}`}
      title={title}
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

/**
 * A whole card: near, its shell, handles, title row and then its own rows; far, its kind's shape
 * and its name. The rows are a function, so a far card does not work out what it will not show.
 */
export function KindCard({
  kind,
  name,
  highlight,
  tone = kind in CARD_TONE ? CARD_TONE[kind as keyof typeof CARD_TONE] : '',
  className = '',
  system = false,
  handles = <KindAnchors kind={kind} />,
  dashed = false,
  bar,
  label,
  labelTitle,
  badge = label === undefined ? undefined : (
    <ToneBadge
      colour={kind in CARD_BADGE ? CARD_BADGE[kind as keyof typeof CARD_BADGE] : ''}
      title={labelTitle}
    >
      {label}
    </ToneBadge>
  ),
  farBadge,
  extra,
  children,
}: {
  readonly kind: Kind;
  readonly name: string;
  readonly highlight: Highlight;
  /** Border and background, when not the kind's own (a pod's follow its readiness). */
  readonly tone?: string;
  /** Classes the card carries near and far (an emphasis, a pointed-out outline). */
  readonly className?: string;
  /** A cluster add-on's element: drawn muted when near. */
  readonly system?: boolean;
  readonly handles?: ReactNode;
  readonly dashed?: boolean;
  readonly bar?: string;
  /** The badge's text (`Policy`, `NodePort`) on the kind's colour, with its tooltip. */
  readonly label?: string;
  readonly labelTitle?: string;
  /** A badge of the card's own, in place of the kind's (or the label's). */
  readonly badge?: ReactNode;
  readonly farBadge?: ReactNode;
  readonly extra?: ReactNode;
  readonly children: () => ReactNode;
}) {
  const far = useFarView();
  if (far) {
    return (
      <FarCard
        kind={kind}
        name={name}
        dashed={dashed}
        className={`${tone} ${className} ${highlightRing(highlight)}`}
        badge={farBadge}
      >
        {handles}
      </FarCard>
    );
  }
  return (
    <CardShell
      kind={kind}
      highlight={highlight}
      dashed={dashed}
      bar={bar}
      className={`${tone} ${className} ${system ? 'pp-system' : ''}`}
    >
      {handles}
      <CardTitle kind={kind} name={name} badge={badge} extra={extra} />
      {children()}
    </CardShell>
  );
}
