/**
 * Key=value rows for labels and selectors. Rows are kept locally so a half-typed label (a key
 * without its value yet, a key typed twice) stays on screen with its error while the document
 * keeps the last valid set; a completely empty row is simply not part of it.
 */
import { useState, type ReactNode } from 'react';
import { checkLabelRows } from '../../store/documentChecks.ts';
import { inputClass } from './fields.tsx';
import { Section, SmallButton } from './formLayout.tsx';

type Labels = Readonly<Record<string, string>>;
interface Row {
  readonly key: string;
  readonly value: string;
}

const toRows = (labels: Labels): Row[] =>
  Object.entries(labels).map(([key, value]) => ({ key, value }));
const sameLabels = (a: Labels, b: Labels) => JSON.stringify(a) === JSON.stringify(b);

interface LabelsEditorProps {
  /** Heading of the list ("Labels", "Selector"). */
  readonly title: string;
  /** What one row is called in accessible names ("Label", "Selector"). */
  readonly noun: string;
  readonly labels: Labels;
  readonly onCommit: (labels: Record<string, string>) => void;
  /** A warning about the committed labels (a selector that matches nothing). */
  readonly note?: ReactNode;
  readonly emptyText?: string;
  /** Keys the system sets, shown but not editable. */
  readonly readOnlyKeys?: readonly string[];
  /** The section around it already says what the list is. */
  readonly hideTitle?: boolean;
  /** Values other than label values (annotations are free text). */
  readonly checkValue?: (value: string) => string | null;
}

/** A form's section of key=value rows: the element's labels unless the title says otherwise. */
export function LabelsSection({
  title = 'Labels',
  noun = 'Label',
  ...rest
}: Omit<LabelsEditorProps, 'hideTitle' | 'title' | 'noun'> & {
  readonly title?: string;
  readonly noun?: string;
}) {
  return (
    <Section title={title}>
      <LabelsEditor title={title} noun={noun} hideTitle {...rest} />
    </Section>
  );
}

export function LabelsEditor({
  title,
  noun,
  labels,
  onCommit,
  note,
  emptyText,
  readOnlyKeys = [],
  hideTitle = false,
  checkValue,
}: LabelsEditorProps) {
  const [state, setState] = useState(() => ({ labels, rows: toRows(labels) }));
  if (!sameLabels(state.labels, labels)) setState({ labels, rows: toRows(labels) });
  const { rows } = state;
  const filled = rows.map((r, i) => ({ ...r, i })).filter((r) => r.key !== '' || r.value !== '');
  const errors = checkLabelRows(
    filled.map((r) => [r.key, r.value] as const),
    checkValue,
  );
  const errorOf = (i: number, part: 'key' | 'value') => {
    const at = filled.findIndex((r) => r.i === i);
    return at < 0 ? undefined : errors[`[${at}].${part}`];
  };

  const update = (next: Row[]) => {
    const nonEmpty = next.filter((r) => r.key !== '' || r.value !== '');
    const nextErrors = checkLabelRows(
      nonEmpty.map((r) => [r.key, r.value] as const),
      checkValue,
    );
    if (Object.keys(nextErrors).length > 0) {
      setState({ labels, rows: next });
      return;
    }
    const committed = Object.fromEntries(nonEmpty.map((r) => [r.key, r.value]));
    setState({ labels: committed, rows: next });
    if (!sameLabels(committed, labels)) onCommit(committed);
  };

  return (
    <div className="flex flex-col gap-1.5" role="group" aria-label={title}>
      <div className="flex items-center">
        <span
          className={
            hideTitle
              ? 'sr-only'
              : 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase'
          }
        >
          {title}
        </span>
        <span className="ml-auto">
          <SmallButton
            label={`Add ${noun.toLowerCase()}`}
            onClick={() => update([...rows, { key: '', value: '' }])}
          >
            + Add
          </SmallButton>
        </span>
      </div>
      {rows.length === 0 && emptyText && <p className="text-[12px] text-slate-500">{emptyText}</p>}
      {readOnlyKeys.map((key) => (
        <div key={key} className="flex items-center gap-1.5 font-mono text-[12px] text-slate-500">
          <span className="truncate">
            {key}={labels[key]}
          </span>
          <span className="text-[11px] not-italic">(set by Kubernetes)</span>
        </div>
      ))}
      {rows.map((row, i) => {
        if (readOnlyKeys.includes(row.key)) return null;
        const keyError = errorOf(i, 'key');
        const valueError = errorOf(i, 'value');
        const n = i + 1;
        const input = (part: 'key' | 'value', error: string | undefined) => (
          <input
            aria-label={`${noun} ${n} ${part}`}
            className={`${inputClass} font-mono`}
            placeholder={part}
            value={row[part]}
            spellCheck={false}
            aria-invalid={error ? true : undefined}
            onChange={(e) =>
              update(rows.map((r, j) => (j === i ? { ...r, [part]: e.target.value } : r)))
            }
          />
        );
        return (
          <div key={i} className="flex flex-col gap-0.5">
            <div className="flex items-center gap-1.5">
              {input('key', keyError)}
              <span aria-hidden="true" className="font-mono text-slate-400">
                =
              </span>
              {input('value', valueError)}
              <SmallButton
                tone="danger"
                label={`Remove ${noun.toLowerCase()} ${n}`}
                onClick={() => update(rows.filter((_, j) => j !== i))}
              >
                ✕
              </SmallButton>
            </div>
            {(keyError || valueError) && (
              <p role="alert" className="text-[12px] leading-snug text-red-700">
                {keyError ?? valueError}{' '}
                <span className="text-slate-500">The previous labels stay in effect.</span>
              </p>
            )}
          </div>
        );
      })}
      {note && <p className="text-[12px] leading-snug text-amber-800">{note}</p>}
    </div>
  );
}
