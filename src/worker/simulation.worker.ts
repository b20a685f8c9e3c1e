/**
 * The worker entry: builds the cluster and runs the probe off the main thread, so a large
 * scenario never freezes the canvas. It knows the engine and the protocol, nothing else.
 */
import { buildCluster, computeReachability, runProbe } from '../engine/index.ts';
import { answerRequest } from './answerRequest.ts';
import { describeError, type SimulationRequest, type WorkerMessage } from './protocol.ts';
import { workerScope } from './workerScope.ts';

const scope = workerScope<SimulationRequest, WorkerMessage>();

scope.onmessage = (event) => {
  const request = event.data;
  try {
    // Each step is announced first: the page names it if the step never ends.
    const report = (doing: string) =>
      scope.postMessage({ kind: 'progress', id: request.id, doing });
    scope.postMessage(
      answerRequest({ buildCluster, runProbe, computeReachability }, request, report),
    );
  } catch (error) {
    // A result that cannot be cloned must still answer, or the page would wait forever.
    scope.postMessage({ id: request.id, ok: false, error: describeError(error) });
  }
};
