/**
 * The audit trail and an epic's history are read in pages, so neither can outgrow Forge's 5 MB resolver
 * response: an honest, smaller stand-in for ~2,800 ordinary entries is ~130 settings changes of ~42 KB
 * each (5.5 MB together), every one made through the settings resolver as an admin would. Each page must
 * stay far below the limit, and the pages joined must hold every entry the storage holds.
 */
import { readKvs } from '../helpers/kvs-rows';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok } from '../helpers/local-api';
import { ADMIN, createEpic } from '../helpers/handoff-fixtures';
import { SEED_PROJECT } from '../../local/jira/seed';
import type { ResolverName } from '../../src/shared/contract';

jest.setTimeout(300_000);

const project = { context: { projectKey: 'AIP' }, user: ADMIN };
/** Forge's resolver response limit. */
const RESPONSE_LIMIT = 5 * 1024 * 1024;
const SETTINGS_CHANGES = 130;

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

/** One raw resolver call: the size of what crossed the wire, and the parsed answer. */
async function rawInvoke(functionKey: ResolverName, payload: unknown, context: Record<string, string>): Promise<{ bytes: number; status: number; body: { ok: boolean; data?: Record<string, unknown>; error?: unknown } }> {
  const res = await fetch(`${host.url}/__local/invoke`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ moduleKey: context.issueKey ? 'production-handoff-panel' : 'readiness-report', functionKey, payload, context, user: ADMIN }),
  });
  const text = await res.text();
  return { bytes: Buffer.byteLength(text, 'utf8'), status: res.status, body: JSON.parse(text) };
}

test('the audit export comes in pages far below the response limit, and the joined pages hold every entry', async () => {
  let { settings } = ok(await invoke(host.url, 'getProjectSettings', {}, project));
  // Every change rewrites all five workstream descriptions (4,000 characters each): ~42 KB an audit entry.
  for (let i = 0; i < SETTINGS_CHANGES; i++) {
    const letter = String.fromCharCode(97 + (i % 26));
    const workstreamTemplates = settings.workstreamTemplates.map((t) => ({ ...t, description: `${i} ${letter.repeat(3990)}` }));
    settings = ok(await invoke(host.url, 'saveProjectSettings', { settings: { ...settings, workstreamTemplates } }, project)).settings;
  }
  const stored = readKvs(host.dataDir).keys.filter((k) => k.key.startsWith(`audit:${SEED_PROJECT.id}:`));
  const storedBytes = stored.reduce((n, k) => n + Buffer.byteLength(k.value, 'utf8'), 0);
  expect(storedBytes).toBeGreaterThan(RESPONSE_LIMIT);

  const joined: Array<{ at: string; version: number }> = [];
  const pageBytes: number[] = [];
  let cursor: string | undefined;
  do {
    const { bytes, status, body } = await rawInvoke('exportAuditTrail', { format: 'json', ...(cursor ? { cursor } : {}) }, { projectKey: 'AIP' });
    expect({ status, ok: body.ok }).toEqual({ status: 200, ok: true });
    const page = body.data as { entries: Array<{ at: string; version: number }>; nextCursor?: string; filename: string };
    expect(page.entries.length).toBeLessThanOrEqual(100);
    expect(page.filename).toMatch(/^production-handoff-audit-AIP-\d{4}-\d{2}-\d{2}\.json$/);
    pageBytes.push(bytes);
    joined.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  // Far below the limit: the bound holds for entries of the largest size an audit entry may have.
  if (process.env.PAGING_VERBOSE) console.log({ storedBytes, entries: stored.length, pageBytes });
  expect(Math.max(...pageBytes)).toBeLessThan(RESPONSE_LIMIT * 0.8);
  expect(pageBytes.length).toBeGreaterThan(1);
  expect(joined).toHaveLength(stored.length);
  expect(joined.map((e) => `${e.at}:${e.version}`)).toEqual(stored.map((k) => JSON.parse(k.value) as { at: string; version: number }).map((e) => `${e.at}:${e.version}`));
});

test('an epic\'s history comes in pages too, oldest first, and joined holds every version', async () => {
  const key = await createEpic(host.url, 'A long history');
  const ctx = { context: { issueKey: key }, user: ADMIN };
  let version = 0;
  for (let i = 0; i < 120; i++) {
    const day = String((i % 28) + 1).padStart(2, '0');
    version = ok(await invoke(host.url, 'savePilot', { baseVersion: version, plannedCloseDate: `2027-01-${day}`, actualCloseDate: null, pilotChampionAccountId: null }, ctx)).version;
  }
  const versions: number[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const { status, body } = await rawInvoke('getHistory', cursor ? { cursor } : {}, { issueKey: key });
    expect({ status, ok: body.ok }).toEqual({ status: 200, ok: true });
    const page = body.data as { entries: Array<{ version: number }>; nextCursor?: string };
    expect(page.entries.length).toBeLessThanOrEqual(50);
    versions.push(...page.entries.map((e) => e.version));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor);
  expect(pages).toBeGreaterThan(1);
  expect(versions).toEqual(Array.from({ length: version }, (_, i) => i + 1));
});

test('a cursor that is not one is refused with a clear message, not a storage failure', async () => {
  const r = await invoke(host.url, 'exportAuditTrail', { format: 'csv', cursor: 'x'.repeat(5000) }, project);
  expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});
