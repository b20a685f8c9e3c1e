/**
 * Reads one import request: in the import worker, or in the page when no worker can start (then
 * loaded on that first use, so the readers never weigh on the page's first load).
 */
import { readImport } from '../scenario/readImport.ts';
import { decodeShareFragment } from '../scenario/shareLink.ts';
import type { ImportAnswer, ImportRequest } from './importProtocol.ts';

/** Reads one request; never throws (both readers turn bad input into a message). */
export function answerImport(
  request: ImportRequest,
  report: (doing: string) => void = () => {},
): ImportAnswer {
  if (request.kind === 'link') {
    report('reading the share link');
    return { kind: 'link', result: decodeShareFragment(request.fragment) };
  }
  return { kind: 'text', outcome: readImport(request.text, request.fileName, report) };
}
