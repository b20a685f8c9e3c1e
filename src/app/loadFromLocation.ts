/**
 * The page's address as input: `?embed` picks the read-only embedded view, and a fragment
 * (`#pp1.…`) is a shared scenario. A link is opened like any other scenario (the current work
 * goes to Recent); a broken one says why and changes nothing.
 */
import { decodeShareFragment } from '../scenario/shareLink.ts';
import type { AppStore } from '../store/appStore.ts';
import { openScenario } from './scenarioActions.ts';

export function isEmbedUrl(search: string): boolean {
  return new URLSearchParams(search).has('embed');
}

export type LinkOutcome = 'none' | 'opened' | 'failed';

/**
 * Opens the scenario in a URL fragment; returns what happened. Never throws. Embedded, there is
 * no work of the visitor's to keep, so nothing goes to Recent and only failures are reported.
 */
export function openLinkFragment(
  store: AppStore,
  hash: string,
  options: { readonly embedded?: boolean } = {},
): LinkOutcome {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  if (fragment === '') return 'none';
  const result = decodeShareFragment(fragment);
  if (!result.ok) {
    store.getState().showNotice({
      tone: 'error',
      text: `The link could not be opened. ${result.message} Nothing was changed.`,
    });
    return 'failed';
  }
  if (options.embedded) {
    store.getState().loadScenario(result.scenario, {
      source: 'link',
      play: true,
      view: result.view,
      remember: false,
    });
    return 'opened';
  }
  openScenario(store, result.scenario, {
    source: 'link',
    play: true,
    view: result.view,
    from: 'from a link',
  });
  return 'opened';
}

/**
 * Opens the link in the address bar now and whenever the fragment changes. Outside the embed,
 * the fragment is then taken off the address, so a reload shows the work as edited since; an
 * embed keeps it, so a slide reloads the same scenario.
 */
export function followLocationLinks(
  store: AppStore,
  target: Window,
  options: { readonly embedded: boolean },
): () => void {
  const open = () => {
    const outcome = openLinkFragment(store, target.location.hash, options);
    if (outcome !== 'none' && !options.embedded) {
      target.history.replaceState(
        target.history.state,
        '',
        target.location.pathname + target.location.search,
      );
    }
  };
  open();
  target.addEventListener('hashchange', open);
  return () => target.removeEventListener('hashchange', open);
}
