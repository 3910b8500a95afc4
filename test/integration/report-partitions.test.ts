/**
 * The report read in partitions (issue 12): getReportStart answers the first page and a plan of id ranges,
 * getReportRows reads ranges at once. Whatever order the ranges are read in, and while epics are created,
 * relabelled and Jira answers 429, every initiative that exists while the report loads is answered exactly
 * once; a range holding more than a page continues where it stopped.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, MODULES, ok, resetStats, stats } from '../helpers/local-api';
import { holdAppJiraRequest, releaseHeldRequest, waitUntilHeld } from '../helpers/jira-admin';
import { SCOPE_LABEL, SEED_KEYS } from '../../local/jira/seed';
import type { ReportPartition } from '../../src/domain/report-partitions';
import type { ReportRow } from '../../src/domain/report-types';

jest.setTimeout(180_000);

let host: TestHost;
const project = { context: { projectKey: 'AIP' } };

/** Creates `count` epics in AIP through Jira's bulk create (50 a request); answers their ids. */
async function createEpics(count: number, labels: string[] = [SCOPE_LABEL]): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 50) {
    const issueUpdates = Array.from({ length: Math.min(50, count - start) }, (_, i) => ({
      fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: `Partitioned initiative ${start + i + 1}`, labels },
    }));
    const r = await jira<{ issues: Array<{ id: string }> }>(host.url, 'POST', '/rest/api/3/issue/bulk', { issueUpdates });
    if (r.status !== 201) throw new Error(`bulk create answered ${r.status}`);
    ids.push(...r.body.issues.map((i) => String(i.id)));
  }
  return ids;
}

/** Every initiative of AIP by id, as Jira's own search (as the admin) finds it right now. */
async function initiativeIds(): Promise<Set<string>> {
  const all = new Set<string>();
  let nextPageToken: string | undefined;
  do {
    const r = await jira<{ issues: Array<{ id: string }>; nextPageToken?: string }>(host.url, 'POST', '/rest/api/3/search/jql', {
      jql: `project = AIP AND issuetype = Epic AND (labels = "${SCOPE_LABEL}" OR issue.property[production-handoff-readiness].level IS NOT EMPTY)`,
      maxResults: 5000,
      ...(nextPageToken ? { nextPageToken } : {}),
    });
    r.body.issues.forEach((i) => all.add(String(i.id)));
    nextPageToken = r.body.nextPageToken;
  } while (nextPageToken);
  return all;
}

const idsOf = (rows: ReportRow[]) => rows.map((r) => r.issueId);
const duplicates = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);

/** Reads partitions one call each, in the order given, re-reading what a call leaves unfinished; answers every row. */
async function readAll(partitions: ReportPartition[], between?: (callNumber: number) => Promise<void>): Promise<{ rows: ReportRow[]; calls: number }> {
  const queue = [...partitions];
  const rows: ReportRow[] = [];
  let calls = 0;
  while (queue.length) {
    const p = queue.shift()!;
    const page = ok(await invoke(host.url, 'getReportRows', { partitions: [p] }, project));
    calls += 1;
    rows.push(...page.rows);
    queue.push(...page.unfinished);
    await between?.(calls);
  }
  return { rows, calls };
}

beforeAll(async () => {
  host = await startTestHost({ env: { LOCAL_EVENT_DELAY_MS: '0', LOCAL_EVENT_DUPLICATE: '0' } });
  await createEpics(250);
  await eventsIdle(host.url);
});
afterAll(async () => {
  await host.stop();
});

test('the first call answers a first page and a plan; read in any order, the ranges answer every initiative once', async () => {
  const before = await initiativeIds();
  const start = ok(await invoke(host.url, 'getReportStart', {}, project));
  expect(start.rows).toHaveLength(100);
  expect(start.plan.after).toBeUndefined();
  expect(start.plan.partitions.length).toBeGreaterThanOrEqual(2);
  expect(start.plan.partitions[start.plan.partitions.length - 1].to).toBeUndefined();
  // Last range first: the order partitions are read in changes nothing.
  const { rows } = await readAll([...start.plan.partitions].reverse());
  const all = [...idsOf(start.rows), ...idsOf(rows)];
  expect(duplicates(all)).toEqual([]);
  expect(new Set(all)).toEqual(before);
});

