import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { ErrorBoundary } from './app/ErrorBoundary.tsx';
import { installTestApi } from './app/testApi.ts';
import { appStore } from './store/appStore.ts';
import './index.css';

installTestApi(appStore);
void appStore.getState().simulate();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <ErrorBoundary area="PodPath">
      <App />
    </ErrorBoundary>
  </StrictMode>,
);
