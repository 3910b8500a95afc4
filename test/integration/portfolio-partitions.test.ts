/**
 * The portfolio read in id ranges, as the report is (issue 12): getPortfolioStart answers the first page
 * and a plan, getPortfolioRows reads ranges at once, getPortfolioPlan plans beyond. Searched as the user:
 * every initiative the user may browse exactly once, a configured gadget's projects only (its payload
 * cannot widen them), and nothing of a project the user cannot browse; no request per project or per epic.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, MODULES, ok, resetStats, stats, type InvokeOptions } from '../helpers/local-api';
import { addEpicLevelType, holdAppJiraRequest, releaseHeldRequest, waitUntilHeld } from '../helpers/jira-admin';
import { SCOPE_LABEL } from '../../local/jira/seed';
import type { ReportPartition } from '../../src/domain/report-partitions';
import type { PortfolioRow } from '../../src/shared/contract';

jest.setTimeout(180_000);

let host: TestHost;
let dashboardId: string;
let gadgetId: string;

const page = (user: string): InvokeOptions => ({ moduleKey: MODULES.portfolio, user, context: {} });
const gadget = (user: string): InvokeOptions => ({ moduleKey: MODULES.gadget, user, context: { dashboardId, gadgetId } });

/** Creates `count` labelled epics in `project` through Jira's bulk create (50 a request). */
async function createEpics(project: string, count: number): Promise<void> {
  for (let start = 0; start < count; start += 50) {
    const issueUpdates = Array.from({ length: Math.min(50, count - start) }, (_, i) => ({
      fields: { project: { key: project }, issuetype: { name: 'Epic' }, summary: `${project} portfolio initiative ${start + i + 1}`, labels: [SCOPE_LABEL] },
    }));
    const r = await jira(host.url, 'POST', '/rest/api/3/issue/bulk', { issueUpdates });
    if (r.status !== 201) throw new Error(`bulk create answered ${r.status}`);
  }
}

/** The initiatives `user` may browse in `projects`, as Jira's own search (as that user) finds them. */
async function visibleInitiatives(user: string, projects: string[]): Promise<string[]> {
  const found: string[] = [];
  let nextPageToken: string | undefined;
  do {
    const r = await jira<{ issues: Array<{ key: string }>; nextPageToken?: string }>(host.url, 'POST', '/rest/api/3/search/jql', {
      jql: `project in (${projects.join(', ')}) AND issuetype = Epic AND (labels = "${SCOPE_LABEL}" OR issue.property[production-handoff-readiness].level IS NOT EMPTY)`,
      fields: ['summary'],
      maxResults: 100,
      ...(nextPageToken ? { nextPageToken } : {}),
    }, user);
    found.push(...r.body.issues.map((i) => i.key));
    nextPageToken = r.body.nextPageToken;
  } while (nextPageToken);
  return found.sort();
}

/** Reads the whole portfolio as the pages do, the ranges one a call in reverse order (any order must do). */
async function readAll(opts: InvokeOptions, payload: { projectKeys?: string[] } = {}): Promise<{ rows: PortfolioRow[]; start: number; calls: number }> {
  const start = ok(await invoke(host.url, 'getPortfolioStart', payload, opts));
  const rows = [...start.rows];
  const queue: ReportPartition[] = [...start.plan.partitions].reverse();
  let after = start.plan.after;
  let calls = 1;
  while (queue.length > 0 || after !== undefined) {
    if (after !== undefined) {
      const plan = ok(await invoke(host.url, 'getPortfolioPlan', { ...payload, after }, opts));
      queue.push(...plan.plan.partitions);
      after = plan.plan.after;
      calls += 1;
    }
    const p = queue.shift();
    if (!p) continue;
    const answer = ok(await invoke(host.url, 'getPortfolioRows', { ...payload, partitions: [p] }, opts));
    rows.push(...answer.rows);
    queue.push(...answer.unfinished);
    calls += 1;
  }
  return { rows, start: start.rows.length, calls };
}

const keysOf = (rows: PortfolioRow[]) => rows.map((r) => r.key).sort();
const duplicates = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);

