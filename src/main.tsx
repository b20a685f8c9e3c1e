import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { followLocationLinks, isEmbedUrl, isPresentUrl } from './app/loadFromLocation.ts';
import { followLessonLinks } from './app/lessonAddress.ts';
import { registerOffline } from './app/registerOffline.ts';
import { UpdatePrompt } from './app/UpdatePrompt.tsx';
import { appStore } from './store/appStore.ts';
import { getBrowserStorage, hasSavedWork } from './store/browserStorage.ts';
import type { ScenarioNotice } from './store/scenarioLibrarySlice.ts';
import { prefetchLazyParts } from './ui/lazyPart.tsx';
import './index.css';

const embedded = isEmbedUrl(window.location.search);
/** The embedded view's own code loads only for an embed. */
const embedApp = embedded ? import('./app/EmbedApp.tsx') : null;
const storage = embedded ? null : getBrowserStorage();

/**
 * Reads the saved work and starts saving. The reader (and its schema) and the lessons load here
 * rather than with the page, so a first visit paints without them.
 */
async function openSavedWork(browserStorage: Storage): Promise<ScenarioNotice | null> {
  let persistence: typeof import('./store/persistence.ts');
  let lessons: typeof import('./app/lessonActions.ts');
  try {
    [persistence, lessons] = await Promise.all([
      import('./store/persistence.ts'),
      import('./app/lessonActions.ts'),
    ]);
  } catch {
    return {
      tone: 'error',
      text: 'PodPath could not load the code that reads and saves your work. Reload the page to try again; until then, use Export to keep your work as a file.',
    };
  }
  const { restoreSavedWork, startPersistence } = persistence;
  const problem = restoreSavedWork(appStore, browserStorage);
  // Saving starts before a link opens, so the work the link puts in Recent is saved at once.
  startPersistence(appStore, browserStorage);
  lessons.startLessonPersistence(appStore, browserStorage);
  return problem;
}
const savedWork = storage ? openSavedWork(storage) : null;

/** Opens the saved work and the link in the address, then simulates what is on screen. */
async function openStartingScenario(): Promise<void> {
  if (embedded) {
    // An embed shows the linked scenario only: it never reads or saves the visitor's own work.
    (await import('./app/EmbedApp.tsx')).makeReadOnly(appStore);
    await followLocationLinks(appStore, window, { embedded: true });
    const { document: current } = appStore.getState();
    // Without a link, the embed plays the default scenario's flow.
    if (
      appStore.getState().trace === null &&
      appStore.getState().activeProbe === null &&
      current.flow
    ) {
      void appStore.getState().sendProbe(current.flow);
    }
  } else {
    if (savedWork) {
      const problem = await savedWork;
      await followLocationLinks(appStore, window, { embedded: false });
      await followLessonLinks(appStore, window);
      // The link's own message says what it replaced; a problem with the saved work comes first.
      if (problem) appStore.getState().showNotice(problem);
    } else {
      await followLocationLinks(appStore, window, { embedded: false });
      await followLessonLinks(appStore, window);
      if (appStore.getState().notice === null) {
        appStore.getState().showNotice({
          tone: 'info',
          text: 'This browser does not let PodPath save your work between visits. Use Export to keep it as a file.',
        });
      }
    }
  }
  if (appStore.getState().status === 'idle' && appStore.getState().model === null) {
    void appStore.getState().simulate();
  }
}
if (!embedded && isPresentUrl(window.location.search)) appStore.getState().setPresenting(true);
void openStartingScenario();
registerOffline();

async function renderPage(): Promise<void> {
  // Browser tests read results through a window API; only their build (mode e2e) has it.
  if (import.meta.env.MODE === 'e2e') (await import('./app/testApi.ts')).installTestApi(appStore);
  // A returning visitor's work is on the first screen, never the default scenario flashing by.
  if (savedWork && storage && hasSavedWork(storage)) await savedWork;
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  const EmbedApp = embedApp ? (await embedApp).EmbedApp : null;
  createRoot(root).render(
    <StrictMode>
      <ErrorBoundary area="PodPath">{EmbedApp ? <EmbedApp /> : <App />}</ErrorBoundary>
      <UpdatePrompt />
    </StrictMode>,
  );
  prefetchLazyParts();
}
void renderPage();
