#!/usr/bin/env node
// The whole test command: brings Debian's Chromium when missing, then type checks, lints, builds the
// Custom UI, bundles and lints the backend with Forge's own bundler and linter (scripts/forge-bundle.mjs)
// and runs every jest project (unit, integration, browser, bundle). Ends with "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (name) => join(root, 'node_modules', '.bin', name);
const run = (cmd, args, opts = {}) => {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  console.log('Chromium is missing: installing Debian\'s chromium package for the browser tests.');
  const asRoot = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  const apt = (args) => (asRoot.length ? run(asRoot[0], [...asRoot.slice(1), 'apt-get', ...args]) : run('apt-get', args));
  if (apt(['update']) !== 0 || apt(['install', '-y', '--no-install-recommends', 'chromium']) !== 0 || !existsSync('/usr/bin/chromium')) {
    console.error('Could not install chromium (needs root or sudo and Debian\'s package repositories).');
    process.exit(1);
  }
}

const steps = [];
ensureChromium();
steps.push(['typecheck (app, host, tests)', run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])]);
steps.push(['typecheck (Custom UI)', run(bin('tsc'), ['-p', 'static/tsconfig.json', '--noEmit'])]);
steps.push(['lint', run(bin('eslint'), ['.', '--max-warnings=0'])]);
steps.push(['build Custom UI', run(process.execPath, ['scripts/build-ui.mjs'])]);
// After the UI build: Forge's linter checks that every resource folder exists. The jest tests on the bundle reuse this output.
steps.push(['Forge bundle and lint', run(process.execPath, ['scripts/forge-bundle.mjs'])]);

const resultsFile = join(root, '.jest-results.json');
rmSync(resultsFile, { force: true });
const jestArgs = ['--json', `--outputFile=${resultsFile}`, '--runInBand', ...process.argv.slice(2)];
steps.push(['jest', run(bin('jest'), jestArgs)]);

let passed = 0;
let failed = 0;
if (existsSync(resultsFile)) {
  const r = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
}
const failedSteps = steps.filter(([, code]) => code !== 0).map(([name]) => name);
// A failed check step counts as a failure so the summary can never look green when it was not.
failed += failedSteps.filter((n) => n !== 'jest').length;
console.log('\nSteps:', steps.map(([n, c]) => `${n}: ${c === 0 ? 'ok' : 'FAILED'}`).join(' | '));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