beforeAll(async () => {
  host = await startTestHost({ env: { LOCAL_EVENT_DELAY_MS: '0', LOCAL_EVENT_DUPLICATE: '0' } });
  await createEpics('CLM', 150);
  await createEpics('SUP', 150);
  await eventsIdle(host.url);
  const dashboard = await jira(host.url, 'POST', '/rest/api/3/dashboard', { name: 'AI steering', sharePermissions: [{ type: 'loggedin' }], editPermissions: [] }, 'lead@example.com');
  dashboardId = String(dashboard.body.id);
  gadgetId = String((await jira(host.url, 'POST', `/rest/api/3/dashboard/${dashboardId}/gadget`, { moduleKey: MODULES.gadget }, 'lead@example.com')).body.id);
  const res = await fetch(`${host.url}/__shell/dashboards/${dashboardId}/gadgets/${gadgetId}/configuration`, {
    method: 'PUT', headers: { 'content-type': 'application/json', cookie: 'ph_user=lead@example.com' }, body: JSON.stringify({ projects: ['CLM', 'SUP'] }),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await host?.stop();
});

test('the global page: the first page of 100, then ranges read in any order answer every initiative the user may browse exactly once', async () => {
  const expected = await visibleInitiatives('lead@example.com', ['AIP', 'CLM', 'SUP']);
  expect(expected.length).toBeGreaterThan(300);
  const read = await readAll(page('lead@example.com'));
  expect(read.start).toBe(100);
  expect(duplicates(read.rows.map((r) => r.key))).toEqual([]);
  expect(keysOf(read.rows)).toEqual(expected);
  expect(new Set(read.rows.map((r) => r.project.key))).toEqual(new Set(['AIP', 'CLM', 'SUP']));
});

test('a user without access to a project sees none of its rows (Val: no CLM; Priya: no SUP)', async () => {
  const val = await readAll(page('viewer@example.com'));
  expect(val.rows.some((r) => r.project.key === 'CLM')).toBe(false);
  expect(keysOf(val.rows)).toEqual(await visibleInitiatives('viewer@example.com', ['AIP', 'SUP']));
  const priya = await readAll(page('priya@example.com'));
  expect(priya.rows.some((r) => r.project.key === 'SUP')).toBe(false);
  expect(duplicates(priya.rows.map((r) => r.key))).toEqual([]);
});

test("a gadget configured for CLM and SUP reads only those projects' initiatives, the payload cannot widen it, and Val sees only SUP's", async () => {
  const lead = await readAll(gadget('lead@example.com'), { projectKeys: ['AIP'] });
  expect(keysOf(lead.rows)).toEqual(await visibleInitiatives('lead@example.com', ['CLM', 'SUP']));
  const val = await readAll(gadget('viewer@example.com'));
  expect(val.rows.length).toBeGreaterThan(150);
  expect(new Set(val.rows.map((r) => r.project.key))).toEqual(new Set(['SUP']));
  expect(keysOf(val.rows)).toEqual(await visibleInitiatives('viewer@example.com', ['SUP']));
});

test('the global page may filter by project; plans beyond an id cover exactly the initiatives above it', async () => {
  const clm = await readAll(page('lead@example.com'), { projectKeys: ['CLM'] });
  expect(keysOf(clm.rows)).toEqual(await visibleInitiatives('lead@example.com', ['CLM']));
  const ids = clm.rows.map((r) => Number(r.issueId)).sort((a, b) => a - b);
  const after = String(ids[49]);
  const plan = ok(await invoke(host.url, 'getPortfolioPlan', { projectKeys: ['CLM'], after }, page('lead@example.com')));
  const answer = ok(await invoke(host.url, 'getPortfolioRows', { projectKeys: ['CLM'], partitions: plan.plan.partitions.slice(0, 10) }, page('lead@example.com')));
  expect(answer.unfinished).toEqual([]);
  expect(answer.rows.map((r) => Number(r.issueId)).sort((a, b) => a - b)).toEqual(ids.slice(50));
});

test('a rows call searches its ranges at once as the user: one search per range, the issue types, nothing per project or per epic', async () => {
  const start = ok(await invoke(host.url, 'getPortfolioStart', {}, page('lead@example.com')));
  const partitions = start.plan.partitions.slice(0, 3);
  expect(partitions).toHaveLength(3);
  await resetStats(host.url);
  const answer = ok(await invoke(host.url, 'getPortfolioRows', { partitions }, page('lead@example.com')));
  expect(answer.rows.length).toBeGreaterThan(200);
  expect(answer.jiraRequests).toBe(4);
  expect((await stats(host.url)).jira.byRoute).toEqual({ 'GET /rest/api/3/issuetype': 1, 'POST /rest/api/3/search/jql': 3 });
});

test('ranges are checked: not ids, or more than 10, are refused', async () => {
  expect(await invoke(host.url, 'getPortfolioRows', { partitions: [{ from: '1 OR x' }] }, page('lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const eleven = Array.from({ length: 11 }, (_, i) => ({ from: String(i * 10 + 1), to: String(i * 10 + 11) }));
  expect(await invoke(host.url, 'getPortfolioRows', { partitions: eleven }, page('lead@example.com'))).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('the flow metrics read the same initiatives in id ranges: each counted once, per project and across the portfolio', async () => {
  const lead = ok(await invoke(host.url, 'getPortfolioFlow', {}, page('lead@example.com')));
  expect(lead.complete).toBe(true);
  expect(lead.portfolio.initiatives).toBe((await visibleInitiatives('lead@example.com', ['AIP', 'CLM', 'SUP'])).length);
  expect(lead.projects.find((p) => p.key === 'SUP')?.metrics.initiatives).toBe((await visibleInitiatives('lead@example.com', ['SUP'])).length);
  const priya = ok(await invoke(host.url, 'getPortfolioFlow', {}, page('priya@example.com')));
  expect(priya.projects.map((p) => p.key)).not.toContain('SUP');
});

test('an initiative created while the portfolio loads is read once: the last range is open', async () => {
  const start = ok(await invoke(host.url, 'getPortfolioStart', { projectKeys: ['SUP'] }, page('lead@example.com')));
  expect(start.plan.partitions.at(-1)?.to).toBeUndefined();
  await createEpics('SUP', 3);
  const rows = [...start.rows];
  const queue = [...start.plan.partitions];
  while (queue.length > 0) {
    const answer = ok(await invoke(host.url, 'getPortfolioRows', { projectKeys: ['SUP'], partitions: queue.splice(0, 10) }, page('lead@example.com')));
    rows.push(...answer.rows);
    queue.push(...answer.unfinished);
  }
  expect(duplicates(rows.map((r) => r.key))).toEqual([]);
  expect(keysOf(rows)).toEqual(await visibleInitiatives('lead@example.com', ['SUP']));
});

/** How many searches the app has sent since the stats were reset, once `count` went out or 5 s passed. */
async function searchesSent(count: number): Promise<number> {
  const deadline = Date.now() + 5000;
  let sent = 0;
  while (Date.now() < deadline && sent < count) {
    sent = (await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql'] ?? 0;
    await new Promise((r) => setTimeout(r, 25));
  }
  return sent;
}

test("a rows call does not wait for the site's issue types: with the epic types the portfolio remembered, its searches go out while that request waits", async () => {
  // The call before asked Jira for the types and remembered them.
  const start = ok(await invoke(host.url, 'getPortfolioStart', {}, page('lead@example.com')));
  const partitions = start.plan.partitions.slice(0, 3);
  expect(partitions).toHaveLength(3);
  // The issue events of the epics created above search too (their trigger): nothing else may run meanwhile.
  await eventsIdle(host.url);
  await resetStats(host.url);
  await holdAppJiraRequest(host.url, 'GET', '/issuetype');
  const answer = invoke(host.url, 'getPortfolioRows', { partitions }, page('lead@example.com'));
  try {
    expect(await waitUntilHeld(host.url)).toBe('GET /issuetype');
    expect(await searchesSent(3)).toBe(3);
  } finally {
    await releaseHeldRequest(host.url);
  }
  const rows = ok(await answer);
  expect(rows.rows.length).toBeGreaterThan(200);
  // Jira's answer on the types still came and matched: nothing was searched twice.
  expect((await stats(host.url)).jira.byRoute).toEqual({ 'GET /rest/api/3/issuetype': 1, 'POST /rest/api/3/search/jql': 3 });
});

// Last in this file: the added type's initiative is not an "Epic" to visibleInitiatives above.
test('an epic-level type added between two calls: the next call searches again with it, shows its initiatives and remembers the new types', async () => {
  const opts = page('lead@example.com');
  const aip = { projectKeys: ['AIP'] };
  const before = ok(await invoke(host.url, 'getPortfolioStart', aip, opts));
  const featureType = await addEpicLevelType(host.url, 'Feature');
  const created = await jira<{ key: string }>(host.url, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: 'AIP' }, issuetype: { id: featureType }, summary: 'Portfolio: document intake assistant', labels: [SCOPE_LABEL] },
  });
  expect(created.status).toBe(201);
  const feature = created.body.key;
  await eventsIdle(host.url);
  expect(before.rows.map((r) => r.key)).not.toContain(feature);

  await resetStats(host.url);
  const rows = ok(await invoke(host.url, 'getPortfolioRows', { ...aip, partitions: [{ from: '1' }] }, opts));
  expect(rows.rows.map((r) => r.key)).toContain(feature);
  expect(rows.rows.map((r) => r.key).sort()).toEqual([...before.rows.map((r) => r.key), feature].sort());
  // The remembered types went out first and were out of date: one search with them, one with Jira's.
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql']).toBe(2);

  // The new list was remembered: the next call's searches (first page and ids) are not repeated.
  await resetStats(host.url);
  const after = ok(await invoke(host.url, 'getPortfolioStart', aip, opts));
  expect(after.rows.map((r) => r.key)).toContain(feature);
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/search/jql']).toBe(2);
});
