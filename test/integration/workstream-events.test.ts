/**
 * Moving a workstream issue in Jira updates its epic's searchable summary without anyone saving the
 * handoff: the local host delivers Jira's issue events to the app's `trigger` module as Forge does
 * (after the REST answer, as the app), and the report and JQL read the fresh counts.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, resetStats, searchKeys, stats } from '../helpers/local-api';
import { createEpic, decideHandoff, transition, DONE_TRANSITION } from '../helpers/handoff-fixtures';
import { changeIssueType, holdAppJiraRequest, moveIssues, releaseHeldRequest, setEventDelivery, waitUntilHeld } from '../helpers/jira-admin';

const IN_PROGRESS_TRANSITION = '21';
import type { SearchSummary } from '../../src/domain/report-types';

jest.setTimeout(120_000);

const SUMMARY = 'production-handoff-readiness';
const MARKER = 'production-handoff-workstream';
const PROPERTY_PUT = 'PUT /rest/api/3/issue/:idOrKey/properties/:propertyKey';
const TRIGGER = 'workstream-status-sync:trigger';

let host: TestHost;
let epic: string;
let epicId: string;
let workstreams: string[];

beforeAll(async () => {
  host = await startTestHost();
  epic = await createEpic(host.url, 'Events: claims fraud scoring');
  epicId = (await jira<{ id: string }>(host.url, 'GET', `/rest/api/3/issue/${epic}?fields=summary`)).body.id;
  const created = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: epic } }));
  workstreams = created.created.map((c) => c.issueKey);
});
afterAll(async () => {
  await host.stop();
});

const summaryOf = async (key: string): Promise<SearchSummary | undefined> => {
  const r = await jira<{ value: SearchSummary }>(host.url, 'GET', `/rest/api/3/issue/${key}/properties/${SUMMARY}`);
  return r.status === 200 ? r.body.value : undefined;
};
const counts = async (key: string) => {
  const s = await summaryOf(key);
  return s && { done: s.workstreamsDone, total: s.workstreamsTotal };
};
const reportRow = async (key: string) => {
  const page = ok(await invoke(host.url, 'getReportPage', {}, { moduleKey: 'readiness-report', context: { projectKey: 'AIP' } }));
  return page.rows.find((r) => r.key === key);
};
const propertyWrites = async () => (await stats(host.url)).jira.byRoute[PROPERTY_PUT] ?? 0;
const newTask = async (summary: string, parent?: string) => {
  const r = await jira<{ key: string }>(host.url, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary, ...(parent ? { parent: { key: parent } } : {}) },
  });
  expect(r.status).toBe(201);
  return r.body.key;
};

test('moving a workstream issue to Done updates the summary, the report row and JQL on the summary', async () => {
  expect(workstreams).toHaveLength(5);
  expect(await counts(epic)).toEqual({ done: 0, total: 5 });
  await eventsIdle(host.url);
  await resetStats(host.url);

  expect((await transition(host.url, workstreams[0], DONE_TRANSITION)).status).toBe(204);
  const queue = await eventsIdle(host.url);
  // The host delivers like the platform may: this one event arrived twice, both copies at once.
  expect(queue).toMatchObject({ emitted: 1, delivered: 2, duplicated: 1, pending: 0, failed: 0 });

  expect(await counts(epic)).toEqual({ done: 1, total: 5 });
  expect((await reportRow(epic))?.workstreams).toMatchObject({ done: 1, total: 5 });
  expect(await searchKeys(host.url, `issue.property[${SUMMARY}].workstreamsDone = 1 AND key = ${epic}`)).toEqual([epic]);
  const s = await stats(host.url);
  expect(s.invocations[TRIGGER]).toMatchObject({ count: 2, errors: 0 });
  // The trigger acted as the app: its property writes are app requests (one per copy that found it stale).
  const writes = (s.jira as { byRouteAndPrincipal?: Record<string, { app?: number; user?: number }> }).byRouteAndPrincipal?.[PROPERTY_PUT];
  expect(writes?.app).toBeGreaterThanOrEqual(1);
  expect(writes?.user ?? 0).toBe(0);
});

test('editing unrelated issues writes no summary for any epic', async () => {
  const before = await summaryOf(epic);
  const otherEpic = await createEpic(host.url, 'Events: an epic without workstreams', []);
  const plainChild = await newTask('A plain task under another epic', otherEpic);
  await eventsIdle(host.url);
  await resetStats(host.url);

  // A summary edit of a workstream issue (no status change), a plain child's transition, an epic's transition.
  expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${workstreams[1]}`, { fields: { summary: 'Renamed workstream' } })).status).toBe(204);
  expect((await transition(host.url, plainChild, DONE_TRANSITION)).status).toBe(204);
  expect((await transition(host.url, otherEpic, DONE_TRANSITION)).status).toBe(204);
  const queue = await eventsIdle(host.url);

  expect(queue.failed).toBe(0);
  // The summary edit is filtered out; both transitions reach the handler (twice each), which finds no marker and stops.
  expect(queue.filteredOut).toBe(1);
  expect(queue.delivered).toBe(4);
  expect((await stats(host.url)).invocations[TRIGGER]?.count).toBe(4);
  expect(await propertyWrites()).toBe(0);
  expect(await summaryOf(epic)).toEqual(before);
  expect(await summaryOf(otherEpic)).toBeUndefined();
});

test('a hand-edited marker pointing at another epic does not corrupt that epic', async () => {
  const before = await summaryOf(epic);
  const otherEpic = await createEpic(host.url, 'Events: the forger\'s epic');
  const forged = await newTask('Claims to be a workstream of someone else\'s epic', otherEpic);
  const put = await jira(host.url, 'PUT', `/rest/api/3/issue/${forged}/properties/${MARKER}`, { epicId, epicKey: epic, workstream: 'compliance-review' });
  expect([200, 201]).toContain(put.status);
  await eventsIdle(host.url);
  await resetStats(host.url);

  expect((await transition(host.url, forged, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);

  // Both copies recount the epic the forged marker names; the count only believes issues under it.
  expect((await stats(host.url)).invocations[TRIGGER]?.count).toBe(2);
  expect(await propertyWrites()).toBe(0);
  expect(await summaryOf(epic)).toEqual(before);
  // The forger's epic is a labelled initiative: it has its own "not started" summary, with no workstreams.
  expect(await summaryOf(otherEpic)).toMatchObject({ level: 'not-started', workstreamsTotal: 0 });
  expect(ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: epic } })).done).toBe(1);
});

test('moving a workstream issue to another epic, or deleting one, lowers the total', async () => {
  const elsewhere = await createEpic(host.url, 'Events: where a workstream issue moves');
  expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${workstreams[2]}`, { fields: { parent: { key: elsewhere } } })).status).toBe(204);
  await eventsIdle(host.url);
  expect(await counts(epic)).toEqual({ done: 1, total: 4 });

  // A workstream issue has the app's sub-tasks: Jira deletes it only with them.
  expect((await jira(host.url, 'DELETE', `/rest/api/3/issue/${workstreams[0]}`)).status).toBe(400);
  expect((await jira(host.url, 'DELETE', `/rest/api/3/issue/${workstreams[0]}?deleteSubtasks=true`)).status).toBe(204);
  await eventsIdle(host.url);
  expect(await counts(epic)).toEqual({ done: 0, total: 3 });
  expect((await reportRow(epic))?.workstreams).toMatchObject({ done: 0, total: 3 });
});

test('the panel\'s Workstreams read repairs counts a missed event left stale, and writes nothing when they agree', async () => {
  const stale = { ...(await summaryOf(epic))!, workstreamsDone: 3, workstreamsTotal: 5 };
  expect([200, 201]).toContain((await jira(host.url, 'PUT', `/rest/api/3/issue/${epic}/properties/${SUMMARY}`, stale)).status);
  await eventsIdle(host.url);
  await resetStats(host.url);

  const view = ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: epic }, user: 'viewer@example.com' }));
  expect({ done: view.done, total: view.total }).toEqual({ done: 0, total: 3 });
  expect(await counts(epic)).toEqual({ done: 0, total: 3 });
  expect(await propertyWrites()).toBe(1);

  await eventsIdle(host.url);
  await resetStats(host.url);
  ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: epic } }));
  expect(await propertyWrites()).toBe(0);
});

test('an epic with a handoff moving into and out of Done takes its summary level along; JQL finds it', async () => {
  const shippedEpic = await createEpic(host.url, 'Events: an initiative that ships');
  await decideHandoff(host.url, shippedEpic);
  expect((await summaryOf(shippedEpic))?.level).toBe('ready');

  expect((await transition(host.url, shippedEpic, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect((await summaryOf(shippedEpic))?.level).toBe('shipped');
  expect(await searchKeys(host.url, `handoffLevel = "shipped" AND key = ${shippedEpic}`)).toEqual([shippedEpic]);

  expect((await transition(host.url, shippedEpic, IN_PROGRESS_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect((await summaryOf(shippedEpic))?.level).toBe('ready');
  // An epic without a handoff gets no summary from a status change.
  const plain = await createEpic(host.url, 'Events: an epic without a handoff', []);
  expect((await transition(host.url, plain, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect(await summaryOf(plain)).toBeUndefined();
});

test('an epic created or labelled as an initiative gets a "not started" summary that JQL finds; an ordinary epic does not', async () => {
  const created = await createEpic(host.url, 'Events: a new initiative');
  const ordinary = await createEpic(host.url, 'Events: an ordinary epic', []);
  await eventsIdle(host.url);
  expect(await summaryOf(created)).toMatchObject({ level: 'not-started', missingCount: 4 });
  expect(await summaryOf(ordinary)).toBeUndefined();
  expect(await searchKeys(host.url, `handoffMissing > 0 AND key in (${created}, ${ordinary})`)).toEqual([created]);

  expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${ordinary}`, { fields: { labels: ['ai-initiative'] } })).status).toBe(204);
  await eventsIdle(host.url);
  expect(await summaryOf(ordinary)).toMatchObject({ level: 'not-started', missingCount: 4 });
});

/** Polls until `check` holds (the host's events run in the background). */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('two deliveries whose summary writes land out of order still leave the live counts', async () => {
  const raced = await createEpic(host.url, 'Events: two deliveries interleave');
  const racedId = (await jira<{ id: string }>(host.url, 'GET', `/rest/api/3/issue/${raced}?fields=summary`)).body.id;
  const [first, second] = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: raced } })).created.map((c) => c.issueKey);
  await eventsIdle(host.url);
  const delivery = await setEventDelivery(host.url, {});
  // One copy each, at once, so the interleaving below is exact: a hold stops the first delivery just
  // before it writes "1 done"; the second delivery counts and writes "2 done"; then the first write lands.
  await setEventDelivery(host.url, { duplicate: 0, concurrent: true, delayMs: { min: 0, max: 0 } });
  try {
    await holdAppJiraRequest(host.url, 'PUT', `/issue/${racedId}/properties/${SUMMARY}`);
    expect((await transition(host.url, first, DONE_TRANSITION)).status).toBe(204);
    await waitUntilHeld(host.url);
    expect((await transition(host.url, second, DONE_TRANSITION)).status).toBe(204);
    await eventually(async () => (await counts(raced))?.done === 2, 'the second delivery to publish 2 done');
    expect(await releaseHeldRequest(host.url)).toBe(true);
    await eventsIdle(host.url);
    expect(await counts(raced)).toEqual({ done: 2, total: 5 });
  } finally {
    await releaseHeldRequest(host.url);
    await setEventDelivery(host.url, delivery);
  }
});

