import { useSyncExternalStore } from 'react';

/** Below Tailwind's `md` breakpoint (48rem): a phone held upright. */
const COMPACT_QUERY = '(max-width: 47.99rem)';

const subscribe = (onChange: () => void) => {
  const query = window.matchMedia(COMPACT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/** True on a phone-sized screen, where the panels become sheets under the canvas. */
export function useCompactLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(COMPACT_QUERY).matches,
    () => false,
  );
}
