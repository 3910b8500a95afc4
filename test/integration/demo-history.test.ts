/**
 * The demo site's history (issue 15, item 5): on first start the portfolio's flow metrics and flags have
 * something real to show, and that history is the app's own, written on the days it happened: the audit
 * trail, the records, Jira's status dates and the searchable summaries agree, and the host clock is back
 * on real time once the seed is done.
 */
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, MODULES, ok } from '../helpers/local-api';
import { DEMO_KEYS, SEED_KEYS } from '../../local/jira/seed';
import { addDays } from '../../src/domain/dates';
import type { HandoffView } from '../../src/shared/contract';

jest.setTimeout(120_000);

let host: TestHost;
let today: string;

const portfolio = { moduleKey: MODULES.portfolio, user: 'lead@example.com', context: {} };
const view = async (issueKey: string): Promise<HandoffView> => ok(await invoke(host.url, 'getHandoff', {}, { context: { issueKey }, user: 'admin@example.com' }));
const auditOf = async (issueKey: string) => {
  const v = await view(issueKey);
  const res = await jira(host.url, 'GET', `/rest/api/3/issue/${issueKey}?fields=project`);
  const entries: Array<{ at: string; issueId?: string; action: string; readiness?: { level: string } }> = [];
  let cursor: string | undefined;
  do {
    const page = ok(await invoke(host.url, 'exportAuditTrail', { format: 'json', ...(cursor ? { cursor } : {}) }, { context: { projectKey: res.body.fields.project.key }, user: 'admin@example.com' }));
    entries.push(...(page.entries as typeof entries));
    cursor = page.nextCursor;
  } while (cursor);
  return entries.filter((e) => e.issueId === v.epic.id).sort((a, b) => a.at.localeCompare(b.at));
};

beforeAll(async () => {
  host = await startTestHost();
  await eventsIdle(host.url);
  today = ((await (await fetch(`${host.url}/__local/clock`)).json()) as { now: string }).now.slice(0, 10);
});
afterAll(async () => {
  await host?.stop();
});

test('the host clock is back on real time after the seed', async () => {
  const clock = (await (await fetch(`${host.url}/__local/clock`)).json()) as { offsetMs: number; moved: boolean };
  expect(clock).toMatchObject({ offsetMs: 0, moved: false });
});

test('the flow metrics count the demo: 6 closed pilots, 2 answered at close, 4 with a time from close to ready, 2 shipped', async () => {
  const flow = ok(await invoke(host.url, 'getPortfolioFlow', {}, portfolio));
  const all = flow.portfolio;
  expect(all.closedPilots).toBe(6);
  expect(all.answeredAtClose).toMatchObject({ closed: 6, answered: 2, notAnswered: 4, unknown: 0 });
  expect(all.closeToReady).toMatchObject({ measured: 4, notYet: 2, unknown: 0 });
  // CLM-2 and AIP-6 were ready before their close (0 days), CLM-1 after 37 days, SUP-1 after 70.
  expect(all.closeToReady.overall).toMatchObject({ count: 4, median: 18.5 });
  // CLM-2 shipped 76 days after its close, AIP-6 30 days after.
  expect(all.closeToShipped).toMatchObject({ measured: 2, overall: { count: 2, median: 53 } });
  expect(all.purgatory).toMatchObject({ entered: 6, left: 2 });
  const months = all.purgatory.byMonth.filter((m) => m.entered + m.left > 0);
  expect(months.length).toBeGreaterThanOrEqual(4);
  const clm = flow.projects.find((p) => p.key === 'CLM')!.metrics;
  expect(clm).toMatchObject({ initiatives: 4, closedPilots: 3, answeredAtClose: { answered: 1, notAnswered: 2 } });
});

