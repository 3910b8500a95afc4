/**
 * Cross-functional sub-tasks (issue 16), end to end on the local host. On an epic with withdrawn pilot
 * conditions and agreed KPIs, one press creates the five workstream issues and, under them, one sub-task
 * per template item, per withdrawn condition and per agreed KPI, in at most two bulk requests; pressing again
 * creates nothing; one more withdrawn condition adds exactly one sub-task. Exactly once across concurrent
 * presses and a reset of app storage (the markers); a condition decided otherwise leaves its sub-task
 * "no longer needed", never deleted; a project without a sub-task type, a field the sub-task screen requires,
 * or no due date on the screen get what Jira allows and a message naming what to change.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestHost, type TestHost } from '../helpers/host';
import { eventsIdle, invoke, jira, ok, resetStats, searchKeys, stats } from '../helpers/local-api';
import { createEpic, DONE_TRANSITION, transition } from '../helpers/handoff-fixtures';
import { setProjectIssueTypes, setRemovedScreenFields, setRequiredFields } from '../helpers/jira-admin';
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import { addDays, isoToday } from '../../src/domain/dates';
import { DEFAULT_WORKSTREAM_TEMPLATES } from '../../src/domain/policy';
import type { HandoffView } from '../../src/shared/contract';

jest.setTimeout(180_000);

const TEMPLATE_SUBTASKS = DEFAULT_WORKSTREAM_TEMPLATES.reduce((n, t) => n + t.subtasks.length, 0);
const BULK = 'POST /rest/api/3/issue/bulk';
const SEARCH = 'POST /rest/api/3/search/jql';

let host: TestHost;
beforeAll(async () => {
  host = await startTestHost();
});
afterAll(async () => {
  await host.stop();
});

const ctxOf = (issueKey: string, user = 'admin@example.com') => ({ context: { issueKey }, user });
const create = (issueKey: string, user = 'admin@example.com') => invoke(host.url, 'createWorkstreams', {}, ctxOf(issueKey, user));
const workstreams = async (issueKey: string) => ok(await invoke(host.url, 'getWorkstreams', {}, ctxOf(issueKey)));
const bulkRequests = async () => (await stats(host.url)).jira.byRoute[BULK] ?? 0;

/** Every sub-task under the epic's workstream issues, as Jira has them (the admin's own search). */
async function subtasksOf(epicKey: string): Promise<Array<{ key: string; parent: string; summary: string; duedate: string | null; assignee: string | null }>> {
  const parents = await searchKeys(host.url, `parent = ${epicKey}`);
  if (parents.length === 0) return [];
  const r = await jira(host.url, 'POST', '/rest/api/3/search/jql', { jql: `parent in (${parents.join(',')}) ORDER BY created ASC`, fields: ['parent', 'summary', 'duedate', 'assignee'], maxResults: 100 });
  return r.body.issues.map((i: { key: string; fields: { parent: { key: string }; summary: string; duedate: string | null; assignee: { accountId: string } | null } }) => ({
    key: i.key, parent: i.fields.parent.key, summary: i.fields.summary, duedate: i.fields.duedate, assignee: i.fields.assignee?.accountId ?? null,
  }));
}

