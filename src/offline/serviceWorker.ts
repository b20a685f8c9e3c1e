/**
 * The service worker that keeps PodPath usable with the network off. The build writes it to
 * `sw.js` as the source of `runServiceWorker` called with the build's file list and a version
 * made from their contents (build/offline.ts), so this function must not use anything outside
 * its own body: no imports, no module-level values.
 *
 * - install: every file of the build is fetched into a cache named after the version; when one
 *   file cannot be had, the version does not install and the previous one keeps serving.
 * - activate: caches of other versions are deleted.
 * - fetch: a page load (navigation) is answered with the cached index.html, whatever its query
 *   (`?embed`) or fragment (the share link, which never leaves the browser anyway); a file of
 *   the build is answered from the cache; anything else goes to the network as usual.
 * - A new version waits until the page asks it to take over (message `take-over`), so a page
 *   never runs with files of two versions; the page then reloads.
 */

/** The parts of the service worker's global scope this code uses. */
export interface WorkerScope {
  readonly location: { readonly href: string };
  readonly caches: CacheStorage;
  addEventListener(type: 'install' | 'activate', listener: (event: LifecycleEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchLikeEvent) => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  skipWaiting(): Promise<void>;
  fetch(request: Request | string): Promise<Response>;
}

export interface LifecycleEvent {
  waitUntil(work: Promise<unknown>): void;
}

export interface FetchLikeEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}

/** What the build tells the service worker. */
export interface OfflineBuild {
  /** Paths relative to the worker's own URL: `index.html`, `assets/index-3f2a.js`. */
  readonly files: readonly string[];
  /** Made from the files' contents: a new build is a new version. */
  readonly version: string;
  readonly cachePrefix: string;
  /** The message by which the page lets a waiting version take over. */
  readonly takeOverMessage: string;
}

export const OFFLINE_NAMES = { cachePrefix: 'podpath-', takeOverMessage: 'take-over' } as const;

/** Wires the handlers. */
export function runServiceWorker(scope: WorkerScope, build: OfflineBuild) {
  const { files, version, cachePrefix, takeOverMessage } = build;
  const cacheName = cachePrefix + version;
  const base = new URL('./', scope.location.href);
  const urls = files.map((f) => new URL(f, base).href);
  const cached = new Set(urls);
  const indexUrl = new URL('index.html', base).href;

  scope.addEventListener('install', (event) => {
    event.waitUntil(
      scope.caches.open(cacheName).then((cache) =>
        Promise.all(
          urls.map((url) =>
            // `reload` skips the HTTP cache, so the files stored are the ones this version names.
            scope.fetch(new Request(url, { cache: 'reload' })).then((response) => {
              if (!response.ok) throw new Error(`${url}: ${response.status}`);
              return cache.put(url, response);
            }),
          ),
        ),
      ),
    );
  });

  scope.addEventListener('activate', (event) => {
    event.waitUntil(
      scope.caches
        .keys()
        .then((names) =>
          Promise.all(
            names
              .filter((n) => n.startsWith(cachePrefix) && n !== cacheName)
              .map((n) => scope.caches.delete(n)),
          ),
        ),
    );
  });

  scope.addEventListener('message', (event) => {
    if (event.data === takeOverMessage) void scope.skipWaiting();
  });

  scope.addEventListener('fetch', (event) => {
    const { request } = event;
    if (request.method !== 'GET') return;
    const url = new URL(request.url);
    url.hash = '';
    const navigation = request.mode === 'navigate' && url.href.startsWith(base.href);
    const key = navigation ? indexUrl : url.href;
    if (!navigation && !cached.has(key)) return;
    event.respondWith(
      scope.caches
        .open(cacheName)
        .then((cache) => cache.match(key))
        .then((hit) => hit ?? scope.fetch(request)),
    );
  });
}
