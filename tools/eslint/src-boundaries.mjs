/**
 * The backend's folder boundaries (src/), as lint rules. Each folder is one element; the allowed
 * dependencies below form a one-way graph, so no folder-level import cycle can appear without an import
 * this rejects, and import-x/no-cycle rejects a cycle between files as well. Features and adapters are
 * reached through their public entry (index.ts) only; the domain and the contract are plain modules.
 * Kept apart from eslint.config.mjs so a test can lint a temporary tree with exactly these rules.
 */
import boundaries from 'eslint-plugin-boundaries';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Folder → the folders it may import (besides itself). Read top to bottom: nothing points back up. */
export const SRC_LAYERS = {
  domain: [],
  shared: ['domain'],
  jira: ['domain'],
  storage: ['domain'],
  kernel: ['domain', 'shared', 'jira'],
  summary: ['domain', 'jira', 'storage'],
  handoff: ['domain', 'shared', 'jira', 'storage', 'kernel', 'summary'],
  workstreams: ['domain', 'shared', 'jira', 'storage', 'kernel', 'summary', 'handoff'],
  report: ['domain', 'shared', 'jira', 'storage', 'kernel', 'summary'],
  portfolio: ['domain', 'shared', 'jira', 'storage', 'kernel'],
  settings: ['domain', 'shared', 'storage', 'kernel'],
  gate: ['domain', 'jira', 'storage', 'kernel'],
  readings: ['domain', 'shared', 'jira', 'storage', 'kernel', 'handoff'],
  reminders: ['domain', 'jira', 'storage', 'summary'],
  resolvers: ['domain', 'shared', 'jira', 'storage', 'kernel', 'handoff', 'workstreams', 'report', 'settings', 'gate', 'readings', 'portfolio'],
};

/** What src/index.ts (Forge's function handlers) may reach: the resolver list, the gate and the trigger. */
const ENTRY_IMPORTS = ['./resolvers', './gate', './summary', './reminders', './readings'];

/** Plain modules anyone allowed may import file by file; every other folder only through its index.ts. */
const OPEN_FOLDERS = ['domain', 'shared'];

/** @param {{ root?: string }} options the folder holding src/ (the repository, or a test's temporary tree) */
export function srcBoundaries({ root = '.' } = {}) {
  const at = (path) => (root === '.' ? path : `${root}/${path}`);
  const folders = Object.keys(SRC_LAYERS);
  return [
    {
      files: [at('src/**/*.ts')],
      languageOptions: { parser: tseslint.parser },
      plugins: { boundaries, 'import-x': importX },
      settings: {
        'boundaries/elements': folders.map((type) => ({ type, pattern: at(`src/${type}`) })),
        // src/index.ts (Forge's entry points) is a file, not a folder: the rule below keeps it to the entries.
        'boundaries/include': [at('src/*/**/*.ts')],
        // Tests and their fixtures may reach anywhere; they are not part of the app's graph.
        'boundaries/ignore': [at('src/**/*.test.ts'), at('src/**/__fixtures__/**')],
        'import/resolver': { node: { extensions: ['.ts', '.js'] } },
        'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js'] })],
        // no-cycle follows imports by parsing each imported module: it needs to know TypeScript files.
        'import-x/extensions': ['.ts', '.js'],
        'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      },
      rules: {
        'boundaries/no-unknown-files': 'error',
        'boundaries/dependencies': ['error', {
          default: 'disallow',
          message: 'src/{{from.type}} may not import {{to.type}}/{{to.internalPath}}: src/ folders depend one way, and reach another folder through its index.ts (tools/eslint/src-boundaries.mjs)',
          policies: Object.entries(SRC_LAYERS).map(([from, allowed]) => ({
            from: { element: { type: from } },
            allow: [from, ...allowed].map((to) => ({ to: { element: to === from || OPEN_FOLDERS.includes(to) ? { type: to } : { type: to, fileInternalPath: 'index.ts' } } })),
          })),
        }],
        // A cycle between files, within a folder or across the index files.
        'import-x/no-cycle': ['error', { ignoreExternal: true }],
      },
    },
    {
      files: [at('src/index.ts')],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ regex: `^(?!(${ENTRY_IMPORTS.map((p) => p.replace('.', '\\.')).join('|')})$)`, message: 'src/index.ts holds Forge entry points only: the resolver list, the gate and the trigger.' }] }],
      },
    },
    {
      // The domain is pure: no platform package, whatever the folder rules say.
      files: [at('src/domain/**/*.ts')],
      rules: {
        'no-restricted-imports': ['error', { patterns: [{ group: ['@forge/*'], message: 'The domain is pure: no @forge/* package, no I/O.' }] }],
      },
    },
  ];
}
