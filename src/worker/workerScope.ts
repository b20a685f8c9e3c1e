/**
 * The little of a worker's global scope the worker entries use. The app is compiled with the DOM
 * lib (the WebWorker lib conflicts with it), so the scope is described here instead.
 */
export interface WorkerScope<Request, Message> {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
  postMessage(message: Message): void;
}

/** This worker's scope, taking `Request`s and posting `Message`s. */
export const workerScope = <Request, Message>() => self as unknown as WorkerScope<Request, Message>;
