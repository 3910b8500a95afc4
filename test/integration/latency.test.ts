/**
 * The latency model (local/forge/latency.ts) switched on as `npm start` does (FORGE_LATENCY) and as the
 * bench does (startHost's `latency` option). These check behaviour with generous bounds: each cost is a
 * real wait of at least its delay, parallel requests overlap, sequential ones add up. They do not check
 * the app's targets (that is `npm run bench`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHost, type Host } from '../../local/server';
import { BRIDGE_REQUEST_HEADER } from '../../local/forge/latency';
import { SEED_KEYS, TRANSITION_IDS } from '../../local/jira/seed';
import { startTestHost, type TestHost } from '../helpers/host';
import { createEpic, transition } from '../helpers/handoff-fixtures';
import { eventsIdle, resetStats, stats } from '../helpers/local-api';

jest.setTimeout(90_000);

const MINI_APP = path.join(__dirname, '..', 'fixtures', 'mini-app');
const BASIC = `Basic ${Buffer.from('admin@example.com:token').toString('base64')}`;

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

describe('FORGE_LATENCY on the host that npm start runs', () => {
  // invocation 400 ms, cold start +800 ms, Jira request 300 ms, KVS operation 200 ms
  let host: TestHost;

  beforeAll(async () => {
    host = await startTestHost({ env: { APP_DIR: MINI_APP, FORGE_LATENCY: 'invocation=400,cold=800,jira=300,kvs=200' } });
  });
  afterAll(async () => {
    await host?.stop();
    if (host) fs.rmSync(host.dataDir, { recursive: true, force: true });
  });

  async function invoke(functionKey: string, payload: unknown): Promise<{ status: number; serverMs: number; body: Record<string, unknown> }> {
    const res = await fetch(`${host.url}/__local/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ moduleKey: 'mini-panel', functionKey, payload, context: { issueKey: SEED_KEYS.nearlyReady }, user: 'admin@example.com' }),
    });
    return { status: res.status, serverMs: Number(res.headers.get('x-invocation-ms')), body: (await res.json()) as Record<string, unknown> };
  }

  it('makes a resolver invocation wait the invocation delay, plus the cold start on the function\'s first call', async () => {
    const cold = await timed(() => invoke('kvsGet', { key: 'latency-probe' }));
    expect(cold.value.status).toBe(200);
    expect(cold.ms).toBeGreaterThanOrEqual(400 + 800 + 200);

    const warm = await timed(() => invoke('kvsGet', { key: 'latency-probe' }));
    expect(warm.value.status).toBe(200);
    expect(warm.ms).toBeGreaterThanOrEqual(400 + 200);
    expect(warm.ms).toBeLessThan(400 + 800);
  });

  it('overlaps Jira requests made in parallel and adds up those made one after another', async () => {
    const parallel = await invoke('jiraRequests', { n: 4, parallel: true });
    expect(parallel.body.statuses).toEqual([200, 200, 200, 200]);
    expect(parallel.serverMs).toBeGreaterThanOrEqual(300);
    expect(parallel.serverMs).toBeLessThan(2 * 300);

    const sequential = await invoke('jiraRequests', { n: 3 });
    expect(sequential.body.statuses).toEqual([200, 200, 200]);
    expect(sequential.serverMs).toBeGreaterThanOrEqual(3 * 300);
  });

  it('charges the Custom UI\'s requestJira like the app\'s other Jira requests, and the user\'s own REST calls nothing', async () => {
    const myself = (headers: Record<string, string>) => fetch(`${host.url}/rest/api/3/myself`, { headers: { authorization: BASIC, ...headers } }).then((r) => r.status);
    const fromUi = await timed(() => myself({ [BRIDGE_REQUEST_HEADER]: '1' }));
    expect(fromUi.value).toBe(200);
    expect(fromUi.ms).toBeGreaterThanOrEqual(300);
    const fromUser = await timed(() => myself({}));
    expect(fromUser.value).toBe(200);
    expect(fromUser.ms).toBeLessThan(300);
  });

  it('reports the model and what went through the platform in /__local/stats', async () => {
    await resetStats(host.url);
    await invoke('jiraRequests', { n: 2, parallel: true });
    const s = (await stats(host.url)) as unknown as { platform: { model: unknown; calls: Record<string, unknown> } };
    expect(s.platform.model).toEqual({ invocationMs: 400, coldStartMs: 800, jiraMs: 300, kvsMs: 200 });
    expect(s.platform.calls).toEqual({ invocations: 1, coldStarts: 0, coldStartsByFunction: {}, jira: 2, jiraFromUi: 0, kvs: 0 });
  });

  it('refuses to start on a FORGE_LATENCY it does not understand, saying why', async () => {
    const started = startTestHost({ env: { FORGE_LATENCY: 'fast' }, timeoutMs: 30_000 });
    // A host that wrongly started must not outlive the test.
    started.then((h) => h.stop(), () => undefined);
    await expect(started).rejects.toThrow(/FORGE_LATENCY: "fast" is not understood/);
  });
});

describe('the latency option of startHost, with the real app', () => {
  // invocation 400 ms, cold start +800 ms, Jira request 200 ms, KVS operation 100 ms
  let host: Host;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-latency-'));
    host = await startHost({ port: 0, dataDir, latency: { invocationMs: 400, coldStartMs: 800, jiraMs: 200, kvsMs: 100 } });
  });
  afterAll(async () => {
    await host?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('makes the gate\'s validator wait the invocation delay (cold the first time) inside the transition', async () => {
    const first = await timed(() => transition(host.url, SEED_KEYS.nearlyReady, TRANSITION_IDS.done));
    expect(first.value.status).toBe(400);
    // The gate reads app storage at least once.
    expect(first.ms).toBeGreaterThanOrEqual(400 + 800 + 100);
    const second = await timed(() => transition(host.url, SEED_KEYS.nearlyReady, TRANSITION_IDS.done));
    expect(second.value.status).toBe(400);
    expect(second.ms).toBeGreaterThanOrEqual(400 + 100);
    expect(second.ms).toBeLessThan(400 + 800);
  });

  it('makes the issue-event trigger wait the invocation delay before it runs', async () => {
    await eventsIdle(host.url);
    host.latency.coolDown();
    const delivered = await timed(async () => {
      await createEpic(host.url, 'Latency: a new initiative');
      return eventsIdle(host.url);
    });
    expect(delivered.value.failed).toBe(0);
    expect(delivered.ms).toBeGreaterThanOrEqual(400 + 800);
    const s = (await stats(host.url)) as unknown as { invocations: Record<string, { count: number }> };
    expect(s.invocations['workstream-status-sync:trigger']?.count).toBeGreaterThanOrEqual(1);
  });
});
