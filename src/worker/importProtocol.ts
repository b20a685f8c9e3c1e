/**
 * The messages between the page and the import worker, which reads what a person pasted, picked,
 * dropped or opened as a link, so that a large or hostile input never freezes the page.
 * Everything crossing the boundary is plain data.
 */
import type { RestoreResult } from '../scenario/envelope.ts';
import type { ImportOutcome } from '../scenario/readImport.ts';

export type ImportRequest =
  /** Text to import: Kubernetes YAML, a scenario file or a pasted link. */
  | {
      readonly kind: 'text';
      readonly id: number;
      readonly text: string;
      readonly fileName?: string;
    }
  /** The fragment of a share link the page was opened with (`pp1.…`). */
  | { readonly kind: 'link'; readonly id: number; readonly fragment: string };

export type ImportAnswer =
  | { readonly kind: 'text'; readonly outcome: ImportOutcome }
  | { readonly kind: 'link'; readonly result: RestoreResult };

export type ImportWorkerMessage =
  | { readonly kind: 'progress'; readonly id: number; readonly doing: string }
  | { readonly kind: 'done'; readonly id: number; readonly answer: ImportAnswer };

/** A message from the import worker the page can read; anything else means it is broken. */
export function isImportWorkerMessage(data: unknown): data is ImportWorkerMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (typeof m.id !== 'number') return false;
  if (m.kind === 'progress') return typeof m.doing === 'string';
  if (m.kind !== 'done' || typeof m.answer !== 'object' || m.answer === null) return false;
  const a = m.answer as Record<string, unknown>;
  return (
    (a.kind === 'text' && typeof a.outcome === 'object' && a.outcome !== null) ||
    (a.kind === 'link' && typeof a.result === 'object' && a.result !== null)
  );
}