/** An epic with decisions: two withdrawn conditions, one undecided, two agreed KPIs (one owned by a Jira user), one proposed. */
async function demoEpic(summary: string, project = 'AIP'): Promise<{ key: string; view: HandoffView; undecidedId: string }> {
  const key = await createEpic(host.url, summary, ['ai-initiative'], project);
  const ctx = ctxOf(key);
  let view = ok(await invoke(host.url, 'getHandoff', {}, ctx));
  const condition = async (kind: string, name: string) => {
    view = ok(await invoke(host.url, 'saveCondition', { baseVersion: view.version, condition: { kind, name } }, ctx));
    return view.record!.conditions[view.record!.conditions.length - 1].id;
  };
  const withdraw = async (id: string, productionPath: string, leadTimeDays: number) => {
    view = ok(await invoke(host.url, 'decideCondition', { baseVersion: view.version, conditionId: id, decision: { status: 'withdrawn', rationale: 'Pilot only.', productionPath, leadTimeDays } }, ctx));
  };
  await withdraw(await condition('data-access', 'Direct read access to the claims database'), 'Standard data request', 30);
  await withdraw(await condition('stakeholder-access', 'Weekly slot with the VP of Claims'), 'Monthly claims review', 14);
  const undecidedId = await condition('permission', 'Deploy without change approval');
  for (const kpi of [
    { name: 'p95 triage latency', category: 'latency', direction: 'lower-is-better', source: 'Serving metrics', owner: 'Priya Raman', horizon: { count: 1, unit: 'quarter' }, status: 'agreed' },
    { name: 'Claims handled per FTE', category: 'business-outcome', direction: 'higher-is-better', source: 'Claims warehouse', owner: 'Claims analytics', horizon: { count: 2, unit: 'quarter' }, status: 'agreed' },
    { name: 'Adjuster adoption', category: 'adoption', direction: 'higher-is-better', status: 'proposed' },
  ]) {
    view = ok(await invoke(host.url, 'saveKpi', { baseVersion: view.version, kpi }, ctx));
  }
  view = ok(await invoke(host.url, 'setWorkstreamLead', { baseVersion: view.version, workstream: 'data-integration', accountId: SEED_ACCOUNTS.lead }, ctx));
  return { key, view, undecidedId };
}

