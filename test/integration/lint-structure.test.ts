/**
 * The lint rules that keep the Custom UI's shape (tools/eslint/structure.cjs): a new import cycle, between
 * files or between folders, and a reach into another feature's internals fail `npm test`'s lint step.
 * Each case lints a small tree written to a temporary folder; the last one checks the rules are on for static/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = join(__dirname, '..', '..');
const eslintBin = join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');

interface LintResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string }>;
}

/** The real eslint CLI (ESLint loads its config with dynamic imports, which jest's module system refuses). */
function eslint(cwd: string, args: string[]): LintResult[] {
  const run = spawnSync(process.execPath, [eslintBin, '--format', 'json', ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as LintResult[];
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'structure-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function lint(dir: string, aliases: Record<string, string> = {}): string[] {
  const config = `import tseslint from ${JSON.stringify(require.resolve('typescript-eslint'))};
import structure from ${JSON.stringify(join(root, 'tools', 'eslint', 'structure.cjs'))};
const aliases = ${JSON.stringify(aliases)};
export default [{
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser },
  plugins: { structure },
  rules: { 'structure/no-import-cycle': ['error', { root: '.', aliases }], 'structure/feature-entry': ['error', { aliases }] },
}];
`;
  writeFileSync(join(dir, 'eslint.config.mjs'), config);
  return eslint(dir, ['.']).flatMap((r) => r.messages.map((m) => `${r.filePath.slice(dir.length + 1)}: ${m.ruleId} ${m.message}`));
}

describe('lint: the shape of the Custom UI', () => {
  const made: string[] = [];
  const make = (files: Record<string, string>) => {
    const dir = tree(files);
    made.push(dir);
    return dir;
  };
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('passes a tree whose folders import one way', () => {
    const dir = make({ 'report/tab.ts': "import { rows } from '../export/csv';\nexport const tab = rows;\n", 'export/csv.ts': 'export const rows = 1;\n' });
    expect(lint(dir)).toEqual([]);
  });

  it('fails a folder cycle that no two files form (report → export → report), as static/report had', () => {
    const dir = make({
      'report/tab.ts': "import { csv } from '../export/actions';\nexport const tab = csv;\n",
      'report/flags.ts': "export const FLAGS = ['stalled'];\n",
      'export/actions.ts': "import { FLAGS } from '../report/flags';\nexport const csv = FLAGS.join();\n",
    });
    const problems = lint(dir);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^export\/actions\.ts: structure\/no-import-cycle Folder cycle: export → report → export/)]),
    );
  });

  it('fails a file cycle, also through an alias', () => {
    const dir = make({ 'shared/a.ts': "import { b } from '@ui/b';\nexport const a = () => b;\n", 'shared/b.ts': "import { a } from './a';\nexport const b = () => a;\n" });
    const problems = lint(dir, { '@ui': join(dir, 'shared') });
    expect(problems).toContain('shared/a.ts: structure/no-import-cycle Import cycle: shared/a.ts → shared/b.ts → shared/a.ts.');
  });

  it("fails a reach into another feature's internals; its public entry is fine", () => {
    const dir = make({
      'features/handoff/index.ts': "export { useSave } from './hooks/useSave';\n",
      'features/handoff/hooks/useSave.ts': 'export const useSave = () => 1;\n',
      'features/metrics/form.ts': "import { useSave } from '../handoff/hooks/useSave';\nimport { useSave as entry } from '../handoff';\nexport const f = [useSave, entry];\n",
    });
    expect(lint(dir)).toEqual([
      "features/metrics/form.ts: structure/feature-entry ../handoff/hooks/useSave is inside the feature 'handoff': import it from ../handoff (the feature's public entry) instead.",
    ]);
  });

  it("is on for static/ in the project's lint config", () => {
    const run = spawnSync(process.execPath, [eslintBin, '--print-config', 'static/panel/src/App.tsx'], { cwd: root, encoding: 'utf8' });
    const rules = (JSON.parse(run.stdout) as { rules: Record<string, unknown[]> }).rules;
    for (const rule of ['structure/no-import-cycle', 'structure/feature-entry', 'react-hooks/rules-of-hooks', 'react-hooks/exhaustive-deps']) expect([rule, rules[rule]?.[0]]).toEqual([rule, 2]);
  });
});
