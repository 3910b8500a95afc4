#!/usr/bin/env node
/**
 * `npm run bundle`: builds and lints the backend the way `forge deploy` does, offline.
 *
 * - Forge's bundler (@forge/bundler 7.3: webpack 5 + ts-loader over this app's tsconfig.json with the
 *   TypeScript 5.9 it pins, not transpile-only) bundles the modules named by manifest.yml's function
 *   handlers into .forge-bundle/dist/<module>.cjs — the code Forge would upload.
 * - Forge's linter (@forge/lint 6.3, client-side rules, as the bundler's runLinter runs it) over src/.
 * Both run at once in child processes (scripts/forge-bundle-worker.cjs); any error of either fails.
 *
 * The packages live in tools/forge-bundler (package.json and lock committed, node_modules gitignored) and
 * are installed on first use with `npm ci --ignore-scripts`: a tree of their own keeps the TypeScript
 * ts-loader compiles with at 5.9 (in the app's tree it would find the app's TypeScript 6), and their
 * keytar dependency (the CLI's credential store, unused here) has a native build that needs libsecret.
 *
 * Usage: node scripts/forge-bundle.mjs [--reuse]
 *   --reuse  keep the last result when none of its inputs changed (tests and `FORGE_BUNDLE=1 npm start`).
 * Writes .forge-bundle/report.json (see test/helpers/forge-bundle.ts); exits 1 on any error.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const toolsDir = path.join(root, 'tools', 'forge-bundler');
const outRoot = path.join(root, '.forge-bundle');
const distDir = path.join(outRoot, 'dist');
const reportFile = path.join(outRoot, 'report.json');
const worker = path.join(root, 'scripts', 'forge-bundle-worker.cjs');
const reuse = process.argv.includes('--reuse');

const sha = (data) => createHash('sha256').update(data).digest('hex');

function ensureTools() {
  const lock = fs.readFileSync(path.join(toolsDir, 'package-lock.json'));
  const stamp = path.join(toolsDir, 'node_modules', '.installed-lock-sha256');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === sha(lock)) return 0;
  const started = Date.now();
  console.log('Installing Forge\'s bundler and linter into tools/forge-bundler (first run only)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: toolsDir, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm ci in tools/forge-bundler failed (${r.status ?? r.signal})`);
  fs.writeFileSync(stamp, sha(lock));
  return Date.now() - started;
}

function filesUnder(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : [p];
  });
}

/** Everything the bundle and the lint result depend on, so --reuse never serves a stale result. */
function inputsHash() {
  const files = [
    ...filesUnder(path.join(root, 'src')),
    ...['tsconfig.json', 'manifest.yml', 'package.json', 'package-lock.json', '.gitignore', 'tools/forge-bundler/package-lock.json', 'scripts/forge-bundle.mjs', 'scripts/forge-bundle-worker.cjs'].map((f) => path.join(root, f)),
  ].sort();
  const h = createHash('sha256');
  for (const f of files) h.update(`${path.relative(root, f)}\0${fs.existsSync(f) ? sha(fs.readFileSync(f)) : '-'}\0`);
  // The linter checks that every Custom UI resource folder exists.
  const manifest = parseYaml(fs.readFileSync(path.join(root, 'manifest.yml'), 'utf8'));
  for (const r of manifest?.resources ?? []) h.update(`${r.path}\0${fs.existsSync(path.join(root, r.path, 'index.html'))}\0`);
  return h.digest('hex');
}

/** The output as written, so --reuse also notices a bundle changed or removed since. */
function distHash() {
  const h = createHash('sha256');
  for (const f of filesUnder(distDir).sort()) h.update(`${path.relative(distDir, f)}\0${sha(fs.readFileSync(f))}\0`);
  return h.digest('hex');
}

function runWorker(mode, arg) {
  const resultFile = path.join(outRoot, `${mode}.json`);
  fs.rmSync(resultFile, { force: true });
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [worker, mode, resultFile, arg], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('close', (code) => {
      if (fs.existsSync(resultFile)) resolve(JSON.parse(fs.readFileSync(resultFile, 'utf8')));
      else resolve({ ok: false, ms: 0, errors: [`${mode} worker exited ${code} without a result:\n${output}`], warnings: [] });
    });
  });
}

function toolVersions() {
  const v = (name) => JSON.parse(fs.readFileSync(path.join(toolsDir, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { '@forge/bundler': v('@forge/bundler'), '@forge/lint': v('@forge/lint'), typescript: v('typescript'), webpack: v('webpack'), 'ts-loader': v('ts-loader') };
}

function summarise(report, reused) {
  const { bundle, lint } = report;
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`Forge bundler ${report.tools['@forge/bundler']} (TypeScript ${report.tools.typescript}, webpack ${report.tools.webpack})${reused ? ' [reused]' : ''}: ` +
    (bundle.ok ? `ok in ${s(bundle.ms)}, ${bundle.files.map((f) => `${f.name} ${Math.round(f.bytes / 1024)} kB`).join(', ')}` : `FAILED in ${s(bundle.ms)}`));
  for (const e of bundle.errors) console.log(`  error: ${e}`);
  for (const w of bundle.warnings) console.log(`  warning: ${w}`);
  console.log(`Forge linter ${report.tools['@forge/lint']}${reused ? ' [reused]' : ''}: ${lint.ok ? 'ok' : 'FAILED'} in ${s(lint.ms)}, ${lint.parsed ?? 0} of ${lint.files ?? 0} source files, ${lint.errors.length} errors, ${lint.warnings.length} warnings`);
  for (const e of lint.errors) console.log(`  error: ${e}`);
  for (const w of lint.warnings) console.log(`  warning: ${w}`);
  if (reused) console.log(`Reused the result of ${report.createdAt} (no input changed); output in ${path.relative(root, distDir)}/`);
  else console.log(`Wall time ${s(report.wallMs)}${report.installMs ? ` (+ ${s(report.installMs)} installing the tools)` : ''}; output in ${path.relative(root, distDir)}/`);
}

async function main() {
  fs.mkdirSync(outRoot, { recursive: true });
  const installMs = ensureTools();
  const hash = inputsHash();
  if (reuse && fs.existsSync(reportFile)) {
    const last = JSON.parse(fs.readFileSync(reportFile, 'utf8'));
    if (last.inputsHash === hash && last.distHash === distHash()) {
      summarise(last, true);
      return last.bundle.ok && last.lint.ok ? 0 : 1;
    }
  }
  fs.rmSync(reportFile, { force: true });
  fs.rmSync(distDir, { recursive: true, force: true });
  const offlineSpec = path.join(outRoot, 'offline-rest-spec.json');
  fs.writeFileSync(offlineSpec, JSON.stringify({ paths: {} }));
  const started = Date.now();
  const [bundle, lint] = await Promise.all([runWorker('bundle', distDir), runWorker('lint', offlineSpec)]);
  const report = { inputsHash: hash, distHash: distHash(), createdAt: new Date().toISOString(), tools: toolVersions(), distDir: path.relative(root, distDir), wallMs: Date.now() - started, installMs, bundle, lint };
  fs.writeFileSync(reportFile, JSON.stringify(report, null, 2));
  summarise(report, false);
  return bundle.ok && lint.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(1);
  },
);
