/**
 * The host's storage refuses what Forge's refuses, in the shape Forge answers (non-2xx `{code, message}`),
 * so the real @forge/kvs raises here the ForgeKvsAPIError it raises on Forge; expired keys linger until
 * a sweep, and their expiry is readable as metadata. Runs the fixture app (test/fixtures/mini-app).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startHost, type Host } from '../../local/server';

const APP_DIR = path.join(__dirname, '..', 'fixtures', 'mini-app');
jest.setTimeout(30_000);

let dataDir: string;
let host: Host;
let shiftMs = 0;
const realNow = Date.now.bind(Date);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-kvs-strict-'));
  host = await startHost({ port: 0, dataDir, appDir: APP_DIR });
  jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
});
afterAll(async () => {
  jest.restoreAllMocks();
  await host?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface CallResult {
  ok: boolean;
  value?: unknown;
  name?: string;
  code?: string;
  status?: number;
  message?: string;
}

async function call(payload: Record<string, unknown>): Promise<CallResult> {
  const res = await fetch(`${host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: 'mini-panel', functionKey: 'kvsCall', payload, context: { issueKey: 'AIP-1' }, user: 'admin@example.com' }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as CallResult;
}

const refused = (code: string, status = 400) => expect.objectContaining({ ok: false, name: 'ForgeKvsError', code, status });

test('an entity attribute outside its declared type is refused as Forge refuses it', async () => {
  expect(await call({ op: 'entitySet', entity: 'doc', key: 'd', value: { version: 7, owner: 'a' } })).toEqual({ ok: true, value: null });
  expect(await call({ op: 'entitySet', entity: 'doc', key: 'd', value: { version: Date.now(), owner: 'a' } })).toEqual(refused('INVALID_ENTITY_VALUE'));
  expect(await call({ op: 'entitySet', entity: 'doc', key: 'd', value: { version: 7, owner: ' ' } })).toEqual(refused('INVALID_ENTITY_VALUE'));
  expect(await call({ op: 'entitySet', entity: 'undeclared', key: 'd', value: { version: 7 } })).toEqual(refused('INVALID_ENTITY_TYPE'));
});

test('keys, values and query pages beyond the documented limits are refused with the documented codes', async () => {
  expect(await call({ op: 'set', key: 'user@example.com', value: 1 })).toEqual(refused('INVALID_KEY'));
  expect(await call({ op: 'set', key: 'k'.repeat(501), value: 1 })).toEqual(refused('KEY_TOO_LONG'));
  expect(await call({ op: 'set', key: 'big', value: 'x'.repeat(240 * 1024) })).toEqual(refused('MAX_SIZE'));
  expect(await call({ op: 'query', prefix: 'q', limit: 101 })).toEqual(refused('LIST_QUERY_LIMIT_EXCEEDED'));
});

test('an expired key lingers until the sweep; its expiry is metadata, returned only when asked for', async () => {
  expect((await call({ op: 'set', key: 'ttl:a', value: 'v', options: { ttl: { value: 30, unit: 'SECONDS' } } })).ok).toBe(true);
  shiftMs += 60_000;
  expect(await call({ op: 'get', key: 'ttl:a' })).toEqual({ ok: true, value: 'v' });
  const meta = (await call({ op: 'get', key: 'ttl:a', options: { metadataFields: ['EXPIRE_TIME'] } })).value as { value: string; expireTime: string };
  expect(meta.value).toBe('v');
  expect(Date.parse(meta.expireTime)).toBeLessThan(Date.now());
  expect(await call({ op: 'set', key: 'ttl:a', value: 'w', options: { keyPolicy: 'FAIL_IF_EXISTS' } })).toEqual(expect.objectContaining({ ok: false, status: 409 }));

  const swept = (await (await fetch(`${host.url}/__local/kvs/sweep`, { method: 'POST' })).json()) as { swept: number; expiredKeys: string };
  expect(swept).toEqual({ swept: 1, expiredKeys: 'linger' });
  expect(await call({ op: 'get', key: 'ttl:a' })).toEqual({ ok: true, value: null });
});
