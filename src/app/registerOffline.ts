/**
 * Registers the service worker of the built site (build/offlineBuild.ts writes `sw.js`), so that
 * after a first visit PodPath opens with the network off, and tells the page when a new version
 * has been downloaded and waits. Nothing happens in the development server, which has no
 * `sw.js`, nor in a browser without service workers (the app then simply needs the network).
 */
import { OFFLINE_NAMES } from '../offline/serviceWorker.ts';

export interface OfflineUpdate {
  /** Lets the waiting version take over; the page reloads once it has. */
  readonly apply: () => void;
}

let waitingUpdate: OfflineUpdate | null = null;
const listeners = new Set<() => void>();

/** The update that waits, for useSyncExternalStore. */
export const pendingOfflineUpdate = () => waitingUpdate;
export function subscribeOfflineUpdate(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function onUpdate(update: OfflineUpdate) {
  waitingUpdate = update;
  for (const listener of listeners) listener();
}

/** Call once, as the page starts. */
export function registerOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  const offer = (waiting: ServiceWorker) =>
    onUpdate({
      apply: () => {
        container.addEventListener('controllerchange', () => window.location.reload(), {
          once: true,
        });
        waiting.postMessage(OFFLINE_NAMES.takeOverMessage);
      },
    });
  const watch = (registration: ServiceWorkerRegistration) => {
    // A version that waits only matters when another one serves this page.
    if (registration.waiting && container.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const installing = registration.installing;
      installing?.addEventListener('statechange', () => {
        if (installing.state === 'installed' && container.controller) offer(installing);
      });
    });
  };
  // After the page's own files, so that precaching does not compete with the first load.
  window.addEventListener(
    'load',
    () => {
      container
        .register(`${import.meta.env.BASE_URL}sw.js`)
        .then(watch)
        .catch(() => {
          // Without a service worker the app works as before, online; there is nothing to tell.
        });
    },
    { once: true },
  );
}
