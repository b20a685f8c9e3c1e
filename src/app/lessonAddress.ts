/**
 * Lesson links in the address: `?lesson=<built-in id>&step=N` opens a lesson of the course, and
 * `#lesson=pl1.…&step=N` a teacher's own lesson carried in the link (the format lessonFile
 * defines). N counts from 1. Reading the address is light; the lessons themselves (the course,
 * the schema that checks a carried lesson) load only when a link asks for one.
 */
import type { AppStore } from '../store/appStore.ts';

export type LessonLinkRequest =
  | { readonly kind: 'none' }
  | { readonly kind: 'course'; readonly id: string; readonly step: number }
  | { readonly kind: 'encoded'; readonly payload: string; readonly step: number };

function stepOf(text: string | null): number {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n - 1 : 0;
}

/** What lesson, if any, the address asks for. */
export function readLessonLink(search: string, hash: string): LessonLinkRequest {
  const fragment = new URLSearchParams(hash.replace(/^#/, ''));
  const payload = hash.replace(/^#/, '').startsWith('lesson=') ? fragment.get('lesson') : null;
  if (payload !== null) return { kind: 'encoded', payload, step: stepOf(fragment.get('step')) };
  const query = new URLSearchParams(search);
  const id = query.get('lesson');
  if (id !== null) return { kind: 'course', id, step: stepOf(query.get('step')) };
  return { kind: 'none' };
}

/** True when a fragment is a lesson link, not a shared scenario. */
export function isLessonFragment(hash: string): boolean {
  return hash.replace(/^#/, '').startsWith('lesson=');
}

/** Opens the lesson a link asks for, loading the lesson code first; says why when it cannot. */
async function openRequested(store: AppStore, request: LessonLinkRequest): Promise<void> {
  try {
    const { openLessonLink } = await import('./lessonLinks.ts');
    openLessonLink(store, request);
  } catch {
    store.getState().showNotice({
      tone: 'error',
      text: 'PodPath could not load the lessons to open the lesson link. Reload the page to try again. Nothing was changed.',
    });
  }
}

/**
 * Opens the lesson in the address now and whenever the fragment changes, then takes the lesson
 * off the address (keeping `?present`), so a reload shows the work as it is. Resolves once the
 * lesson in the address at the call is open (at once when there is none).
 */
export function followLessonLinks(store: AppStore, target: Window): Promise<void> {
  const open = async () => {
    const request = readLessonLink(target.location.search, target.location.hash);
    if (request.kind === 'none') return;
    const query = new URLSearchParams(target.location.search);
    query.delete('lesson');
    query.delete('step');
    const rest = query.toString().replace(/=(&|$)/g, '$1');
    target.history.replaceState(
      target.history.state,
      '',
      target.location.pathname + (rest ? `?${rest}` : ''),
    );
    await openRequested(store, request);
  };
  target.addEventListener('hashchange', () => {
    if (isLessonFragment(target.location.hash)) void open();
  });
  return open();
}
