/**
 * The rows canvas cards are built from: a solid badge naming what the card is, a row that ends
 * with the element's namespace tag, a wrap of label chips, and the arrow of a forwarding line.
 */
import type { ReactNode } from 'react';
import { NamespaceTag } from '../ui/kinds.tsx';
import { Chip } from './Chip.tsx';

/** `n word(s)`: the count and the word, plural unless one. */
export const counted = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A short white-on-colour badge at the end of a card's title row (`Policy`, `NodePort`). */
export function ToneBadge({
  colour,
  title,
  children,
}: {
  /** Its background class. */
  readonly colour: string;
  readonly title?: string;
  readonly children: ReactNode;
}) {
  return (
    <span
      className={`rounded ${colour} px-1.5 py-px text-[10px] font-semibold text-white`}
      title={title}
    >
      {children}
    </span>
  );
}

/**
 * A 20px row of a card that ends with the element's namespace tag, unless it is in the default
 * namespace (or has none, as a cluster-wide object).
 */
export function NamespaceRow({
  namespace,
  className,
  children,
}: {
  readonly namespace: string | undefined;
  readonly className: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={`flex h-[20px] items-center gap-2 ${className}`}>
      {children}
      {namespace && namespace !== 'default' && (
        <NamespaceTag name={namespace} className="ml-auto" />
      )}
    </div>
  );
}

/** A card's labels (or selector) as chips; `empty` stands in when there are none. */
export function LabelChips({
  texts,
  tone,
  empty,
  children,
}: {
  readonly texts: readonly string[];
  readonly tone: 'pod' | 'service' | 'muted';
  readonly empty?: ReactNode;
  /** Chips after the labels (a count of expressions). */
  readonly children?: ReactNode;
}) {
  return (
    <div className="mt-[6px] flex flex-wrap gap-1">
      {texts.length === 0 && empty}
      {texts.map((t) => (
        <Chip key={t} text={t} tone={tone} />
      ))}
      {children}
    </div>
  );
}

/** The arrow of `port → target`, read out as "to". */
export function ArrowTo() {
  return (
    <>
      <span aria-hidden="true">→</span>
      <span className="sr-only">to</span>
    </>
  );
}
