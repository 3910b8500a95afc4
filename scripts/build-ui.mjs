#!/usr/bin/env node
/**
 * Builds every Custom UI app (static/<app>/vite.config.ts) into static/<app>/build, one after another
 * (Vite builds in parallel would compete for the machine's two cores and interleave their logs).
 * Usage: node scripts/build-ui.mjs [app ...]   — no names builds them all.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// The configs are TypeScript ESM in a CommonJS package; Vite's bundling loader handles that fine today.
process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING ??= 'true';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.join(root, 'static');

function appsToBuild(names) {
  const all = fs
    .readdirSync(staticDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(staticDir, d.name, 'vite.config.ts')))
    .map((d) => d.name)
    .sort();
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length > 0) throw new Error(`No Vite app named ${unknown.join(', ')} (have: ${all.join(', ')})`);
  return names;
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(p) : [p];
  });
}

function sizeOf(dir) {
  let raw = 0;
  let gzip = 0;
  for (const file of filesUnder(dir)) {
    const bytes = fs.readFileSync(file);
    raw += bytes.length;
    // Only text assets are gzipped by a CDN; images count as they are.
    gzip += /\.(js|css|html|svg|json)$/.test(file) ? zlib.gzipSync(bytes).length : bytes.length;
  }
  return { raw, gzip };
}

const kB = (n) => `${(n / 1024).toFixed(1)} kB`;

async function buildApp(app) {
  const appDir = path.join(staticDir, app);
  const started = Date.now();
  await build({ root: appDir, configFile: path.join(appDir, 'vite.config.ts'), logLevel: 'warn' });
  const outDir = path.join(appDir, 'build');
  if (!fs.existsSync(path.join(outDir, 'index.html'))) throw new Error(`${app}: the build has no index.html`);
  const { raw, gzip } = sizeOf(outDir);
  console.log(`ui ${app.padEnd(18)} ${kB(raw).padStart(10)}  gzip ${kB(gzip).padStart(10)}  ${Date.now() - started} ms`);
}

// One broken app must not hide the others' results: build all, then fail if any failed.
const apps = appsToBuild(process.argv.slice(2));
const failed = [];
for (const app of apps) {
  try {
    await buildApp(app);
  } catch (e) {
    failed.push(app);
    console.error(`ui ${app}: build FAILED: ${e instanceof Error ? e.message : String(e)}`);
  }
}
if (failed.length > 0) {
  console.error(`Custom UI build failed for: ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`Built ${apps.length} Custom UI app(s): ${apps.join(', ')}`);
