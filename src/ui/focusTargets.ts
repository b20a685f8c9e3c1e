/**
 * Where the keyboard focus goes when what held it disappears: a dialog closes, a menu item runs,
 * a scenario opens. Never the page body, where a keyboard or screen-reader user would have to
 * start again from the top.
 */

/** The id of the main content (the cluster), target of the skip link and of scenario opens. */
export const MAIN_CONTENT_ID = 'main-content';

function usable(element: HTMLElement | null): element is HTMLElement {
  return !!element && element.isConnected && element.getClientRects().length > 0;
}

function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/** After this frame's updates, moves the focus to the main content: a new scenario is on show. */
export function focusMainContent(): void {
  requestAnimationFrame(() => document.getElementById(MAIN_CONTENT_ID)?.focus());
}

/**
 * After this frame's updates, gives the focus back to `opener` when nothing else took it (the
 * element gone or hidden: the main content instead).
 */
export function returnFocus(opener: HTMLElement | null): void {
  requestAnimationFrame(() => {
    if (!focusLost()) return;
    if (usable(opener)) opener.focus();
    else document.getElementById(MAIN_CONTENT_ID)?.focus();
  });
}
