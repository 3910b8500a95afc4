/**
 * The local host running the fixture app (test/fixtures/mini-app, real @forge/* packages) in this process,
 * on a free port and a fresh data folder, with small HTTP helpers for the host's endpoints.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host, type StartHostOptions } from '../../local/server';

export const MINI_APP_DIR = path.join(__dirname, '..', 'fixtures', 'mini-app');

export interface MiniHost {
  host: Host;
  dataDir: string;
  url: string;
  /** A resolver call as `user` (default admin) from the module `moduleKey` (default the issue panel on AIP-1). */
  invoke(functionKey: string, payload?: unknown, opts?: { user?: string; moduleKey?: string; context?: Record<string, unknown> }): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** JSON over HTTP; `user` signs in with basic auth (Jira REST). */
  call(method: string, pathname: string, body?: unknown, user?: string): Promise<{ status: number; body: any; headers: Headers }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  restart(extra?: Partial<StartHostOptions>): Promise<void>;
  stop(): Promise<void>;
}

export async function startMiniHost(extra: Partial<StartHostOptions> = {}): Promise<MiniHost> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-mini-'));
  const start = (more: Partial<StartHostOptions> = {}) => startHost({ port: 0, dataDir, appDir: MINI_APP_DIR, ...extra, ...more });
  let host = await start();
  const mini: MiniHost = {
    get host() { return host; },
    dataDir,
    get url() { return host.url; },
    async invoke(functionKey, payload = {}, opts = {}) {
      const r = await mini.call('POST', '/__local/invoke', {
        moduleKey: opts.moduleKey ?? 'mini-panel', functionKey, payload, context: opts.context ?? { issueKey: 'AIP-1' }, user: opts.user ?? 'admin@example.com',
      });
      return { status: r.status, body: r.body };
    },
    async call(method, pathname, body, user) {
      const res = await fetch(`${host.url}${pathname}`, {
        method,
        headers: {
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(user ? { authorization: `Basic ${Buffer.from(`${user}:token`).toString('base64')}` } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
    async restart(more) {
      await host.close();
      host = await start(more);
    },
    async stop() {
      await host.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return mini;
}
