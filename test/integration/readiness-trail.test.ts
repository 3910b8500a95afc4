/**
 * The readiness level in the audit trail: every save's audit entry says the readiness before and after it
 * (the change path), and an epic moving into or out of Done gets an entry of its own from the issue-event
 * trigger, once however often the event is delivered. The report reads these for days at a level and the
 * 12-week trend, from the last 12 weeks of the trail only.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { readKvs } from '../helpers/kvs-rows';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, resetStats, stats } from '../helpers/local-api';
import { ADMIN, adminAccountId, createEpic, decideHandoff, DONE_TRANSITION, IN_PROGRESS_TRANSITION, transition } from '../helpers/handoff-fixtures';
import { SEED_KEYS, SEED_PROJECT } from '../../local/jira/seed';
import type { ReadinessTrailPage } from '../../src/shared/contract';
import type { AuditEntry } from '../../src/domain/record';

jest.setTimeout(180_000);

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

/** The stored audit entries of one epic, oldest first (keys carry the time). */
function auditOf(issueId: string): AuditEntry[] {
  return readKvs(host.dataDir)
    .keys.filter((k) => k.key.startsWith(`audit:${SEED_PROJECT.id}:`) && k.key.includes(`:${issueId}:`))
    .map((k) => JSON.parse(k.value) as AuditEntry);
}

test('each save records the readiness before and after it in the audit trail', async () => {
  const key = await createEpic(host.url, 'Readiness in the trail');
  const decided = await decideHandoff(host.url, key);
  expect(decided.readiness.level).toBe('ready');

  const entries = auditOf(decided.epic.id);
  expect(entries.length).toBe(decided.version);
  // The first save starts the handoff: nothing recorded before it, three questions open after it.
  expect(entries[0].readiness).toEqual({ level: 'deciding', openQuestions: 3, before: { level: 'not-started', openQuestions: 3 } });
  // Every entry's "before" is the previous entry's "after": the chain has no gap.
  for (let i = 1; i < entries.length; i++) expect(entries[i].readiness?.before).toEqual({ level: entries[i - 1].readiness?.level, openQuestions: entries[i - 1].readiness?.openQuestions });
  expect(entries[entries.length - 1].readiness).toMatchObject({ level: 'ready', openQuestions: 0 });
});

