/**
 * What `forge deploy` does to the backend before uploading it, offline: Forge's own bundler (@forge/bundler
 * 7.3: webpack 5 + ts-loader over tsconfig.json with TypeScript 5.9, not transpile-only) and Forge's own
 * linter (@forge/lint 6.3) — see scripts/forge-bundle.mjs. The bundle is then loaded by plain Node, as
 * Forge's runtime loads it, and every function handler manifest.yml names must be a function there.
 * The linter needs the Custom UI builds (npm test builds them first): it checks every resource folder.
 * With FORGE_BUNDLE=1 the local host runs that bundle: the jest project `bundle` runs the gate's and the
 * handoff resolvers' tests on it; the last test here shows each kind of function really comes from it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT, startTestHost } from '../helpers/host';
import { ensureForgeBundle, FORGE_BUNDLE_DIST, type ForgeBundleReport } from '../helpers/forge-bundle';
import { createEpic, DONE_TRANSITION, transition } from '../helpers/handoff-fixtures';
import { eventsIdle, invoke } from '../helpers/local-api';

// A first run installs the tools (~20 s) and bundles and lints (~30 s on two busy cores).
jest.setTimeout(600_000);

const manifest = parse(fs.readFileSync(path.join(REPO_ROOT, 'manifest.yml'), 'utf8')) as { modules: { function: Array<{ key: string; handler: string }> } };
const handlers = manifest.modules.function.map((f) => {
  const [module, exportName] = f.handler.split('.');
  return { key: f.key, handler: f.handler, module, exportName };
});

let report: ForgeBundleReport;
let output: string;
beforeAll(() => {
  ({ report, output } = ensureForgeBundle());
});

test("Forge's bundler builds the backend from the manifest's handler modules with no error", () => {
  expect({ errors: report.bundle.errors, output: report.bundle.ok ? '' : output }).toEqual({ errors: [], output: '' });
  expect(report.tools['@forge/bundler']).toMatch(/^7\.3\./);
  expect(report.tools.typescript).toMatch(/^5\.9\./);
  expect(report.bundle.entryPoints.sort()).toEqual([...new Set(handlers.map((h) => h.module))].sort());
  // Forge bundles the app's dependencies into the upload: the real @forge packages are inside.
  expect(report.bundle.bundledPackages).toEqual(expect.arrayContaining(['@forge/api', '@forge/kvs', '@forge/resolver', 'zod']));
});

test("Forge's linter reads every source file under src/ and reports no error", () => {
  expect(report.tools['@forge/lint']).toMatch(/^6\.3\./);
  expect(report.lint.errors).toEqual([]);
  expect(report.lint.files).toBeGreaterThan(0);
  expect(report.lint.parsed).toBe(report.lint.files);
  expect(report.lint.ok).toBe(true);
});

test('the bundle, loaded by plain Node as Forge loads it, exports every function handler named in manifest.yml', () => {
  expect(report.bundle.ok).toBe(true);
  // Outside jest's module registry, so nothing from the test run (tsx, jest's transforms) can help it load.
  const exportsOf = (module: string) =>
    JSON.parse(
      execFileSync(process.execPath, ['-e', 'const m = require(process.argv[1]); console.log(JSON.stringify(Object.fromEntries(Object.keys(m).map((k) => [k, typeof m[k]]))))', path.join(FORGE_BUNDLE_DIST, `${module}.cjs`)], {
        cwd: FORGE_BUNDLE_DIST,
        encoding: 'utf8',
      }),
    ) as Record<string, string>;
  expect(handlers.length).toBeGreaterThan(0);
  for (const h of handlers) {
    expect({ handler: h.handler, type: exportsOf(h.module)[h.exportName] }).toEqual({ handler: h.handler, type: 'function' });
  }
});

test('a host started with FORGE_BUNDLE=1 runs the resolver, the gate, the trigger, the daily reminders and the KPI feed from the bundle', async () => {
  const host = await startTestHost({ mode: 'bundle' });
  try {
    const key = await createEpic(host.url, 'Bundle: undecided initiative');
    const view = await invoke(host.url, 'getHandoff', {}, { context: { issueKey: key } });
    expect(view.ok).toBe(true);
    const blocked = await transition(host.url, key, DONE_TRANSITION);
    expect(blocked.status).toBe(400);
    expect(blocked.body?.errorMessages?.join(' ')).toContain(`Production handoff for ${key} is not decided`);
    await eventsIdle(host.url);
    const run = await fetch(`${host.url}/__local/scheduled/run`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ moduleKey: 'reminders-daily', force: true }) });
    expect(((await run.json()) as { ran: Array<{ recordedStatus: number }> }).ran[0].recordedStatus).toBe(200);
    const feed = await invoke(host.url, 'getFeedTokens', {}, { context: { projectKey: 'AIP' } });
    expect(feed.ok).toBe(true);
    if (feed.ok) expect((await fetch(feed.data.url, { method: 'POST', body: '{}' })).status).toBe(401);
    const info = (await (await fetch(`${host.url}/__local/app`)).json()) as { code: string; loaded: Record<string, string> };
    const bundleFile = path.join(FORGE_BUNDLE_DIST, 'index.cjs');
    expect(info.code).toBe('bundle');
    expect(info.loaded).toEqual(Object.fromEntries(handlers.map((h) => [h.key, bundleFile])));
  } finally {
    await host.stop();
  }
});