test('the portfolio shows every flag the gadget lists somewhere in CLM and SUP', async () => {
  const rows = ok(await invoke(host.url, 'getPortfolioPage', { projectKeys: ['CLM', 'SUP'] }, portfolio)).rows;
  const byKey = new Map(rows.map((r) => [r.key, r]));
  expect(Object.fromEntries(rows.map((r) => [r.key, r.level]))).toEqual({
    [DEMO_KEYS.claimsFraud]: 'ready', [DEMO_KEYS.claimsIntake]: 'shipped', [DEMO_KEYS.claimsSubrogation]: 'deciding', [DEMO_KEYS.claimsNotes]: 'deciding',
    [DEMO_KEYS.supportReplies]: 'ready', [DEMO_KEYS.supportRouting]: 'shipped', [DEMO_KEYS.supportBot]: 'deciding',
  });
  expect(byKey.get(DEMO_KEYS.claimsNotes)!.flags).toEqual(expect.arrayContaining(['stalled', 'ship-signal', 'no-owner']));
  expect(byKey.get(DEMO_KEYS.claimsNotes)!.purgatoryDays).toBe(150);
  expect(byKey.get(DEMO_KEYS.claimsIntake)!.flags).toContain('kpi-off-track');
  expect(byKey.get(DEMO_KEYS.supportRouting)!.flags).toContain('done-undecided');
  expect(byKey.get(DEMO_KEYS.supportBot)!.flags).toContain('ship-signal');
  expect(byKey.get(DEMO_KEYS.supportReplies)!.purgatoryDays).toBe(100);
});

test('the history is the app\'s own, on the days it happened: audit entries, the record and Jira\'s Done date agree', async () => {
  const intake = await view(DEMO_KEYS.claimsIntake);
  expect(intake.record!.createdAt.slice(0, 10)).toBe(addDays(today, -190));
  expect(intake.record!.ownership.accepted?.at.slice(0, 10)).toBe(addDays(today, -174));
  const trail = await auditOf(DEMO_KEYS.claimsIntake);
  expect(trail[0].at.slice(0, 10)).toBe(addDays(today, -190));
  // The trigger wrote the move into Done on the day it happened, with the readiness it took the epic to.
  const shipped = trail.find((e) => e.action === 'epicStatus' && e.readiness?.level === 'shipped');
  expect(shipped?.at.slice(0, 10)).toBe(addDays(today, -94));
  const issue = await jira(host.url, 'GET', `/rest/api/3/issue/${DEMO_KEYS.claimsIntake}?fields=statuscategorychangedate,resolutiondate`);
  expect(String(issue.body.fields.statuscategorychangedate).slice(0, 10)).toBe(addDays(today, -94));
  // AIP-4's handoff was recorded on day -135 and has not changed since: stalled, by its own dates.
  const stalled = await view(SEED_KEYS.stalled);
  expect(stalled.record!.updated.at.slice(0, 10)).toBe(addDays(today, -135));
  expect((await auditOf(SEED_KEYS.stalled)).every((e) => e.at.slice(0, 10) === addDays(today, -135))).toBe(true);
});

test('the seeded steering dashboard is shared with everyone logged in; its claims-and-support gadget shows Priya only CLM, its saved-filter gadget the filter\'s initiatives', async () => {
  const list = await jira(host.url, 'GET', '/rest/api/3/dashboard', undefined, 'priya@example.com');
  const steering = (list.body.dashboards as Array<{ id: string; name: string }>).find((d) => d.name === 'AI steering committee');
  expect(steering).toBeDefined();
  const gadgets = (await jira(host.url, 'GET', `/rest/api/3/dashboard/${steering!.id}/gadget`, undefined, 'priya@example.com')).body.gadgets as Array<{ id: number; title: string }>;
  expect(gadgets.map((g) => g.title)).toEqual(['AI initiatives: every project', 'Claims and support', 'Customer-facing AI']);
  const rows = async (user: string) =>
    ok(await invoke(host.url, 'getPortfolioPage', {}, { moduleKey: MODULES.gadget, user, context: { dashboardId: steering!.id, gadgetId: String(gadgets[1].id) } })).rows.map((r) => r.project.key);
  expect([...new Set(await rows('priya@example.com'))]).toEqual(['CLM']);
  expect([...new Set(await rows('lead@example.com'))].sort()).toEqual(['CLM', 'SUP']);
  // The third shows the saved filter's initiatives: customer-facing ones in AIP and SUP.
  const filtered = ok(await invoke(host.url, 'getPortfolioPage', {}, { moduleKey: MODULES.gadget, user: 'lead@example.com', context: { dashboardId: steering!.id, gadgetId: String(gadgets[2].id) } })).rows.map((r) => r.key);
  expect(filtered.sort()).toEqual([SEED_KEYS.untouched, SEED_KEYS.shipped, DEMO_KEYS.supportReplies, DEMO_KEYS.supportBot].sort());
});
