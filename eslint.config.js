import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const ui = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', '@xyflow/*'];
const layer = (name) => [`**/${name}`, `**/${name}/*`, `**/${name}/**`];

/**
 * The dependency rule of DESIGN.md, as lint errors: each layer lists what it must not import.
 * engine <- scenario <- (worker entry: engine + protocol) <- store <- canvas | panels <- app
 * `typesOnly` lists what the layer may use as types (`import type`) but never as values.
 */
const forbid = (files, names, message, typesOnly = []) => ({
  files,
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: names, message },
          ...(typesOnly.length > 0 ? [{ group: typesOnly, message, allowTypeImports: true }] : []),
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { files: ['scripts/**/*.mjs', '*.config.js'], languageOptions: { globals: globals.node } },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  forbid(
    ['src/engine/**'],
    [...ui, ...['scenario', 'store', 'worker', 'canvas', 'panels', 'app', 'cli'].flatMap(layer)],
    'engine is the pure core: it imports nothing above it.',
  ),
  forbid(
    ['src/scenario/**'],
    [...ui, ...['store', 'worker', 'canvas', 'panels', 'app', 'cli'].flatMap(layer)],
    'scenario is pure: it may import engine only.',
  ),
  forbid(
    ['src/lessons/**'],
    [...ui, ...['store', 'worker', 'canvas', 'panels', 'app', 'cli'].flatMap(layer)],
    'lessons are pure: they may import engine and scenario only.',
  ),
  forbid(
    ['src/worker/**'],
    [...ui, ...['store', 'canvas', 'panels', 'app', 'cli'].flatMap(layer)],
    'worker knows the engine, the scenario and its protocol only.',
  ),
  forbid(
    ['src/store/**'],
    ['react-dom', '@xyflow/*', ...['canvas', 'panels', 'app', 'cli'].flatMap(layer)],
    'store sits below the views: it uses scenario and the worker client.',
  ),
  forbid(
    ['src/canvas/**'],
    [...['panels', 'app', 'cli'].flatMap(layer), '**/worker/**'],
    'canvas reads the store; it never imports panels nor calls the engine or worker directly.',
    ['**/engine/**'],
  ),
  forbid(
    ['src/panels/**'],
    [...['canvas', 'app', 'cli'].flatMap(layer), '**/worker/**'],
    'panels read the store; they never import canvas nor call the engine or worker directly.',
    ['**/engine/**'],
  ),
  // A panel's test may build its input with the engine's test fixtures, and nothing else of it.
  {
    files: ['src/panels/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...['canvas', 'app', 'cli'].flatMap(layer), '**/worker/**'],
              message: 'panels never import canvas nor call the engine or worker directly.',
            },
            {
              regex: '/engine/(?!testing/)',
              message: 'a panel test may import the engine for fixtures from engine/testing only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
