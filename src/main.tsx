import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { EmbedApp, makeReadOnly } from './app/EmbedApp.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { followLocationLinks, isEmbedUrl, isPresentUrl } from './app/loadFromLocation.ts';
import { registerOffline } from './app/registerOffline.ts';
import { installTestApi } from './app/testApi.ts';
import { UpdatePrompt } from './app/UpdatePrompt.tsx';
import { appStore } from './store/appStore.ts';
import { getBrowserStorage, restoreSavedWork, startPersistence } from './store/persistence.ts';
import './index.css';

// Browser tests read results through a window API; only their build (mode e2e) has it.
if (import.meta.env.MODE === 'e2e') installTestApi(appStore);

const embedded = isEmbedUrl(window.location.search);

/** Opens the saved work and the link in the address, then simulates what is on screen. */
async function openStartingScenario(): Promise<void> {
  if (embedded) {
    // An embed shows the linked scenario only: it never reads or saves the visitor's own work.
    makeReadOnly(appStore);
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
    const storage = getBrowserStorage();
    if (storage) {
      const problem = restoreSavedWork(appStore, storage);
      // Saving starts before a link opens, so the work the link puts in Recent is saved at once.
      startPersistence(appStore, storage);
      await followLocationLinks(appStore, window, { embedded: false });
      // The link's own message says what it replaced; a problem with the saved work comes first.
      if (problem) appStore.getState().showNotice(problem);
    } else {
      await followLocationLinks(appStore, window, { embedded: false });
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

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="PodPath">{embedded ? <EmbedApp /> : <App />}</ErrorBoundary>
    <UpdatePrompt />
  </StrictMode>,
);
