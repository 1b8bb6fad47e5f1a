import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

const root = import.meta.dirname;

export default defineConfig([
  globalIgnores([
    'dist/',
    'out/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'docs/',
    '.data/',
    'coverage/',
  ]),

  // Every source file: which layer may import what (eslint-rules/layers.js).
  {
    files: ['**/*.{js,mjs,cjs,ts,mts,cts,tsx}'],
    plugins: { local: { rules: { layers } } },
    rules: { 'local/layers': ['error', { root }] },
  },

  // Plain JS: scripts, config, the local rules.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node },
  },

  // TypeScript everywhere.
  {
    files: ['**/*.{ts,mts,cts,tsx}'],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },

  // Main-process, worker, CLI, tests: Node globals.
  {
    files: ['lib/**/*.ts', 'main/**/*.ts', 'native/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', '*.ts'],
    languageOptions: { globals: globals.node },
  },

  // Preload: a sandboxed page context with a restricted `require` — browser globals only.
  {
    files: ['preload/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },

  // Renderer: browser globals and the rules of hooks.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
]);
