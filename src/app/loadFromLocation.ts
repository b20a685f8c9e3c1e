/**
 * The page's address as input: `?embed` picks the read-only embedded view, and a fragment
 * (`#pp1.…`) is a shared scenario. A link is decoded off the main thread (a hostile one cannot
 * freeze the page) and opened like any other scenario (the current work goes to Recent); a
 * broken one says why and changes nothing.
 */
import type { AppStore } from '../store/appStore.ts';
import { isLessonFragment } from './lessonAddress.ts';
import { openScenario } from './scenarioActions.ts';

export function isEmbedUrl(search: string): boolean {
  return new URLSearchParams(search).has('embed');
}

/** `?present` opens the app in presenter mode: a teacher's link for the projector. */
export function isPresentUrl(search: string): boolean {
  return new URLSearchParams(search).has('present');
}

export type LinkOutcome = 'none' | 'opened' | 'failed' | 'superseded';

/** A link that takes longer than this to read says that it is being opened (ms). */
const PROGRESS_AFTER_MS = 400;

let latestLink = 0;

/**
 * Opens the scenario in a URL fragment; resolves to what happened. Never rejects. Embedded,
 * there is no work of the visitor's to keep, so nothing goes to Recent and only failures are
 * reported. A link opened while another is still read wins over it.
 */
export async function openLinkFragment(
  store: AppStore,
  hash: string,
  options: { readonly embedded?: boolean } = {},
): Promise<LinkOutcome> {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  // A lesson link is opened by lessonAddress, not read as a scenario.
  if (fragment === '' || isLessonFragment(fragment)) return 'none';
  const mine = ++latestLink;
  let doing = 'reading the link';
  const slow = setTimeout(() => {
    if (mine === latestLink) {
      store.getState().showNotice({ tone: 'info', text: `Opening the link: ${doing}…` });
    }
  }, PROGRESS_AFTER_MS);
  // The import worker's client loads with the first link, not with the page.
  const { decodeLinkOffThread } = await import('../worker/importClient.ts');
  const result = await decodeLinkOffThread(fragment, {
    onProgress: (step) => {
      doing = step;
    },
  });
  clearTimeout(slow);
  if (mine !== latestLink || result === null) return 'superseded';
  if (!result.ok) {
    store.getState().showNotice({
      tone: 'error',
      text: `The link could not be opened. ${result.message} Nothing was changed.`,
    });
    return 'failed';
  }
  if (options.embedded) {
    store.getState().showNotice(null);
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
 * Opens the link in the address bar now and whenever the fragment changes; resolves when the
 * link the page was opened with has been handled. Outside the embed, the fragment is then taken
 * off the address, so a reload shows the work as edited since; an embed keeps it, so a slide
 * reloads the same scenario.
 */
export function followLocationLinks(
  store: AppStore,
  target: Window,
  options: { readonly embedded: boolean },
): Promise<LinkOutcome> {
  const open = async () => {
    const hash = target.location.hash;
    const outcome = await openLinkFragment(store, hash, options);
    // Taken off only if no other link came in meanwhile.
    if (outcome !== 'none' && !options.embedded && target.location.hash === hash) {
      target.history.replaceState(
        target.history.state,
        '',
        target.location.pathname + target.location.search,
      );
    }
    return outcome;
  };
  target.addEventListener('hashchange', () => void open());
  return open();
}