test('moving an epic into and out of Done adds one audit entry each, with the readiness before and after', async () => {
  const key = await createEpic(host.url, 'Shipped and reopened');
  const decided = await decideHandoff(host.url, key);
  const saves = auditOf(decided.epic.id).length;
  // To Do → In Progress changes no level: no entry. The host delivers every event twice, overlapping.
  expect((await transition(host.url, key, IN_PROGRESS_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect(auditOf(decided.epic.id).length).toBe(saves);

  expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  const intoDone = auditOf(decided.epic.id).slice(saves);
  expect(intoDone.map((e) => e.readiness)).toEqual([{ level: 'shipped', openQuestions: 0, before: { level: 'ready', openQuestions: 0 } }]);
  expect(intoDone[0]).toMatchObject({ issueKey: key, version: decided.version, by: { accountId: adminAccountId, displayName: 'Avery Admin' }, changes: [{ field: 'epic status', from: 'In Progress', to: 'Done' }] });
  expect(intoDone[0].summary).toBe('Moved into Done: In Progress → Done');

  expect((await transition(host.url, key, IN_PROGRESS_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  const moves = auditOf(decided.epic.id).slice(saves);
  expect(moves.map((e) => e.readiness)).toEqual([
    { level: 'shipped', openQuestions: 0, before: { level: 'ready', openQuestions: 0 } },
    { level: 'ready', openQuestions: 0, before: { level: 'shipped', openQuestions: 0 } },
  ]);
  expect(moves[1].summary).toBe('Moved out of Done: Done → In Progress');
  expect(Date.parse(moves[1].at)).toBeGreaterThan(Date.parse(moves[0].at));
});

describe('the readiness trail of the last 12 weeks', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const OLD_ENTRIES = 20_000;
  const RECENT_ENTRIES = 600;

  /** Writes audit entries straight into the host's store, as two years of saves would have left them. */
  function writeTrail(entries: AuditEntry[]): void {
    const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'));
    try {
      db.pragma('busy_timeout = 5000');
      const insert = db.prepare('INSERT OR REPLACE INTO kvs (key, value, created_at, updated_at) VALUES (?, ?, ?, ?)');
      db.transaction(() => {
        for (const e of entries) insert.run(`audit:${e.projectId}:${e.at}:${e.issueId ?? 'settings'}:${String(e.version).padStart(10, '0')}`, JSON.stringify(e), Date.parse(e.at), Date.parse(e.at));
      })();
    } finally {
      db.close();
    }
  }

  const entry = (issueId: string, at: number, version: number, withReadiness: boolean): AuditEntry => ({
    version,
    at: new Date(at).toISOString(),
    by: { accountId: adminAccountId, displayName: 'Avery Admin' },
    action: 'saveCondition',
    summary: 'Saved a pilot condition: condition',
    changes: [{ field: 'condition', from: 'a', to: 'b' }],
    projectId: SEED_PROJECT.id,
    issueId,
    ...(withReadiness ? { readiness: { level: 'deciding', openQuestions: 2, before: { level: 'deciding', openQuestions: 2 } } } : {}),
  });

  async function readTrail(user = ADMIN): Promise<{ pages: ReadinessTrailPage[]; ms: number }> {
    const pages: ReadinessTrailPage[] = [];
    const started = performance.now();
    let cursor: string | undefined;
    do {
      const page = ok(await invoke(host.url, 'getReadinessTrail', cursor ? { cursor } : {}, { context: { projectKey: 'AIP' }, user }));
      pages.push(page);
      cursor = page.nextCursor;
    } while (cursor);
    return { pages, ms: performance.now() - started };
  }

  test('reads only the last 12 weeks of a long trail, every entry in them, and a policy change', async () => {
    const epics = await Promise.all([SEED_KEYS.nearlyReady, SEED_KEYS.stalled, SEED_KEYS.ready].map(async (k) => (await jira<{ id: string }>(host.url, 'GET', `/rest/api/3/issue/${k}`)).body.id));
    const now = Date.now();
    const old = Array.from({ length: OLD_ENTRIES }, (_, i) => entry(epics[i % 3], now - 90 * DAY - i * 50 * 60 * 1000, 1000 + i, i % 2 === 0));
    const recent = Array.from({ length: RECENT_ENTRIES }, (_, i) => entry(epics[i % 3], now - 80 * DAY + i * 3 * 60 * 60 * 1000, 100_000 + i, i % 5 !== 0));
    const policy = { ...entry('', now - 10 * DAY, 7, false), issueId: undefined, action: 'saveProjectSettings', changes: [{ field: 'settings.kpiMinimums', from: { operational: 1, business: 1 }, to: { operational: 2, business: 1 } }] };
    const cosmetic = { ...policy, at: new Date(now - 9 * DAY).toISOString(), version: 8, changes: [{ field: 'settings.stallDays', from: 14, to: 21 }] };
    writeTrail([...old, ...recent, policy, cosmetic]);

    const stored = readKvs(host.dataDir).keys.filter((k) => k.key.startsWith(`audit:${SEED_PROJECT.id}:`));
    await resetStats(host.url);
    const { pages, ms } = await readTrail();
    const reads = (await stats(host.url)).kvs.byOperation.query ?? 0;
    const since = pages[0].since;
    expect(Date.parse(since)).toBeGreaterThan(now - 84 * DAY - 60_000);
    const inWindow = stored.map((k) => JSON.parse(k.value) as AuditEntry).filter((e) => e.at >= since && e.issueId);
    const points = pages.flatMap((p) => p.points);
    expect(points.map((p) => `${p.issueId}@${p.at}`).sort()).toEqual(inWindow.map((e) => `${e.issueId}@${e.at}`).sort());
    // Entries without the field stay without it: the trend says "unknown" there.
    expect(points.filter((p) => !p.readiness).length).toBe(inWindow.filter((e) => !e.readiness).length);
    expect(pages.flatMap((p) => p.policyChanges)).toEqual([policy.at]);

    // The whole trail would take a query per 100 entries (the export's pages hold 50); the window, those of 12 weeks and a few more.
    const storageReads = pages.reduce((n, p) => n + p.storageReads, 0);
    expect(storageReads).toBe(reads);
    expect(reads).toBeLessThanOrEqual(Math.ceil((inWindow.length + 100) / 100) + 6);
    expect(reads * 10).toBeLessThan(stored.length / 100);
    console.log(`readiness trail: ${stored.length} audit entries stored, ${inWindow.length} in the last 12 weeks; ${pages.length} page(s), ${reads} storage queries, ${Math.round(ms)} ms${process.env.FORGE_LATENCY ? ` (FORGE_LATENCY=${process.env.FORGE_LATENCY})` : ' (loopback)'}`);
  });

  test('a page that is not one of the trail is refused; someone without browse gets no trail', async () => {
    const bad = await invoke(host.url, 'getReadinessTrail', { cursor: 'not-a-cursor' }, { context: { projectKey: 'AIP' }, user: ADMIN });
    expect(bad.ok ? 'ok' : bad.error.code).toBe('VALIDATION');
    const stranger = await invoke(host.url, 'getReadinessTrail', {}, { context: { projectKey: 'CLM' }, user: 'viewer@example.com' });
    expect(stranger.ok).toBe(false);
  });
});
