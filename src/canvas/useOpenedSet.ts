import { useCallback, useState } from 'react';

const EMPTY: ReadonlySet<string> = new Set();

/**
 * The folded cards (groups, islands) the person opened; they close again when resetKey changes
 * (another scenario was loaded).
 */
export function useOpenedSet(resetKey: unknown): {
  readonly opened: ReadonlySet<string>;
  readonly open: (key: string) => void;
} {
  const [state, setState] = useState<{ key: unknown; opened: ReadonlySet<string> }>(() => ({
    key: resetKey,
    opened: EMPTY,
  }));
  const opened = state.key === resetKey ? state.opened : EMPTY;
  const open = useCallback(
    (key: string) =>
      setState((current) => ({
        key: resetKey,
        opened: new Set([...(current.key === resetKey ? current.opened : []), key]),
      })),
    [resetKey],
  );
  return { opened, open };
}
