/**
 * Creating workstream issues is exactly-once: two presses at the same moment, a retry, and a wipe of the
 * app's storage all leave five child issues, created by ONE bulk request. A viewer is refused and
 * nothing is created.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { startTestHost, type TestHost } from '../helpers/host';
import { invoke, ok, resetStats, searchKeys, stats } from '../helpers/local-api';
import { createEpic, transition, DONE_TRANSITION } from '../helpers/handoff-fixtures';
import { SEED_ACCOUNTS } from '../../local/jira/seed';
import { setRequiredFields } from '../helpers/jira-admin';
import { DEFAULT_WORKSTREAM_TEMPLATES } from '../../src/domain/policy';

jest.setTimeout(120_000);

let host: TestHost;
let epic: string;
beforeAll(async () => {
  host = await startTestHost();
  epic = await createEpic(host.url, 'Workstreams: fraud scoring to production');
});
afterAll(async () => {
  await host.stop();
});

const children = () => searchKeys(host.url, `parent = ${epic}`);
const create = (user = 'admin@example.com') => invoke(host.url, 'createWorkstreams', {}, { context: { issueKey: epic }, user });

/** Deletes every KVS row (plain keys and entities) behind the running host's back: an app storage reset. */
function wipeAppStorage(): number {
  const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'));
  try {
    return db.transaction(() => ['kvs', 'kvs_entity', 'kvs_secret'].reduce((n, t) => n + db.prepare(`DELETE FROM ${t}`).run().changes, 0))();
  } finally {
    db.close();
  }
}

test('a viewer is refused with a clear message and nothing is created', async () => {
  const r = await create('viewer@example.com');
  expect(r.ok).toBe(false);
  if (!r.ok) {
    expect(r.error.code).toBe('FORBIDDEN');
    expect(r.error.message).toMatch(/create issues/i);
  }
  expect(await children()).toHaveLength(0);
});

test('two presses at the same moment create five issues in one bulk request (and their sub-tasks in a second)', async () => {
  await resetStats(host.url);
  const [a, b] = await Promise.all([create('admin@example.com'), create('lead@example.com')]);
  const results = [ok(a), ok(b)];
  const created = results.flatMap((r) => r.created);
  expect(created).toHaveLength(5);
  expect(new Set(created.map((c) => c.workstream)).size).toBe(5);
  // The later press found the earlier press's issues instead of creating its own.
  const later = results.find((r) => r.created.length === 0)!;
  expect(later.alreadyExisted).toHaveLength(5);
  expect(results.flatMap((r) => r.failed)).toEqual([]);
  expect(await children()).toHaveLength(5);
  expect(results.flatMap((r) => r.subtasks.created)).toHaveLength(DEFAULT_WORKSTREAM_TEMPLATES.reduce((n, t) => n + t.subtasks.length, 0));
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/issue/bulk']).toBe(2);
});

test('a retry after a lost response creates nothing', async () => {
  const again = ok(await create());
  expect(again.created).toEqual([]);
  expect(again.alreadyExisted).toHaveLength(5);
  expect(await children()).toHaveLength(5);
});

test('after the app storage is wiped, the marker still finds the issues: still five', async () => {
  expect(wipeAppStorage()).toBeGreaterThan(0);
  const afterReset = ok(await create());
  expect(afterReset.created).toEqual([]);
  expect(afterReset.alreadyExisted).toHaveLength(5);
  expect(await children()).toHaveLength(5);
});

test('getWorkstreams shows each workstream issue with live status and progress', async () => {
  const before = ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: epic } }));
  expect(before.total).toBe(5);
  expect(before.done).toBe(0);
  expect(before.canCreate).toBe(true);
  expect(before.items.every((i) => i.issue && i.issue.statusCategory === 'new')).toBe(true);

  const first = before.items[0].issue!.key;
  expect((await transition(host.url, first, DONE_TRANSITION)).status).toBe(204);
  const after = ok(await invoke(host.url, 'getWorkstreams', {}, { context: { issueKey: epic }, user: 'viewer@example.com' }));
  expect(after.done).toBe(1);
  expect(after.canCreate).toBe(false);
  expect(after.items.find((i) => i.issue?.key === first)?.issue?.statusCategory).toBe('done');
});

/** Takes a user out of (or back into) the project's roles behind the app's back, as an admin would in Jira. */
function setMembership(accountId: string, rows: Array<{ project_id: string; role_id: string; account_id: string }> | null) {
  const db = new Database(path.join(host.dataDir, 'production-handoff.sqlite'));
  try {
    if (rows === null) {
      const removed = db.prepare('SELECT * FROM role_members WHERE account_id = ?').all(accountId) as Array<{ project_id: string; role_id: string; account_id: string }>;
      db.prepare('DELETE FROM role_members WHERE account_id = ?').run(accountId);
      return removed;
    }
    for (const r of rows) db.prepare('INSERT INTO role_members (project_id, role_id, account_id) VALUES (?, ?, ?)').run(r.project_id, r.role_id, r.account_id);
    return rows;
  } finally {
    db.close();
  }
}

