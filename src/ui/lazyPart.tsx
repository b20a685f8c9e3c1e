/**
 * Parts of the page the first screen does not need (dialogs, the policy workbench, the
 * inspector's forms) load when first shown, and are fetched ahead while the page is idle, so the
 * first paint carries only the canvas and the controls around it.
 */
import { lazy, Suspense, type ComponentType, type JSX } from 'react';

const loaders: (() => Promise<unknown>)[] = [];

/** A component loaded on first render; shows nothing until its code has arrived. */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
): (props: P) => JSX.Element {
  loaders.push(load);
  const Loaded = lazy(async () => ({ default: await load() }));
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={null}>
        <Loaded {...props} />
      </Suspense>
    );
  };
}

/** Registers code to fetch while idle that is loaded by a call rather than a component. */
export function prefetchWhenIdle(load: () => Promise<unknown>): void {
  loaders.push(load);
}

/**
 * Fetches every lazy part once the page is idle after its first paint, one at a time so the
 * packet animation keeps the main thread. The browser caches each module, so a later first use
 * is immediate; a failed fetch is tried again on first use.
 */
export function prefetchLazyParts(scope: Window = window): void {
  const next = (i: number) => {
    if (i >= loaders.length) return;
    const idle = (run: () => void) =>
      typeof scope.requestIdleCallback === 'function'
        ? scope.requestIdleCallback(run, { timeout: 4000 })
        : scope.setTimeout(run, 200);
    idle(() => {
      loaders[i]().then(
        () => next(i + 1),
        () => next(i + 1),
      );
    });
  };
  next(0);
}
