import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { offlineBuild } from './build/offlineBuild.ts';

export default defineConfig({
  plugins: [react(), tailwindcss(), offlineBuild()],
  worker: { format: 'es' },
  // Every browser PodPath supports preloads modules itself; the polyfill would only add weight to
  // the first load.
  build: { modulePreload: { polyfill: false } },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
