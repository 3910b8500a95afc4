/**
 * The local host runs a real Forge app (test/fixtures/mini-app) with the unmodified
 * @forge/resolver, @forge/api and @forge/kvs packages: only the platform globals are local.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host } from '../../local/server';
import { addValidatorRule, listValidatorRules, removeValidatorRule } from '../../local/jira/workflow-rules';
import { SEED_ACCOUNTS, SEED_PROJECT, TRANSITION_IDS, ISSUE_TYPE_IDS } from '../../local/jira/seed';

const APP_DIR = path.join(__dirname, '..', 'fixtures', 'mini-app');
jest.setTimeout(30_000);

let dataDir: string;
let host: Host;

async function invoke(functionKey: string, payload: unknown = {}, opts: { user?: string; issueKey?: string; projectKey?: string; moduleKey?: string } = {}) {
  const res = await fetch(`${host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      moduleKey: opts.moduleKey ?? (opts.projectKey ? 'mini-page' : 'mini-panel'),
      functionKey,
      payload,
      context: opts.projectKey ? { projectKey: opts.projectKey } : { issueKey: opts.issueKey ?? 'AIP-1' },
      user: opts.user ?? 'admin@example.com',
    }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-forge-runtime-'));
  host = await startHost({ port: 0, dataDir, appDir: APP_DIR });
});

afterAll(async () => {
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kvs: 'ok' }) });
});

describe('resolvers and the Forge context', () => {
  it('calls the resolver with the module context, and asUser() acts as the invoking user', async () => {
    const r = await invoke('whoami', {}, { user: 'lead@example.com', issueKey: 'AIP-1' });
    expect(r.status).toBe(200);
    expect(r.body.contextAccountId).toBe(SEED_ACCOUNTS.lead);
    expect(r.body.myselfAccountId).toBe(SEED_ACCOUNTS.lead);
    expect(r.body.runtimeAaid).toBe(SEED_ACCOUNTS.lead);
    expect(r.body.moduleKey).toBe('mini-panel');
    expect(r.body.appAri).toBe('ari:cloud:ecosystem::app/11111111-2222-4333-8444-555555555555');
    expect(r.body.remainingMs).toBeGreaterThan(20_000);
    expect(r.body.remainingMs).toBeLessThanOrEqual(25_000);
    expect(r.body.extension).toEqual({
      type: 'jira:issuePanel',
      issue: { id: expect.any(String), key: 'AIP-1', type: 'Epic', typeId: ISSUE_TYPE_IDS.epic },
      project: { id: SEED_PROJECT.id, key: 'AIP', type: 'software' },
      isNewToIssue: false,
    });
    expect(r.body.installContext).toBe(`ari:cloud:jira::site/${r.body.cloudId}`);
    // As on Forge, a resolver learns no time zone from its context: the Custom UI must send the user's.
    expect(r.body.contextKeys).not.toContain('timezone');
    expect(r.body.contextKeys).not.toContain('timeZone');
  });

  it('gives a project page its project extension', async () => {
    const r = await invoke('whoami', {}, { projectKey: 'AIP' });
    expect(r.status).toBe(200);
    expect(r.body.extension).toEqual({ type: 'jira:projectPage', project: { id: SEED_PROJECT.id, key: 'AIP', type: 'software' } });
  });

  it('keeps concurrent invocations apart (AsyncLocalStorage)', async () => {
    const users = ['admin@example.com', 'lead@example.com', 'priya@example.com', 'marcus@example.com'];
    const accounts = [SEED_ACCOUNTS.admin, SEED_ACCOUNTS.lead, SEED_ACCOUNTS.priya, SEED_ACCOUNTS.marcus];
    const results = await Promise.all(users.map((u, i) => invoke('whoami', { delayMs: 30 + (users.length - i) * 20 }, { user: u })));
    results.forEach((r, i) => {
      expect(r.status).toBe(200);
      expect(r.body.contextAccountId).toBe(accounts[i]);
      expect(r.body.myselfAccountId).toBe(accounts[i]);
      expect(r.body.runtimeAaid).toBe(accounts[i]);
    });
    expect(new Set(results.map((r) => r.body.invocationId)).size).toBe(users.length);
  });

  it('asApp() reaches Jira as the app', async () => {
    const r = await invoke('issueAsApp', {}, { issueKey: 'AIP-2' });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe(200);
    expect(r.body.body.key).toBe('AIP-2');
  });

  it('answers a resolver error as a non-2xx with the message', async () => {
    const r = await invoke('boom');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error.message).toContain('Boom from the resolver');
  });

  it('rejects unknown modules and functions', async () => {
    expect((await invoke('whoami', {}, { moduleKey: 'nope' })).status).toBe(404);
    const r = await invoke('noSuchFunction');
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.body.error.message).toMatch(/noSuchFunction/);
  });
});

describe('KVS through the real @forge/kvs', () => {
  it('round-trips values, answers undefined for missing keys, deletes', async () => {
    expect((await invoke('kvsSet', { key: 'rt:a', value: { n: 1, s: 'x' } })).body).toEqual({ ok: true });
    expect((await invoke('kvsGet', { key: 'rt:a' })).body).toEqual({ found: true, value: { n: 1, s: 'x' } });
    expect((await invoke('kvsGet', { key: 'rt:missing' })).body).toEqual({ found: false, value: null });
    await invoke('kvsDelete', { key: 'rt:a' });
    expect((await invoke('kvsGet', { key: 'rt:a' })).body.found).toBe(false);
  });

  it('queries by prefix with pages and a cursor', async () => {
    for (let i = 0; i < 5; i++) await invoke('kvsSet', { key: `q:${i}`, value: i });
    await invoke('kvsSet', { key: 'other:1', value: 'x' });
    const p1 = (await invoke('kvsQuery', { prefix: 'q:', limit: 3 })).body;
    expect(p1.results.map((r: { key: string }) => r.key)).toEqual(['q:0', 'q:1', 'q:2']);
    expect(typeof p1.nextCursor).toBe('string');
    const p2 = (await invoke('kvsQuery', { prefix: 'q:', limit: 3, cursor: p1.nextCursor })).body;
    expect(p2.results.map((r: { value: unknown }) => r.value)).toEqual([3, 4]);
    expect(p2.nextCursor).toBeUndefined();
  });

  it('enforces the key and value limits with Forge-style errors', async () => {
    const long = await invoke('kvsSet', { key: 'k'.repeat(501), value: 1 });
    expect(long.status).toBe(500);
    expect(long.body.error.message).toMatch(/500/);
    const big = await invoke('kvsSet', { key: 'big', value: 'x'.repeat(241 * 1024) });
    expect(big.status).toBe(500);
    expect(big.body.error.message).toMatch(/240 KiB/);
  });

  it('makes transactions atomic: a failed check writes nothing', async () => {
    await invoke('entitySet', { entity: 'doc', key: 'd1', value: { version: 1, owner: 'a' } });
    const failed = (await invoke('kvsTransact', { sets: [{ key: 'tx:a', value: 1 }, { key: 'tx:b', value: 2 }], check: { entity: 'doc', key: 'd1', version: 2 } })).body;
    expect(failed.ok).toBe(false);
    expect(failed.code).toBe('CONDITIONAL_CHECK_FAILED');
    expect((await invoke('kvsGet', { key: 'tx:a' })).body.found).toBe(false);
    expect((await invoke('kvsGet', { key: 'tx:b' })).body.found).toBe(false);

    const ok = (await invoke('kvsTransact', { sets: [{ key: 'tx:a', value: 1 }, { key: 'tx:b', value: 2 }], check: { entity: 'doc', key: 'd1', version: 1 } })).body;
    expect(ok).toEqual({ ok: true });
    expect((await invoke('kvsGet', { key: 'tx:b' })).body.value).toBe(2);

    const tooMany = (await invoke('kvsTransact', { sets: Array.from({ length: 26 }, (_, i) => ({ key: `tx:m${i}`, value: i })) })).body;
    expect(tooMany.ok).toBe(false);
    expect(tooMany.message).toMatch(/25/);
  });

  it('stores custom entities and queries them by a manifest index', async () => {
    await invoke('entitySet', { entity: 'doc', key: 'e1', value: { version: 5, owner: 'b' } });
    await invoke('entitySet', { entity: 'doc', key: 'e2', value: { version: 3, owner: 'b' } });
    const r = (await invoke('entityQuery', { entity: 'doc', index: 'by-owner', partition: ['b'], minVersion: 2, sort: 'DESC' })).body;
    expect(r.results.map((x: { key: string }) => x.key)).toEqual(['e1', 'e2']);
  });

  it('fails every KVS call while the fault switch is on', async () => {
    await invoke('kvsSet', { key: 'fault:a', value: 1 });
    const on = await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kvs: 'fail' }) });
    expect(await on.json()).toMatchObject({ kvs: 'fail' });
    const r = await invoke('kvsGet', { key: 'fault:a' });
    expect(r.status).toBe(500);
    expect(r.body.error.message).toMatch(/Injected KVS fault/);
    await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kvs: 'ok' }) });
    expect((await invoke('kvsGet', { key: 'fault:a' })).body.value).toBe(1);
  });

  it('counts KVS operations and invocations in /__local/stats', async () => {
    await fetch(`${host.url}/__local/stats/reset`, { method: 'POST' });
    await invoke('kvsSet', { key: 'stats:a', value: 1 });
    await invoke('kvsGet', { key: 'stats:a' });
    const stats = (await (await fetch(`${host.url}/__local/stats`)).json()) as { kvs: { byOperation: Record<string, number> }; invocations: Record<string, { count: number }>; jira: { total: number } };
    expect(stats.kvs.byOperation).toEqual({ set: 1, get: 1 });
    expect(stats.invocations['mini-panel:kvsSet'].count).toBe(1);
    expect(stats.jira.total).toBeGreaterThanOrEqual(2); // the extension context is read from Jira as the app
  });

  it('refuses KVS requests without the host secret', async () => {
    const r = await fetch(`${host.url}/__kvs/api/v1/get`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ key: 'stats:a' }) });
    expect(r.status).toBe(403);
  });
});

describe('workflow validators', () => {
  let ruleId: number;
  beforeAll(() => {
    ruleId = addValidatorRule(host.db, { projectId: SEED_PROJECT.id, issueTypeId: null, transitionId: TRANSITION_IDS.toDo, moduleKey: 'mini-gate', configuration: { mode: 'strict' } }).id;
  });
  afterAll(() => {
    removeValidatorRule(host.db, ruleId);
  });

  const transition = (key: string, id: string, user = 'admin@example.com') =>
    fetch(`${host.url}/rest/api/3/issue/${key}/transitions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Basic ${Buffer.from(`${user}:x`).toString('base64')}` },
      body: JSON.stringify({ transition: { id } }),
    });

  it('blocks the transition with the validator message (400, errorMessages)', async () => {
    // AIP-8 is In Progress; the rule guards "To Do".
    const r = await transition('AIP-8', TRANSITION_IDS.toDo);
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errorMessages: string[] };
    expect(body.errorMessages.join(' ')).toContain('Mini gate is closed for AIP-8 (config {"mode":"strict"}, install yes)');
  });

  it('lets the transition through once the validator passes', async () => {
    await invoke('kvsSet', { key: 'gate:AIP-8', value: 'open' });
    const r = await transition('AIP-8', TRANSITION_IDS.toDo);
    expect(r.status).toBe(204);
    expect((await transition('AIP-8', TRANSITION_IDS.inProgress)).status).toBe(204);
  });

  it('fails closed when the validator cannot read storage', async () => {
    await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kvs: 'fail' }) });
    const r = await transition('AIP-8', TRANSITION_IDS.toDo);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { errorMessages: string[] }).errorMessages.join(' ')).toMatch(/could not be evaluated/);
  });

  it('ignores rules of other apps (the seeded production-handoff-gate is not in this app)', () => {
    expect(listValidatorRules(host.db).some((r) => r.moduleKey === 'production-handoff-gate')).toBe(true);
  });
});

describe('persistence', () => {
  it('keeps KVS data across a host restart on the same data dir', async () => {
    await invoke('kvsSet', { key: 'persist:me', value: { kept: true } });
    await host.close();
    host = await startHost({ port: 0, dataDir, appDir: APP_DIR });
    expect((await invoke('kvsGet', { key: 'persist:me' })).body).toEqual({ found: true, value: { kept: true } });
  });
});
