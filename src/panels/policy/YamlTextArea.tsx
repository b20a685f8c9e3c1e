/**
 * A YAML text area with line numbers: error lines marked in the gutter, the errors (or the
 * importer's notes) under it. The caller parses; this only shows.
 */
import { useId, useRef } from 'react';
import type { PolicyYamlIssue } from '../../scenario/policyYaml.ts';

export function YamlTextArea({
  label,
  text,
  errors,
  notes,
  kept,
  onChange,
}: {
  /** The text area's accessible name. */
  readonly label: string;
  readonly text: string;
  readonly errors: readonly PolicyYamlIssue[];
  readonly notes: readonly PolicyYamlIssue[];
  /** Says what stays in effect while the text has errors. */
  readonly kept: string;
  readonly onChange: (text: string) => void;
}) {
  const id = useId();
  const gutter = useRef<HTMLDivElement>(null);
  const lines = text.split('\n');
  const errorLines = new Set(errors.flatMap((e) => (e.line ? [e.line] : [])));
  return (
    <div className="flex h-full min-h-0 flex-col">
      <label
        htmlFor={id}
        className="px-4 pt-3 pb-1.5 text-[11px] font-semibold tracking-wide text-slate-500 uppercase"
      >
        YAML
      </label>
      <div
        className={`mx-4 flex min-h-0 flex-1 overflow-hidden rounded-md border bg-white font-mono text-[12px] leading-[18px] ${
          errors.length > 0 ? 'border-red-400' : 'border-slate-300'
        } focus-within:ring-2 focus-within:ring-sky-200`}
      >
        <div
          ref={gutter}
          aria-hidden="true"
          className="shrink-0 overflow-hidden border-r border-slate-200 bg-slate-50 py-2 text-right text-slate-500 select-none"
        >
          {lines.map((_, i) => (
            <div
              key={i}
              className={`px-2 ${errorLines.has(i + 1) ? 'bg-red-100 font-semibold text-red-700' : ''}`}
            >
              {i + 1}
            </div>
          ))}
        </div>
        <textarea
          id={id}
          aria-label={label}
          aria-invalid={errors.length > 0 ? true : undefined}
          aria-describedby={errors.length > 0 ? `${id}-errors` : undefined}
          className="min-h-0 flex-1 resize-none bg-transparent px-2 py-2 whitespace-pre text-slate-900 outline-none"
          spellCheck={false}
          autoComplete="off"
          wrap="off"
          value={text}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      <div className="px-4 pt-1.5 pb-3">
        {errors.length > 0 ? (
          <div id={`${id}-errors`} role="alert" className="text-[12px] leading-snug">
            <ul className="flex flex-col gap-0.5 text-red-700">
              {errors.slice(0, 4).map((e, i) => (
                <li key={i}>
                  {e.line ? <span className="font-semibold">Line {e.line}: </span> : null}
                  {e.message}
                </li>
              ))}
            </ul>
            <p className="text-slate-500">{kept}</p>
          </div>
        ) : notes.length > 0 ? (
          <ul className="text-[12px] leading-snug text-amber-800">
            {notes.map((n, i) => (
              <li key={i}>
                {n.line ? `Line ${n.line}: ` : ''}
                {n.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-[12px] text-slate-500">
            Edit either side: the form and the YAML stay in sync.
          </p>
        )}
      </div>
    </div>
  );
}
