#!/usr/bin/env node
// `npm start`: builds the Custom UI when a build is missing, then runs the local host under tsx
// (with FORGE_BUNDLE=1, on the backend as Forge's bundler builds it).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const staticDir = path.join(root, 'static');
const apps = fs.existsSync(staticDir)
  ? fs.readdirSync(staticDir, { withFileTypes: true }).filter((d) => d.isDirectory() && fs.existsSync(path.join(staticDir, d.name, 'index.html'))).map((d) => d.name)
  : [];
const missing = apps.filter((name) => !fs.existsSync(path.join(staticDir, name, 'build', 'index.html')));
if (missing.length) {
  if (fs.existsSync(path.join(root, 'scripts', 'build-ui.mjs'))) {
    console.log(`Custom UI build missing for ${missing.join(', ')}: running npm run build`);
    const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.error('npm run build failed');
      process.exit(r.status ?? 1);
    }
  } else {
    console.warn(`Custom UI build missing for ${missing.join(', ')} and scripts/build-ui.mjs does not exist: starting anyway.`);
  }
}

// FORGE_BUNDLE=1 runs the backend as Forge's bundler builds it: bring the bundle up to date first (a
// failed bundle or lint stops here, as it would stop `forge deploy`).
if (process.env.FORGE_BUNDLE === '1') {
  const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'forge-bundle.mjs'), '--reuse'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error('npm run bundle failed: not starting the host on the bundle');
    process.exit(r.status ?? 1);
  }
}

const tsxBin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const child = spawn(tsxBin, [path.join(root, 'local', 'main.ts')], { cwd: root, stdio: 'inherit', env: process.env });
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    if (!child.killed) child.kill(sig);
  });
}
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 0));
});
