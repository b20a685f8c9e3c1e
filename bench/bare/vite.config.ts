import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The bare React Flow page, built beside the app only by `npm run bench:browser`. */
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  logLevel: 'error',
});