describe('on a demo epic with withdrawn conditions and agreed KPIs', () => {
  let epic: { key: string; view: HandoffView; undecidedId: string };
  beforeAll(async () => {
    epic = await demoEpic('Sub-tasks: claims triage to production');
  });

  test('one press makes the five workstream issues and every sub-task under them, in two bulk requests', async () => {
    const before = await workstreams(epic.key);
    expect(before.missing).toEqual({ workstreams: 5, subtasks: TEMPLATE_SUBTASKS + 2 + 2 });
    await resetStats(host.url);
    const result = ok(await create(epic.key));
    expect(await bulkRequests()).toBe(2);
    expect(result.created).toHaveLength(5);
    expect(result.subtasks.failed).toEqual([]);
    expect(result.subtasks.problem).toBeUndefined();
    expect(result.subtasks.created).toHaveLength(TEMPLATE_SUBTASKS + 4);

    const parents = new Map(result.created.map((c) => [c.workstream, c.issueKey]));
    const inJira = await subtasksOf(epic.key);
    expect(inJira).toHaveLength(TEMPLATE_SUBTASKS + 4);
    const today = isoToday(new Date(), 'UTC');
    const find = (summary: string) => inJira.find((s) => s.summary === summary)!;
    expect(find('Set up Standard data request (expected lead time 30 days)')).toMatchObject({ parent: parents.get('data-integration'), duedate: addDays(today, 30), assignee: SEED_ACCOUNTS.lead });
    expect(find('Set up Monthly claims review (expected lead time 14 days)')).toMatchObject({ parent: parents.get('stakeholder-alignment'), duedate: addDays(today, 14) });
    // A KPI owner who is a Jira user gets the sub-task; a team name leaves it unassigned.
    expect(find('Instrument p95 triage latency from Serving metrics')).toMatchObject({ parent: parents.get('production-kpis'), assignee: SEED_ACCOUNTS.priya });
    expect(find('Instrument Claims handled per FTE from Claims warehouse')).toMatchObject({ parent: parents.get('production-kpis'), assignee: null });
    expect(find('Privacy impact assessment')).toMatchObject({ parent: parents.get('compliance-review') });

    const view = result.view;
    expect(view.missing).toEqual({ workstreams: 0, subtasks: 0 });
    expect(view.subtasksTotal).toBe(TEMPLATE_SUBTASKS + 4);
    expect(view.items.find((i) => i.workstream === 'compliance-review')!.subtasks.map((s) => s.summary)).toEqual(['Privacy impact assessment', 'Model card and intended-use statement', 'AI governance sign-off']);
    // The history says what was created, through the one change path.
    const history = ok(await invoke(host.url, 'getHistory', {}, ctxOf(epic.key)));
    expect(history.entries.find((e) => e.action === 'createWorkstreams')?.summary).toBe(`Created workstream issues and sub-tasks: workstream 'Data integration' issue, workstream 'Model deployment' issue, workstream 'Compliance review' issue and ${2 + TEMPLATE_SUBTASKS + 4} more`);
  });

  test('pressing again creates nothing, with one marker search and no bulk request', async () => {
    // The first press's issue events (one per created issue) reach the trigger first: only this press is counted.
    await eventsIdle(host.url);
    await resetStats(host.url);
    const again = ok(await create(epic.key));
    expect(again.created).toEqual([]);
    expect(again.subtasks.created).toEqual([]);
    const s = await stats(host.url);
    expect(s.jira.byRoute[BULK]).toBeUndefined();
    expect(s.jira.byRoute[SEARCH]).toBe(1);
    expect(s.jira.total).toBeLessThanOrEqual(6);
    expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 4);
  });

  test('one more withdrawn condition: the tab offers exactly one missing sub-task, and the press creates exactly it', async () => {
    const ctx = ctxOf(epic.key);
    const view = ok(await invoke(host.url, 'getHandoff', {}, ctx));
    ok(await invoke(host.url, 'decideCondition', { baseVersion: view.version, conditionId: epic.undecidedId, decision: { status: 'withdrawn', rationale: 'CAB approval in production.', productionPath: 'Change advisory board approval', leadTimeDays: 5 } }, ctx));
    const tab = await workstreams(epic.key);
    expect(tab.missing).toEqual({ workstreams: 0, subtasks: 1 });
    expect(tab.items.find((i) => i.workstream === 'compliance-review')!.missingSubtasks).toBe(1);
    await resetStats(host.url);
    const result = ok(await create(epic.key));
    expect(result.subtasks.created).toEqual([{ workstream: 'compliance-review', issueKey: expect.any(String), summary: 'Set up Change advisory board approval (expected lead time 5 days)' }]);
    expect(await bulkRequests()).toBe(1);
    expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 5);
  });

  test('a condition changed back to undecided deletes nothing: its sub-task is shown as no longer needed', async () => {
    const ctx = ctxOf(epic.key);
    const view = ok(await invoke(host.url, 'getHandoff', {}, ctx));
    ok(await invoke(host.url, 'decideCondition', { baseVersion: view.version, conditionId: epic.undecidedId, decision: { status: 'undecided' } }, ctx));
    const tab = await workstreams(epic.key);
    const stale = tab.items.flatMap((i) => i.subtasks).filter((s) => s.noLongerNeeded);
    expect(stale.map((s) => s.summary)).toEqual(['Set up Change advisory board approval (expected lead time 5 days)']);
    expect(tab.missing).toEqual({ workstreams: 0, subtasks: 0 });
    expect(ok(await create(epic.key)).subtasks.created).toEqual([]);
    expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 5);
  });

  test('after a reset of app storage the markers still find every sub-task: nothing is created twice', async () => {
    const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'));
    try {
      db.transaction(() => ['kvs', 'kvs_entity'].forEach((t) => db.prepare(`DELETE FROM ${t}`).run()))();
    } finally {
      db.close();
    }
    await resetStats(host.url);
    const result = ok(await create(epic.key));
    expect(result.created).toEqual([]);
    // The record is gone with the storage: no withdrawn conditions or agreed KPIs are known any more, so only the template items are wanted.
    expect(result.subtasks.created).toEqual([]);
    expect(await bulkRequests()).toBe(0);
    expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 5);
  });

  test('progress counts sub-tasks done: the tab, the searchable summary (via the issue event) and the report', async () => {
    const [first] = await subtasksOf(epic.key);
    expect((await transition(host.url, first.key, DONE_TRANSITION)).status).toBe(204);
    await eventsIdle(host.url);
    const tab = await workstreams(epic.key);
    expect(tab.subtasksDone).toBe(1);
    expect(tab.items.flatMap((i) => i.subtasks).find((s) => s.key === first.key)?.statusCategory).toBe('done');
    const summary = await jira(host.url, 'GET', `/rest/api/3/issue/${epic.key}/properties/production-handoff-readiness`);
    expect(summary.body.value).toMatchObject({ subtasksTotal: TEMPLATE_SUBTASKS + 5, subtasksDone: 1, workstreamsTotal: 5 });
    expect(await searchKeys(host.url, `issue.property[production-handoff-readiness].subtasksDone = 1 AND key = ${epic.key}`)).toEqual([epic.key]);
  });
});

