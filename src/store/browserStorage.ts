/**
 * Where the browser keeps PodPath's work, and whether there is any: enough for the page to decide
 * before its first paint whether saved work must be read first, without loading the reader.
 */
export const STORAGE_KEYS = {
  /** The current work: one scenario envelope. */
  work: 'podpath.work',
  /** The Recent list: `{ version, entries: [{ id, title, savedAt, envelope }] }`. */
  recent: 'podpath.recent',
  /** Values that could not be read are kept under this prefix plus the time they were found. */
  unreadable: 'podpath.unreadable.',
  /** Set while the current work has made the simulator run over its time budget. */
  stalled: 'podpath.stalled',
} as const;

/** The browser's localStorage, or null where it is blocked (some privacy settings throw). */
export function getBrowserStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    const probe = 'podpath.probe';
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}

/** Whether work from an earlier visit waits to be opened; never throws. */
export function hasSavedWork(storage: Storage): boolean {
  try {
    return storage.getItem(STORAGE_KEYS.work) !== null;
  } catch {
    return false;
  }
}
