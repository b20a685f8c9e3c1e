/**
 * A service worker's scope for unit tests: caches in memory, a network that serves a given set
 * of files (or none, when offline), and the events a browser would fire, run to completion.
 */
import type { FetchLikeEvent, LifecycleEvent, WorkerScope } from '../serviceWorker.ts';

type Listener = (event: never) => void;

class MemoryCache {
  readonly entries = new Map<string, Response>();
  async put(request: RequestInfo | URL, response: Response) {
    this.entries.set(String(request instanceof Request ? request.url : request), response);
  }
  async match(request: RequestInfo | URL) {
    return this.entries.get(String(request instanceof Request ? request.url : request))?.clone();
  }
}

export interface FakeWorkerScope {
  readonly scope: WorkerScope;
  readonly caches: Map<string, MemoryCache>;
  /** Files the network serves, by URL; `online = false` makes every fetch fail. */
  readonly network: Map<string, string>;
  online: boolean;
  /** URLs fetched from the network, in order. */
  readonly fetched: string[];
  skippedWaiting: boolean;
  install(): Promise<void>;
  activate(): Promise<void>;
  message(data: unknown): void;
  /** What the worker answers, or undefined when it lets the browser fetch as usual. */
  request(url: string, mode?: RequestMode | 'navigate'): Promise<string | undefined>;
}

export function fakeWorkerScope(href: string): FakeWorkerScope {
  const listeners = new Map<string, Listener[]>();
  const caches = new Map<string, MemoryCache>();
  const fake: FakeWorkerScope = {
    caches,
    network: new Map(),
    online: true,
    fetched: [],
    skippedWaiting: false,
    scope: {
      location: { href },
      caches: {
        open: async (name: string) => {
          if (!caches.has(name)) caches.set(name, new MemoryCache());
          return caches.get(name)!;
        },
        keys: async () => [...caches.keys()],
        delete: async (name: string) => caches.delete(name),
      } as unknown as CacheStorage,
      addEventListener: (type: string, listener: Listener) => {
        listeners.set(type, [...(listeners.get(type) ?? []), listener]);
      },
      skipWaiting: async () => {
        fake.skippedWaiting = true;
      },
      fetch: async (request: Request | string) => {
        const url = typeof request === 'string' ? request : request.url;
        fake.fetched.push(url);
        if (!fake.online) throw new TypeError('Failed to fetch');
        const body = fake.network.get(url);
        return body === undefined
          ? new Response('not found', { status: 404 })
          : new Response(body, { status: 200 });
      },
    } as WorkerScope,
    install: () => lifecycle('install'),
    activate: () => lifecycle('activate'),
    message: (data) => {
      for (const l of listeners.get('message') ?? []) l({ data } as never);
    },
    request: async (url, mode = 'cors') => {
      let answer: Promise<Response> | undefined;
      const event: FetchLikeEvent = {
        // The constructor refuses mode 'navigate'; the worker reads only these fields.
        request: { url, method: 'GET', mode } as Request,
        respondWith: (r) => {
          answer = r;
        },
      };
      for (const l of listeners.get('fetch') ?? []) l(event as never);
      return answer ? (await answer).text() : undefined;
    },
  };
  async function lifecycle(type: 'install' | 'activate') {
    const work: Promise<unknown>[] = [];
    const event: LifecycleEvent = { waitUntil: (p) => work.push(p) };
    for (const l of listeners.get(type) ?? []) l(event as never);
    await Promise.all(work);
  }
  return fake;
}
