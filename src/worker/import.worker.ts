/**
 * The import worker: reads pasted text, files and share links off the main thread, announcing
 * each step so the page can show progress. It knows the scenario readers and its protocol only.
 */
import { fastParse } from '../scenario/kubeYaml/fastParse.ts';
import { setFastReader } from '../scenario/kubeYaml/parseDocuments.ts';
import { answerImport } from './answerImport.ts';
import type { ImportRequest, ImportWorkerMessage } from './importProtocol.ts';
import { workerScope } from './workerScope.ts';

// Large files are what this worker is for: read them with the fast reader.
setFastReader(fastParse);

const scope = workerScope<ImportRequest, ImportWorkerMessage>();

scope.onmessage = (event) => {
  const request = event.data;
  const report = (doing: string) => scope.postMessage({ kind: 'progress', id: request.id, doing });
  scope.postMessage({ kind: 'done', id: request.id, answer: answerImport(request, report) });
};
