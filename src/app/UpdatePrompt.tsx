import { useState, useSyncExternalStore } from 'react';
import { pendingOfflineUpdate, subscribeOfflineUpdate } from './registerOffline.ts';

/** Offers to reload when a new version of PodPath has been downloaded for offline use. */
export function UpdatePrompt() {
  const update = useSyncExternalStore(subscribeOfflineUpdate, pendingOfflineUpdate);
  const [later, setLater] = useState<typeof update>(null);
  if (!update || later === update) return null;
  return (
    <div
      role="status"
      aria-label="New version"
      className="fixed right-4 bottom-4 z-50 flex items-center gap-3 rounded-lg border border-sky-200 bg-white px-4 py-2.5 text-[13px] text-slate-800 shadow-xl"
    >
      <span>A new version of PodPath is ready. Your work is kept.</span>
      <button
        type="button"
        className="rounded-md bg-sky-600 px-2.5 py-1 font-medium text-white hover:bg-sky-700"
        onClick={update.apply}
      >
        Reload
      </button>
      <button
        type="button"
        className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-100"
        onClick={() => setLater(update)}
      >
        Later
      </button>
    </div>
  );
}