test('two presses at the same moment create each sub-task once', async () => {
  const epic = await demoEpic('Sub-tasks: two presses at once');
  await resetStats(host.url);
  const [a, b] = await Promise.all([create(epic.key, 'admin@example.com'), create(epic.key, 'lead@example.com')]);
  const results = [ok(a), ok(b)];
  expect(results.flatMap((r) => r.subtasks.created)).toHaveLength(TEMPLATE_SUBTASKS + 4);
  expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 4);
  expect(await bulkRequests()).toBe(2);
});

test('a project without a sub-task type: the workstream issues are created and a message names what to change; a retry finishes', async () => {
  const epic = await demoEpic('Sub-tasks: no sub-task type', 'OPS');
  await setProjectIssueTypes(host.url, 'OPS', ['Epic', 'Task', 'Story', 'Bug']);
  try {
    await resetStats(host.url);
    const first = ok(await create(epic.key));
    expect(first.created).toHaveLength(5);
    expect(first.subtasks.created).toEqual([]);
    expect(first.subtasks.problem).toBe("Project OPS has no sub-task issue type, so no sub-task was created. A Jira admin adds one (Sub-task) to the project's issue types; then press Create again.");
    expect(await bulkRequests()).toBe(1);
    expect(first.view.missing.subtasks).toBe(TEMPLATE_SUBTASKS + 4);
  } finally {
    await setProjectIssueTypes(host.url, 'OPS', []);
  }
  const retry = ok(await create(epic.key));
  expect(retry.created).toEqual([]);
  expect(retry.subtasks.created).toHaveLength(TEMPLATE_SUBTASKS + 4);
  expect(await subtasksOf(epic.key)).toHaveLength(TEMPLATE_SUBTASKS + 4);
});

test('a field the sub-task screen requires: no sub-task request, a message naming the field; a retry after the admin\'s fix finishes', async () => {
  const epic = await demoEpic('Sub-tasks: a required field');
  await setRequiredFields(host.url, 'AIP', [{ id: 'customfield_10060', name: 'Risk owner', issueTypes: ['Sub-task'] }]);
  try {
    await resetStats(host.url);
    const first = ok(await create(epic.key));
    expect(first.created).toHaveLength(5);
    expect(first.subtasks.problem).toBe('Jira requires Risk owner to create a Sub-task in AIP, which the app cannot fill in, so no sub-task was created. A Jira admin makes it optional or gives it a default value for Sub-task; then press Create again.');
    expect(await bulkRequests()).toBe(1);
  } finally {
    await setRequiredFields(host.url, 'AIP', []);
  }
  expect(ok(await create(epic.key)).subtasks.created).toHaveLength(TEMPLATE_SUBTASKS + 4);
});

test('without the due date on the sub-task screen, sub-tasks are created without one', async () => {
  const epic = await demoEpic('Sub-tasks: no due date field');
  await setRemovedScreenFields(host.url, 'AIP', [{ id: 'duedate', issueTypes: ['Sub-task'] }]);
  try {
    const result = ok(await create(epic.key));
    expect(result.subtasks.failed).toEqual([]);
    expect(result.subtasks.created).toHaveLength(TEMPLATE_SUBTASKS + 4);
    expect((await subtasksOf(epic.key)).every((s) => s.duedate === null)).toBe(true);
  } finally {
    await setRemovedScreenFields(host.url, 'AIP', []);
  }
});
