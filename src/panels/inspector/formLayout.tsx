/** The frame of an inspector form: titled sections, item cards, small buttons and read-only facts. */
import { useId, type ReactNode } from 'react';
import { labelClass } from './fields.tsx';

/** A titled group of fields. */
export function Section({
  title,
  children,
  actions,
}: {
  readonly title: string;
  readonly children: ReactNode;
  readonly actions?: ReactNode;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={id}
      className="flex flex-col gap-3 border-t border-slate-200 px-5 py-4"
    >
      <div className="flex items-center gap-2">
        <h3 id={id} className="text-[12px] font-semibold tracking-wide text-slate-700 uppercase">
          {title}
        </h3>
        <div className="ml-auto flex items-center gap-1">{actions}</div>
      </div>
      {children}
    </section>
  );
}

/** One item of a list a form edits (a rule, a port, a container): a card named for it. */
export function ItemCard({
  name,
  children,
}: {
  readonly name: string;
  readonly children: ReactNode;
}) {
  return (
    <div
      role="group"
      aria-label={name}
      className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-3"
    >
      {children}
    </div>
  );
}

export function SmallButton({
  children,
  onClick,
  label,
  tone = 'normal',
  disabled = false,
}: {
  readonly children: ReactNode;
  readonly onClick: () => void;
  /** Accessible name when the visible text is a symbol. */
  readonly label?: string;
  readonly tone?: 'normal' | 'danger';
  readonly disabled?: boolean;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      disabled={disabled}
      onClick={onClick}
      className={`inline-flex h-7 shrink-0 items-center gap-1 rounded-md border px-2 text-[12px] font-medium focus-visible:ring-2 focus-visible:ring-sky-300 focus-visible:outline-none disabled:cursor-not-allowed disabled:opacity-40 ${
        tone === 'danger'
          ? 'border-transparent text-slate-500 hover:border-red-200 hover:bg-red-50 hover:text-red-700'
          : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50'
      }`}
    >
      {children}
    </button>
  );
}

/** A read-only fact the engine derived (an address, an endpoint count). */
export function Fact({
  label,
  children,
  wide = false,
}: {
  readonly label: string;
  readonly children: ReactNode;
  /** Spans both columns (long names). */
  readonly wide?: boolean;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${wide ? 'col-span-2' : ''}`}>
      <dt className={labelClass}>{label}</dt>
      <dd className="min-w-0 font-mono text-[13px] break-words text-slate-800">{children}</dd>
    </div>
  );
}

/** The ✕ that removes one item of a list; its accessible name says which. */
export function RemoveButton({
  label,
  onClick,
  disabled = false,
}: {
  readonly label: string;
  readonly onClick: () => void;
  readonly disabled?: boolean;
}) {
  return (
    <SmallButton tone="danger" label={label} disabled={disabled} onClick={onClick}>
      ✕
    </SmallButton>
  );
}

/** A section listing items of one kind, with the button that adds one. */
export function ListSection({
  title,
  addText,
  onAdd,
  addDisabled = false,
  children,
}: {
  readonly title: string;
  /** The add button's text ("+ Add port"). */
  readonly addText: string;
  readonly onAdd: () => void;
  readonly addDisabled?: boolean;
  readonly children: ReactNode;
}) {
  return (
    <Section
      title={title}
      actions={
        <SmallButton disabled={addDisabled} onClick={onAdd}>
          {addText}
        </SmallButton>
      }
    >
      {children}
    </Section>
  );
}

/**
 * One card for each item of a list, named by its noun and number ("Port 2"). A card opens with a
 * row of the item's main fields and the button that removes it ("Remove port 2"); the rest of its
 * fields follow.
 */
export function ItemCards<T>({
  items,
  noun,
  columns,
  alignStart = false,
  removeDisabled = false,
  onRemove,
  head,
  children,
}: {
  readonly items: readonly T[];
  readonly noun: string;
  /** The grid columns of the opening row, the remove button's included ("grid-cols-[1fr_auto]"). */
  readonly columns: string;
  /** Top-align the opening row (its fields show issues below them) instead of bottom-aligning it. */
  readonly alignStart?: boolean;
  readonly removeDisabled?: boolean;
  readonly onRemove: (index: number) => void;
  /** The opening row's fields, given the item, its index and its number (index + 1). */
  readonly head: (item: T, index: number, n: number) => ReactNode;
  /** The fields below the opening row. */
  readonly children?: (item: T, index: number, n: number) => ReactNode;
}) {
  return (
    <>
      {items.map((item, i) => {
        const remove = (
          <RemoveButton
            label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            disabled={removeDisabled}
            onClick={() => onRemove(i)}
          />
        );
        return (
          <ItemCard key={i} name={`${noun} ${i + 1}`}>
            <div className={`grid ${columns} ${alignStart ? 'items-start' : 'items-end'} gap-2`}>
              {head(item, i, i + 1)}
              {alignStart ? <div className="pt-5">{remove}</div> : remove}
            </div>
            {children?.(item, i, i + 1)}
          </ItemCard>
        );
      })}
    </>
  );
}
