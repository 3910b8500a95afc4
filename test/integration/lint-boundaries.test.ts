/**
 * The backend's folder boundaries are lint errors (tools/eslint/src-boundaries.mjs, used by eslint.config.mjs):
 * ESLint with exactly those rules runs on a temporary src/ tree that follows them, then on files that break
 * them one way each — a new folder cycle, a cycle between files, the domain reaching out, a feature's
 * internals imported from another folder, a folder the rules do not know.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/host';

jest.setTimeout(60_000);

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string }>;
}

/** Lints `files` (path under src/ → source) as a tree of its own, with the repository's src/ rules. */
function lintTree(files: Record<string, string>): Map<string, string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-lint-'));
  try {
    const config = path.join(REPO_ROOT, 'tools', 'eslint', 'src-boundaries.mjs');
    fs.writeFileSync(path.join(dir, 'eslint.config.mjs'), `import { srcBoundaries } from ${JSON.stringify(config)};\nexport default srcBoundaries();\n`);
    for (const [file, source] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'src', file)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'src', file), source);
    }
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--format', 'json', 'src'], { cwd: dir, encoding: 'utf8' });
    if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed to run (${run.status}):\n${run.stderr}`);
    const results = JSON.parse(run.stdout) as LintResult[];
    return new Map(results.map((r) => [path.relative(path.join(dir, 'src'), r.filePath), r.messages.map((m) => m.ruleId ?? m.message)]));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A small tree that keeps every rule: each folder's index.ts re-exports its module. */
const LAWFUL: Record<string, string> = {
  'index.ts': "export { handler } from './resolvers';\n",
  'domain/record.ts': "export interface Rec { id: string }\n",
  'domain/readiness.ts': "import type { Rec } from './record';\nexport const ready = (r: Rec): boolean => r.id !== '';\n",
  'shared/contract.ts': "import type { Rec } from '../domain/record';\nexport type View = { record: Rec };\n",
  'jira/index.ts': "export const jira = 1;\n",
  'storage/index.ts': "import { ready } from '../domain/readiness';\nexport const store = ready;\n",
  'kernel/index.ts': "import { jira } from '../jira';\nexport const kernel = jira;\n",
  'summary/index.ts': "export { sync } from './sync';\n",
  'summary/sync.ts': "import { store } from '../storage';\nexport const sync = store;\n",
  'handoff/index.ts': "export { change } from './change';\n",
  'handoff/change.ts': "import { sync } from '../summary';\nimport { kernel } from '../kernel';\nexport const change = [sync, kernel];\n",
  'workstreams/index.ts': "export { create } from './create';\n",
  'workstreams/create.ts': "import { change } from '../handoff';\nexport const create = change;\n",
  'resolvers/index.ts': "import { change } from '../handoff';\nimport { create } from '../workstreams';\nexport const handler = [change, create];\n",
};

test('a tree that keeps the boundaries lints clean', () => {
  const lint = lintTree(LAWFUL);
  expect(Object.fromEntries([...lint].filter(([, rules]) => rules.length > 0))).toEqual({});
  expect(lint.size).toBe(Object.keys(LAWFUL).length);
});

test('a new folder cycle, a file cycle, a domain that reaches out, internals and unknown folders are lint errors', () => {
  const lint = lintTree({
    ...LAWFUL,
    // summary → handoff closes handoff → summary: a folder cycle.
    'summary/sync.ts': "import { store } from '../storage';\nimport { change } from '../handoff';\nexport const sync = [store, change];\n",
    // Two domain modules importing each other.
    'domain/readiness.ts': "import type { Rec } from './record';\nimport { brief } from './brief';\nexport const ready = (r: Rec): boolean => r.id !== '' && brief !== '';\n",
    'domain/brief.ts': "import { ready } from './readiness';\nexport const brief = String(ready);\n",
    // The domain importing the contract (the old domain ↔ shared cycle) and a platform package.
    'domain/commands.ts': "import type { View } from '../shared/contract';\nimport { kvs } from '@forge/kvs';\nexport const commands = (v: View) => [v, kvs];\n",
    // A feature's internals from another feature.
    'resolvers/index.ts': "import { change } from '../handoff/change';\nimport { create } from '../workstreams';\nexport const handler = [change, create];\n",
    // A folder nobody placed.
    'misc/helpers.ts': "export const helper = 1;\n",
  });
  expect(lint.get('summary/sync.ts')).toEqual(expect.arrayContaining(['boundaries/dependencies', 'import-x/no-cycle']));
  // Through the index files the folder cycle is a file cycle too, reported at the other end as well.
  expect(lint.get('handoff/change.ts')).toEqual(['import-x/no-cycle']);
  expect(lint.get('domain/readiness.ts')).toContain('import-x/no-cycle');
  expect(lint.get('domain/brief.ts')).toContain('import-x/no-cycle');
  expect(lint.get('domain/commands.ts')).toEqual(expect.arrayContaining(['boundaries/dependencies', 'no-restricted-imports']));
  expect(lint.get('resolvers/index.ts')).toContain('boundaries/dependencies');
  expect(lint.get('misc/helpers.ts')).toContain('boundaries/no-unknown-files');
  // Everything else in the tree is still clean: each break is reported where it is.
  expect(lint.get('workstreams/create.ts')).toEqual([]);
  expect(lint.get('kernel/index.ts')).toEqual([]);
});
