import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Browser specs belong to Playwright; Vitest runs only the unit tests beside the code.
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['e2e/**', 'node_modules/**', 'dist/**'],
    environment: 'node',
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/unit.json' }]]
      : ['default'],
  },
});