test('events delivered late, twice and at the same time converge: five workstreams done at once', async () => {
  const busy = await createEpic(host.url, 'Events: everything at once');
  const issues = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: busy } })).created.map((c) => c.issueKey);
  await eventsIdle(host.url);
  await Promise.all(issues.map(async (key) => expect((await transition(host.url, key, DONE_TRANSITION)).status).toBe(204)));
  const queue = await eventsIdle(host.url);
  expect(queue.failed).toBe(0);
  expect(await counts(busy)).toEqual({ done: 5, total: 5 });
  // A workstream issue taken out of its epic (a company-managed project logs it as Epic Link) lowers the total.
  expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${issues[4]}`, { update: { parent: [{ set: { none: true } }] } })).status).toBe(204);
  await eventsIdle(host.url);
  expect(await counts(busy)).toEqual({ done: 4, total: 4 });
});

test('Jira\'s Move: a labelled task retyped as an epic gets its "not started" summary; a workstream issue moved to another project still counts', async () => {
  const task = await newTask('A task that becomes an initiative');
  expect((await jira(host.url, 'PUT', `/rest/api/3/issue/${task}`, { fields: { labels: ['ai-initiative'] } })).status).toBe(204);
  await eventsIdle(host.url);
  expect(await summaryOf(task)).toBeUndefined();
  expect(await changeIssueType(host.url, task, 'Epic')).toBe(task);
  await eventsIdle(host.url);
  expect(await summaryOf(task)).toMatchObject({ level: 'not-started', workstreamsTotal: 0 });

  const moving = await createEpic(host.url, 'Events: a workstream issue moves to Operations');
  const [first] = ok(await invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: moving } })).created.map((c) => c.issueKey);
  await eventsIdle(host.url);
  const [moved] = await moveIssues(host.url, [first], { project: 'OPS', issueType: 'Task' });
  expect(moved.key).toMatch(/^OPS-\d+$/);
  expect((await transition(host.url, moved.key, DONE_TRANSITION)).status).toBe(204);
  await eventsIdle(host.url);
  expect(await counts(moving)).toEqual({ done: 1, total: 5 });
  const view = ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: moving } }));
  expect(view.items.map((i) => i.issue?.key)).toContain(moved.key);
});
