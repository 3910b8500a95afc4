/**
 * The readiness level in the audit trail: every save's audit entry says the readiness before and after it
 * (the change path), and an epic moving into or out of Done gets an entry of its own from the issue-event
 * trigger, once however often the event is delivered. The report reads these for days at a level and the
 * 12-week trend, from the last 12 weeks of the trail only.
 */
import { readKvs } from '../helpers/kvs-rows';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle } from '../helpers/local-api';
import { adminAccountId, createEpic, decideHandoff, DONE_TRANSITION, IN_PROGRESS_TRANSITION, transition } from '../helpers/handoff-fixtures';
import { SEED_PROJECT } from '../../local/jira/seed';
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