test('epics created and relabelled while the report loads: none twice, none of those that existed throughout missing', async () => {
  const existing = await initiativeIds();
  const start = ok(await invoke(host.url, 'getReportStart', {}, project));
  // The closed ranges last to first, then the open one.
  const closed = start.plan.partitions.filter((p) => p.to !== undefined).reverse();
  const order = [...closed, ...start.plan.partitions.filter((p) => p.to === undefined)];
  const created: string[] = [];
  // After the first read: 150 new initiatives (the open last range then holds more than a page and continues
  // where it stopped), and an ordinary epic labelled as an initiative (an older id, in a range read already).
  const { rows, calls } = await readAll(order, async (n) => {
    if (n === 1) {
      created.push(...(await createEpics(150)));
      const r = await jira(host.url, 'PUT', `/rest/api/3/issue/${SEED_KEYS.unlabelledEpic}`, { update: { labels: [{ add: SCOPE_LABEL }] } });
      expect(r.status).toBe(204);
    }
  });
  const all = [...idsOf(start.rows), ...idsOf(rows)];
  expect(duplicates(all)).toEqual([]);
  for (const id of existing) expect(all).toContain(id);
  // Created before the open range was read: it holds them, more than a page, read on from where it stopped.
  expect(calls).toBeGreaterThan(order.length);
  for (const id of created) expect(all.filter((x) => x === id)).toHaveLength(1);
  await eventsIdle(host.url);
});

test('the ranges of one call are searched at once: while one search waits, the others are answered', async () => {
  const start = ok(await invoke(host.url, 'getReportStart', {}, project));
  const partitions = start.plan.partitions.slice(0, 3);
  expect(partitions).toHaveLength(3);
  await resetStats(host.url);
  await holdAppJiraRequest(host.url, 'POST', '/search/jql');
  const answer = invoke(host.url, 'getReportRows', { partitions }, project);
  try {
    await waitUntilHeld(host.url);
    const deadline = Date.now() + 3000;
    let searched = 0;
    while (Date.now() < deadline && searched < 2) {
      searched = (await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql'] ?? 0;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(searched).toBe(2);
  } finally {
    await releaseHeldRequest(host.url);
  }
  const page = ok(await answer);
  expect(page.rows.length).toBeGreaterThan(0);
  // Three searches, the caller's permission and the project's issue types; one storage read.
  const s = await stats(host.url);
  expect({ jira: s.jira.byModule[MODULES.report], kvs: s.kvs.byModule[MODULES.report] }).toEqual({ jira: 5, kvs: 1 });
});

test("Jira's 429s are waited out: every initiative still comes back once", async () => {
  const before = await initiativeIds();
  const start = ok(await invoke(host.url, 'getReportStart', {}, project));
  const r = await fetch(`${host.url}/__local/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jiraRateLimit: { count: 4, retryAfterSeconds: 1 } }) });
  expect(r.status).toBe(200);
  const pages = await Promise.all(start.plan.partitions.map((p) => invoke(host.url, 'getReportRows', { partitions: [p] }, project)));
  const limited = (await (await fetch(`${host.url}/__local/faults`)).json()) as { jiraRateLimited: number };
  expect(limited.jiraRateLimited).toBe(4);
  const rows = pages.flatMap((p) => ok(p).rows);
  const unfinished = pages.flatMap((p) => ok(p).unfinished);
  const rest = await readAll(unfinished);
  const all = [...idsOf(start.rows), ...idsOf(rows), ...idsOf(rest.rows)];
  expect(duplicates(all)).toEqual([]);
  expect(new Set(all)).toEqual(before);
});

test('a partition that is not one is refused, and a stranger to the project reads nothing', async () => {
  const bad = await invoke(host.url, 'getReportRows', { partitions: [{ from: '1 OR project = 2' }] }, project);
  expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const backwards = await invoke(host.url, 'getReportRows', { partitions: [{ from: '20', to: '10' }] }, project);
  expect(backwards).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const stranger = await invoke(host.url, 'getReportRows', { partitions: [{ from: '1' }] }, { context: { projectKey: 'CLM' }, user: 'viewer@example.com' });
  expect(stranger).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
