/**
 * The page's side of the import worker. Each read gets a worker of its own, which is ended when
 * the answer comes, when the read runs over its time budget (the person is told which step was
 * slow) or when the caller gives up (the dialog closed). Where no worker can start, the read
 * runs in the page instead, so importing always works.
 */
import type { RestoreResult } from '../scenario/envelope.ts';
import type { ImportOutcome } from '../scenario/readImport.ts';
import { isImportWorkerMessage, type ImportAnswer, type ImportRequest } from './importProtocol.ts';

export interface ReadOptions {
  /** Hears each step the reading starts, in plain words. */
  readonly onProgress?: (doing: string) => void;
  /** Aborting ends the worker; the read then resolves to null. */
  readonly signal?: AbortSignal;
  /** Time the reading may take (ms). */
  readonly budgetMs?: number;
  /** Seam for tests; the default starts import.worker.ts as a module worker. */
  readonly createWorker?: () => Worker;
}

/** Long enough for the largest file accepted (5 MB of YAML) on a slow phone. */
export const IMPORT_BUDGET_MS = 30_000;

const createDefaultWorker = (): Worker =>
  new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });

/** What the person reads when a read ran over its budget or the worker broke down. */
export function slowReadMessage(doing: string | undefined, budgetMs: number | null): string {
  const when = doing ? ` while ${doing}` : '';
  const what =
    budgetMs === null
      ? `Reading this stopped with an error${when}`
      : `Reading this took longer than ${Math.round(budgetMs / 1000)} s${when}, so PodPath stopped it`;
  return `${what}. It is too large or too complex to open here.`;
}

let nextId = 1;

type Settled = { readonly answer: ImportAnswer } | { readonly failed: string } | null;

function readInWorker(request: ImportRequest, options: ReadOptions): Promise<Settled> {
  const budgetMs = options.budgetMs ?? IMPORT_BUDGET_MS;
  const inThread = (): Promise<Settled> =>
    import('./answerImport.ts').then((m) => ({
      answer: m.answerImport(request, options.onProgress),
    }));
  let worker: Worker;
  try {
    if (typeof Worker === 'undefined' && !options.createWorker) return inThread();
    worker = (options.createWorker ?? createDefaultWorker)();
  } catch {
    return inThread();
  }
  return new Promise<Settled>((resolve) => {
    let doing: string | undefined;
    let started = false;
    const finish = (settled: Settled | (() => Promise<Settled>)) => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      worker.onmessage = null;
      worker.onerror = null;
      worker.terminate();
      resolve(typeof settled === 'function' ? settled() : settled);
    };
    const abort = () => finish(null);
    const timer = setTimeout(() => finish({ failed: slowReadMessage(doing, budgetMs) }), budgetMs);
    options.signal?.addEventListener('abort', abort);
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data;
      if (!isImportWorkerMessage(data) || data.id !== request.id) {
        finish({ failed: slowReadMessage(doing, null) });
        return;
      }
      started = true;
      if (data.kind === 'progress') {
        doing = data.doing;
        options.onProgress?.(data.doing);
      } else finish({ answer: data.answer });
    };
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      // A worker that never started (no worker support, a blocked script) reads in the page;
      // one that broke down while reading (out of memory) is not tried again on the page.
      finish(started ? { failed: slowReadMessage(doing, null) } : inThread);
    };
    if (options.signal?.aborted) {
      finish(null);
      return;
    }
    worker.postMessage(request);
  });
}

/**
 * Reads pasted or picked text (YAML, a scenario file, a link) off the main thread. Resolves to
 * null when aborted; never rejects.
 */
export async function readImportOffThread(
  text: string,
  fileName: string | undefined,
  options: ReadOptions = {},
): Promise<ImportOutcome | null> {
  const request: ImportRequest = {
    kind: 'text',
    id: nextId++,
    text,
    ...(fileName !== undefined ? { fileName } : {}),
  };
  const settled = await readInWorker(request, options);
  if (settled === null) return null;
  if ('failed' in settled) return { ok: false, message: settled.failed, details: [] };
  return settled.answer.kind === 'text'
    ? settled.answer.outcome
    : { ok: false, message: slowReadMessage(undefined, null), details: [] };
}

/** Decodes a share link's fragment off the main thread. Resolves to null when aborted. */
export async function decodeLinkOffThread(
  fragment: string,
  options: ReadOptions = {},
): Promise<RestoreResult | null> {
  const settled = await readInWorker({ kind: 'link', id: nextId++, fragment }, options);
  if (settled === null) return null;
  if ('failed' in settled) return { ok: false, message: settled.failed };
  return settled.answer.kind === 'link'
    ? settled.answer.result
    : { ok: false, message: slowReadMessage(undefined, null) };
}
