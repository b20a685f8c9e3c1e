import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void) {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

const systemPrefersDark = () => window.matchMedia(QUERY).matches;

/** The theme in effect: the person's choice, else the system's (prefers-color-scheme). */
export function useResolvedTheme(choice: 'light' | 'dark' | null): 'light' | 'dark' {
  const dark = useSyncExternalStore(subscribe, systemPrefersDark, () => false);
  return choice ?? (dark ? 'dark' : 'light');
}
