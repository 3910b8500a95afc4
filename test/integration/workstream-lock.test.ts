/**
 * The per-epic workstream lock on storage that behaves like Forge's: an expired key is NOT gone (Forge
 * deletes expired keys asynchronously, documented: up to 48 hours, and reads may still return them), so
 * a lock left by a crashed or timed-out invocation must count as free once its expiry has passed, and
 * taking it over must be safe against two takers at once.
 *
 * The host runs in this process so the test can play the crashed invocation: it takes the lock with the
 * app's own storage code (real @forge/kvs, inside an invocation context of this host) and never releases
 * it. Time moves by shifting Date.now for host and app alike, as a lingering key sees it on Forge.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host } from '../../local/server';
import { runInInvocation } from '../../local/forge/runtime';
import { acquireLock, releaseLock } from '../../src/storage';
import { LOCK_TTL_SECONDS } from '../../src/workstreams/lock';
import { invoke, jira, ok } from '../helpers/local-api';
import { createEpic } from '../helpers/handoff-fixtures';

jest.setTimeout(120_000);

let dataDir: string;
let host: Host;
let shiftMs = 0;
const realNow = Date.now.bind(Date);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-lock-'));
  host = await startHost({ port: 0, dataDir, seedApp: false });
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Runs app code as one invocation of the issue panel's resolver on this host. */
function inInvocation<T>(fn: () => Promise<T>): Promise<T> {
  const panel = host.app.manifest.modules.find((m) => m.key === 'production-handoff-panel')!;
  return runInInvocation(host.app.invocationBase(panel, panel.resolverFunction!, undefined), fn);
}

const later = (seconds: number) => {
  shiftMs += seconds * 1000;
};

const sweep = async () => (await (await fetch(`${host.url}/__local/kvs/sweep`, { method: 'POST' })).json()) as { swept: number };

test("a crashed creator's expired lock does not make the next press answer BUSY", async () => {
  const epic = await createEpic(host.url, 'Lock: crashed creator');
  const epicId = String((await jira<{ id: string }>(host.url, 'GET', `/rest/api/3/issue/${epic}?fields=summary`)).body.id);
  // The crashed invocation: took the lock as withEpicLock does, then never released it.
  expect(await inInvocation(() => acquireLock(`workstreams:${epicId}`, LOCK_TTL_SECONDS, 'crashed-invocation'))).toBeTruthy();
  later(LOCK_TTL_SECONDS + 1);

  const started = realNow();
  const r = await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: epic } });
  expect(r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`).toBe('ok');
  expect(ok(r).created).toHaveLength(5);
  // It did not sit out the 10 s wait for a busy lock either.
  expect(realNow() - started).toBeLessThan(5_000);
});

test('a lock that has not expired yet still keeps others out', async () => {
  const held = await inInvocation(() => acquireLock('live', 30, 'first'));
  expect(held).toBeTruthy();
  later(29);
  expect(await inInvocation(() => acquireLock('live', 30, 'second'))).toBeFalsy();
});

test('of two takers of the same expired lock, exactly one gets it, every time', async () => {
  for (let round = 0; round < 15; round++) {
    const name = `race:${round}`;
    expect(await inInvocation(() => acquireLock(name, 30, 'crashed'))).toBeTruthy();
    later(31);
    const takers = await Promise.all(['a', 'b'].map((owner) => inInvocation(() => acquireLock(name, 30, owner))));
    expect(takers.filter(Boolean)).toHaveLength(1);
  }
});

test('after the platform has swept an expired lock, it is taken as a fresh one', async () => {
  expect(await inInvocation(() => acquireLock('swept', 1, 'crashed'))).toBeTruthy();
  later(2);
  expect((await sweep()).swept).toBeGreaterThanOrEqual(1);
  expect(await inInvocation(() => acquireLock('swept', 30, 'next'))).toBeTruthy();
});

test('a holder whose lock expired and was taken over cannot release the new holder’s lock', async () => {
  const first = await inInvocation(() => acquireLock('handover', 30, 'slow'));
  later(31);
  const second = await inInvocation(() => acquireLock('handover', 30, 'next'));
  expect(first).toBeTruthy();
  expect(second).toBeTruthy();
  await inInvocation(() => releaseLock(first!));
  expect(await inInvocation(() => acquireLock('handover', 30, 'third'))).toBeFalsy();
  await inInvocation(() => releaseLock(second!));
  expect(await inInvocation(() => acquireLock('handover', 30, 'third'))).toBeTruthy();
});