test('a workstream lead must be someone Jira can assign issues to', async () => {
  const ctx = { context: { issueKey: epic } };
  const view = ok(await invoke(host.url, 'getHandoff', {}, ctx));
  const refused = await invoke(host.url, 'setWorkstreamLead', { baseVersion: view.version, workstream: 'compliance-review', accountId: SEED_ACCOUNTS.viewer }, ctx);
  expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringMatching(/Val Viewer cannot be assigned issues in AIP/) } });
  expect(ok(await invoke(host.url, 'getHandoff', {}, ctx)).version).toBe(view.version);
});

test('a partial failure of the bulk request is reported per workstream, and a retry creates only what is missing', async () => {
  const partial = await createEpic(host.url, 'Workstreams: partial failure');
  const ctx = { context: { issueKey: partial } };
  let view = ok(await invoke(host.url, 'getHandoff', {}, ctx));
  view = ok(await invoke(host.url, 'setWorkstreamLead', { baseVersion: view.version, workstream: 'compliance-review', accountId: SEED_ACCOUNTS.marcus }, ctx));
  ok(await invoke(host.url, 'setWorkstreamLead', { baseVersion: view.version, workstream: 'data-integration', accountId: SEED_ACCOUNTS.priya }, ctx));
  // The compliance lead leaves the project after being named: Jira refuses that one element of the bulk request.
  const membership = setMembership(SEED_ACCOUNTS.marcus, null);
  expect(membership.length).toBeGreaterThan(0);
  await resetStats(host.url);

  const first = ok(await invoke(host.url, 'createWorkstreams', {}, ctx));
  expect(first.created.map((c) => c.workstream).sort()).toEqual(['data-integration', 'model-deployment', 'production-kpis', 'stakeholder-alignment']);
  expect(first.failed).toEqual([{ workstream: 'compliance-review', message: expect.stringMatching(/cannot be assigned/) }]);
  // Its sub-tasks wait for it; the other workstreams got theirs.
  expect(first.subtasks.failed.map((f) => [f.workstream, f.message])).toEqual(
    DEFAULT_WORKSTREAM_TEMPLATES.find((t) => t.key === 'compliance-review')!.subtasks.map(() => ['compliance-review', 'Its workstream issue could not be created; press Create again once it exists.']),
  );
  expect(await searchKeys(host.url, `parent = ${partial}`)).toHaveLength(4);
  // The lead became the assignee of their workstream's issue.
  const dataIssue = first.view.items.find((i) => i.workstream === 'data-integration')?.issue;
  expect(dataIssue?.assignee?.accountId).toBe(SEED_ACCOUNTS.priya);

  // Back in the project, a retry creates only the missing issue.
  setMembership(SEED_ACCOUNTS.marcus, membership);
  const retry = ok(await invoke(host.url, 'createWorkstreams', {}, ctx));
  expect(retry.created.map((c) => c.workstream)).toEqual(['compliance-review']);
  expect(retry.alreadyExisted).toHaveLength(4);
  expect(retry.failed).toEqual([]);
  expect(retry.subtasks.created.every((c) => c.workstream === 'compliance-review')).toBe(true);
  expect(retry.view.missing).toEqual({ workstreams: 0, subtasks: 0 });
  expect(await searchKeys(host.url, `parent = ${partial}`)).toHaveLength(5);
  // Two requests a press: the workstream issues, then the sub-tasks under them.
  expect((await stats(host.url)).jira.byRoute['POST /rest/api/3/issue/bulk']).toBe(4);
});

test('when Jira refuses every element of the bulk request, each workstream shows Jira\'s own reason, and a retry finishes', async () => {
  const refused = await createEpic(host.url, 'Workstreams: a field the create screen requires');
  const ctx = { context: { issueKey: refused } };
  // A Jira admin made a custom field required on the project's create screen for tasks: Jira answers the
  // bulk create 400 with {issues: [], errors: [{failedElementNumber, elementErrors, status}]}.
  await setRequiredFields(host.url, 'AIP', [{ id: 'customfield_10050', name: 'Compliance owner', issueTypes: ['Task'] }]);
  try {
    const first = ok(await invoke(host.url, 'createWorkstreams', {}, ctx));
    expect(first.created).toEqual([]);
    expect(first.failed.map((f) => f.workstream).sort()).toEqual(['compliance-review', 'data-integration', 'model-deployment', 'production-kpis', 'stakeholder-alignment']);
    for (const f of first.failed) expect(f.message).toBe('Compliance owner is required.');
    expect(await searchKeys(host.url, `parent = ${refused}`)).toEqual([]);
  } finally {
    await setRequiredFields(host.url, 'AIP', []);
  }

  // The admin takes the requirement off again: the same press creates all five.
  const retry = ok(await invoke(host.url, 'createWorkstreams', {}, ctx));
  expect(retry.created).toHaveLength(5);
  expect(retry.failed).toEqual([]);
  expect(await searchKeys(host.url, `parent = ${refused}`)).toHaveLength(5);
});
