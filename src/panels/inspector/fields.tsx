/**
 * Form fields that never let an invalid value through: each keeps what the person typed as a
 * local draft, parses and checks it on every change, commits only a valid value, and shows
 * why otherwise, right under the field. The document keeps the last valid value meanwhile.
 * When the value changes from outside (undo, another element selected), the draft follows.
 */
import { useId, useState, type ReactNode } from 'react';
import type { Parsed } from './fieldParsers.ts';

/** Returns an error to refuse the value (a check across fields), or nothing to accept it. */
export type Commit<T> = (value: T) => string | null | void;

const same = (a: unknown, b: unknown) => Object.is(a, b) || JSON.stringify(a) === JSON.stringify(b);

export const inputClass =
  'h-8 w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 text-[13px] text-slate-900 shadow-xs placeholder:text-slate-400 focus:border-sky-500 focus:ring-2 focus:ring-sky-200 focus:outline-none aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50 aria-[invalid=true]:focus:ring-red-200 disabled:bg-slate-100 disabled:text-slate-500';

export const labelClass = 'text-[11px] font-semibold tracking-wide text-slate-500 uppercase';

/** The column a field stands in: its label (or, in a table, a hidden one naming it), then the control and its note. */
function FieldFrame({
  id,
  label,
  name,
  hideLabel,
  className,
  children,
}: {
  readonly id: string;
  readonly label: string;
  readonly name: string | undefined;
  readonly hideLabel: boolean;
  readonly className: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : labelClass}>
        {hideLabel ? (name ?? label) : label}
      </label>
      {children}
    </div>
  );
}

interface TextFieldProps<T> {
  /** Shown above the field, and its accessible name unless `name` is given. */
  readonly label: string;
  /** Accessible name when the visible label is shared (table columns). */
  readonly name?: string;
  readonly value: T;
  readonly parse: (text: string) => Parsed<T>;
  readonly format?: (value: T) => string;
  readonly onCommit: Commit<T>;
  readonly placeholder?: string;
  readonly mono?: boolean;
  readonly hint?: ReactNode;
  /** A problem the engine or a cross-field check found with the committed value. */
  readonly issue?: { readonly tone: 'error' | 'warning'; readonly text: string } | null;
  readonly hideLabel?: boolean;
  readonly disabled?: boolean;
  readonly inputMode?: 'numeric' | 'text';
  readonly className?: string;
}

export function TextField<T>({
  label,
  name,
  value,
  parse,
  format = (v) => (v === undefined || v === null ? '' : String(v)),
  onCommit,
  placeholder,
  mono = false,
  hint,
  issue,
  hideLabel = false,
  disabled = false,
  inputMode,
  className = '',
}: TextFieldProps<T>) {
  const id = useId();
  const [state, setState] = useState<{ value: T; text: string; error: string | null }>(() => ({
    value,
    text: format(value),
    error: null,
  }));
  // The value changed from outside (undo, another element): the draft follows it.
  if (!same(state.value, value)) {
    setState({ value, text: format(value), error: null });
  }

  const onChange = (text: string) => {
    const parsed = parse(text);
    if ('error' in parsed) {
      setState({ value, text, error: parsed.error });
      return;
    }
    if (same(parsed.value, value)) {
      setState({ value, text, error: null });
      return;
    }
    const refused = onCommit(parsed.value);
    if (typeof refused === 'string') {
      setState({ value, text, error: refused });
      return;
    }
    setState({ value: parsed.value, text, error: null });
  };

  const error = state.error;
  const shown = error ? { tone: 'error' as const, text: error } : (issue ?? null);
  return (
    <FieldFrame id={id} label={label} name={name} hideLabel={hideLabel} className={className}>
      <input
        id={id}
        type="text"
        className={`${inputClass} ${mono ? 'font-mono' : ''}`}
        value={state.text}
        placeholder={placeholder}
        disabled={disabled}
        inputMode={inputMode}
        spellCheck={false}
        autoComplete="off"
        aria-label={!hideLabel && name ? name : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={shown || hint ? `${id}-note` : undefined}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          // Escape gives up the draft and shows the value in effect again.
          if (e.key === 'Escape' && state.error) {
            e.stopPropagation();
            setState({ value, text: format(value), error: null });
          }
        }}
      />
      {(shown || hint) && (
        <p id={`${id}-note`} className="text-[12px] leading-snug">
          {shown ? (
            <span
              role={shown.tone === 'error' ? 'alert' : undefined}
              className={shown.tone === 'error' ? 'text-red-700' : 'text-amber-800'}
            >
              {shown.text}
              {error && (
                <span className="text-slate-500"> The previous value stays in effect.</span>
              )}
            </span>
          ) : (
            <span className="text-slate-500">{hint}</span>
          )}
        </p>
      )}
    </FieldFrame>
  );
}

interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly name?: string;
  readonly value: T;
  readonly options: readonly {
    readonly value: T;
    readonly label: string;
    readonly disabled?: boolean;
  }[];
  readonly onChange: (value: T) => void;
  readonly hint?: ReactNode;
  readonly hideLabel?: boolean;
  readonly disabled?: boolean;
  readonly className?: string;
}

export function SelectField<T extends string>({
  label,
  name,
  value,
  options,
  onChange,
  hint,
  hideLabel = false,
  disabled = false,
  className = '',
}: SelectFieldProps<T>) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} name={name} hideLabel={hideLabel} className={className}>
      <select
        id={id}
        className={inputClass}
        value={value}
        disabled={disabled}
        aria-label={!hideLabel && name ? name : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
      {hint && (
        <p id={`${id}-hint`} className="text-[12px] leading-snug text-slate-500">
          {hint}
        </p>
      )}
    </FieldFrame>
  );
}

export function CheckboxField({
  label,
  checked,
  onChange,
  hint,
  disabled = false,
}: {
  readonly label: string;
  readonly checked: boolean;
  readonly onChange: (checked: boolean) => void;
  readonly hint?: ReactNode;
  readonly disabled?: boolean;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-0.5">
      <label
        htmlFor={id}
        className="flex cursor-pointer items-center gap-2 text-[13px] text-slate-800"
      >
        <input
          id={id}
          type="checkbox"
          className="h-4 w-4 accent-sky-600"
          checked={checked}
          disabled={disabled}
          aria-describedby={hint ? `${id}-hint` : undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="pl-6 text-[12px] leading-snug text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A select field's options where each value is shown as it is written (TCP, Prefix, In). */
export const choicesOf = <T extends string>(values: readonly T[]) =>
  values.map((value) => ({ value, label: value }));

/** The protocols a port may speak. */
export const PROTOCOL_CHOICES = choicesOf(['TCP', 'UDP', 'SCTP'] as const);
