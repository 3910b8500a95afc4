/**
 * Spawns the local host (`tsx local/main.ts`) as a child process on a free port with a fresh data
 * directory, so each test file gets its own Jira, KVS and request counters; `mode: 'bundle'` runs the
 * backend from Forge's bundle of it (built or reused first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requireForgeBundle } from './forge-bundle';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
const URL_LINE = /Production Handoff local host: (http:\/\/127\.0\.0\.1:\d+)/;

export interface TestHost {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** How the host runs the app's backend: `src/` through tsx, or Forge's bundle of it (FORGE_BUNDLE=1). */
export type HostMode = 'source' | 'bundle';
/** The jest project `bundle` (jest.config.js) sets this global to run its test files on the bundle. */
const projectMode = (globalThis as { HOST_MODE?: HostMode }).HOST_MODE ?? 'source';

export async function startTestHost(opts: { dataDir?: string; env?: Record<string, string>; timeoutMs?: number; mode?: HostMode } = {}): Promise<TestHost> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'ph-host-'));
  const mode = opts.mode ?? projectMode;
  if (mode === 'bundle') requireForgeBundle();
  const child = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['local/main.ts'], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, FORGE_BUNDLE: mode === 'bundle' ? '1' : '0', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitForUrl(child, opts.timeoutMs ?? 60_000);
  return { url, dataDir, stop: () => stopChild(child) };
}

function waitForUrl(child: ChildProcess, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`The local host did not print its URL within ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = URL_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    const fail = (e: Error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(e);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`The local host exited (${code}) before it was ready:\n${output}`)));
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
