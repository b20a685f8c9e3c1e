/**
 * The draft behind a YAML editor of one object: the text follows the object when it changes
 * from outside (a form, undo, another object); typed text that reads as a valid object different
 * from the current one is applied, and an error (reading it, or applying it) stays on screen,
 * pointing at its line, while the last valid object stays in effect.
 */
import { useState } from 'react';
import type { PolicyYamlIssue, YamlReadResult } from '../../scenario/policyYaml.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface YamlDraft<T> {
  readonly text: string;
  /** The object the text stands for: the one it was written from, or last read into. */
  readonly value: T;
  readonly errors: readonly PolicyYamlIssue[];
  readonly notes: readonly PolicyYamlIssue[];
}

export function useYamlDraft<Key extends string, T>({
  value,
  field,
  toYaml,
  read,
  apply,
}: {
  readonly value: T;
  /** Where `read`'s result holds the object (`policy`, `object`). */
  readonly field: Key;
  readonly toYaml: (value: T) => string;
  readonly read: (text: string) => YamlReadResult<Key, T>;
  /** Puts a changed object into the document, or says why it cannot. */
  readonly apply: (next: T) => string | null;
}) {
  const [draft, setDraft] = useState<YamlDraft<T>>(() => ({
    text: toYaml(value),
    value,
    errors: [],
    notes: [],
  }));
  if (!same(draft.value, value)) {
    setDraft({ text: toYaml(value), value, errors: [], notes: [] });
  }

  const onChange = (text: string) => {
    const result = read(text);
    if (!result.ok) {
      setDraft({ ...draft, text, errors: result.errors, notes: [] });
      return;
    }
    const next = result[field];
    const refused = same(next, value) ? null : apply(next);
    if (refused !== null) {
      setDraft({ ...draft, text, errors: [{ message: refused }], notes: [] });
      return;
    }
    setDraft({ text, value: next, errors: [], notes: result.notes });
  };
  return { draft, onChange };
}
