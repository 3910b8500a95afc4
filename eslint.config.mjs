import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import structure from './tools/eslint/structure.cjs';
import uiAliases from './static/shared/aliases.cjs';
import { srcBoundaries } from './tools/eslint/src-boundaries.mjs';

export default tseslint.config(
  { ignores: ['node_modules/', '**/build/', 'coverage/', '.data/', 'static/*/build/', '.forge-bundle/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // The app must never use UI Kit 1 or the removed storage API.
      'no-restricted-imports': ['error', { paths: [
        { name: '@forge/ui', message: 'UI Kit 1 is removed from Forge: use Custom UI.' },
        { name: '@forge/api', importNames: ['storage'], message: 'Use @forge/kvs.' },
        { name: '@forge/storage', message: 'Use @forge/kvs.' },
      ] }],
    },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },

  // ---- static/: the Custom UI apps ------------------------------------------------------------------
  // React's hook rules (useResolver's deps are checked like useEffect's), no import cycle between files
  // or folders, and features reached only through their public entry (bulletproof-react).
  {
    files: ['static/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, structure },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '^useResolver$' }],
      'structure/no-import-cycle': ['error', { root: 'static', aliases: uiAliases, ignore: ['\\.test\\.tsx?$', '/static/shared/testing/'] }],
      'structure/feature-entry': ['error', { aliases: uiAliases }],
    },
  },
  // ---- end of static/ ---------------------------------------------------------------------------------
  // ---- src/: the backend's folder boundaries -----------------------------------------------------------
  // One-way dependencies between folders (no folder cycle), no file cycle, features and adapters reached
  // through their index.ts, a domain without @forge/*, jira, storage or shared (tools/eslint/src-boundaries.mjs).
  ...srcBoundaries(),
  // ---- end of src/ --------------------------------------------------------------------------------------
);
