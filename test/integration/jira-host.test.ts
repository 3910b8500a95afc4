/**
 * The local Jira as strict as Jira Cloud where the app's correctness depends on it: issue ids are never
 * reused, an empty issue-property PUT is refused, an edit changes the issue type only within its
 * hierarchy level, and Jira's Move (`POST /rest/api/3/bulk/issues/move`, driven here through jira.js)
 * changes the type across levels and moves issues to another project: new key, same id, the old key still
 * finds the issue. Each change reports the issue event Jira would send, with its changelog items.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Version3Client } from 'jira.js';
import { openDatabase, type Database } from '../../local/db';
import { authenticate } from '../../local/auth';
import { createJiraRouter } from '../../local/jira/router';
import { findIssue, loadCatalog } from '../../local/jira/catalog';
import { SECOND_PROJECT, SEED_KEYS, seedJira } from '../../local/jira/seed';
import { changelogItems, type IssueChange } from '../../local/forge/events';

const SECRET = 'test-internal-secret';
let dir: string;
let db: Database;
let server: Server;
let base: string;
const changes: IssueChange[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-jira-host-'));
  db = openDatabase(path.join(dir, 'local.sqlite'));
  seedJira(db);
  const app = express();
  app.use('/rest/api/3', authenticate(db, SECRET), createJiraRouter({
    db,
    manifestPath: path.join(__dirname, '..', '..', 'manifest.yml'),
    validators: async () => ({ result: true }),
    onIssueEvent: (change) => changes.push(change),
  }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = (email = 'admin@example.com') => new Version3Client({ host: base, authentication: { basic: { email, apiToken: 'x' } } });

async function call(method: string, route: string, body?: string | object, user = 'admin@example.com', contentType = 'application/json') {
  const res = await fetch(`${base}/rest/api/3${route}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${user}:token`).toString('base64')}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const createTask = async (summary: string, extra: Record<string, unknown> = {}) => {
  const r = await call('POST', '/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary, ...extra } });
  expect(r.status).toBe(201);
  return r.body as { id: string; key: string };
};

/** The changelog items of the update events reported for an issue since `from` (as Forge's payload carries them). */
const itemsFor = (issueId: string, from: number) => {
  const catalog = loadCatalog(db);
  const keyOf = (id: number) => findIssue(db, String(id))?.key ?? null;
  return changes.slice(from)
    .filter((c) => c.kind === 'updated' && String(c.issue.id) === issueId && c.before)
    .flatMap((c) => changelogItems(c.before!, c.issue, catalog, keyOf));
};

async function waitForTask(taskId: string, user = 'admin@example.com') {
  for (let i = 0; i < 200; i++) {
    const progress = await client(user).issueBulkOperations.getBulkOperationProgress({ taskId });
    if (progress.status === 'COMPLETE' || progress.status === 'FAILED') return progress;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`Task ${taskId} did not finish`);
}

const move = async (issueIdsOrKeys: string[], target: string, user = 'admin@example.com') => {
  const { taskId } = await client(user).issueBulkOperations.submitBulkMove({
    sendBulkNotification: false,
    targetToSourcesMapping: {
      [target]: { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys },
    },
  });
  expect(taskId).toMatch(/^\d+$/);
  return waitForTask(taskId!, user);
};

test('issue ids are never reused, even after the newest issue is deleted', async () => {
  const first = await createTask('Created, then deleted');
  expect((await call('DELETE', `/issue/${first.key}`)).status).toBe(204);
  const second = await createTask('Created after the delete');
  expect(Number(second.id)).toBeGreaterThan(Number(first.id));
  expect((await call('GET', `/issue/${first.id}`)).status).toBe(404);
});

test('PUT of an issue property with an empty body is refused with Jira\'s message, and nothing is stored', async () => {
  const empty = await call('PUT', `/issue/${SEED_KEYS.story}/properties/empty-value`, '');
  expect(empty).toEqual({ status: 400, body: { errorMessages: ['The property value can not be empty.'], errors: {} } });
  expect((await call('PUT', `/issue/${SEED_KEYS.story}/properties/empty-value`, '  \n')).status).toBe(400);
  expect((await call('PUT', `/issue/${SEED_KEYS.story}/properties/empty-value`, 'plain words', undefined, 'text/plain')).status).toBe(415);
  expect((await call('GET', `/issue/${SEED_KEYS.story}/properties/empty-value`)).status).toBe(404);
  // A JSON value is stored as before.
  expect((await call('PUT', `/issue/${SEED_KEYS.story}/properties/empty-value`, '{"ok":true}')).status).toBe(201);
});

test('an edit changes the issue type within its hierarchy level only, and logs issuetype', async () => {
  const task = await createTask('A task that becomes a story', { parent: { key: SEED_KEYS.nearlyReady } });
  const mark = changes.length;
  expect((await call('PUT', `/issue/${task.key}`, { fields: { issuetype: { name: 'Story' } } })).status).toBe(204);
  const story = (await call('GET', `/issue/${task.key}?fields=issuetype,parent`)).body;
  expect(story.fields.issuetype.name).toBe('Story');
  expect(story.fields.parent.key).toBe(SEED_KEYS.nearlyReady);
  expect(itemsFor(task.id, mark)).toEqual([{ field: 'issuetype', fieldtype: 'jira', fieldId: 'issuetype', from: '10001', fromString: 'Task', to: '10002', toString: 'Story' }]);

  const across = await call('PUT', `/issue/${task.key}`, { fields: { issuetype: { name: 'Epic' } } });
  expect(across.status).toBe(400);
  expect(across.body.errors.issuetype).toMatch(/hierarchy level/);
  expect((await call('PUT', `/issue/${task.key}`, { fields: { issuetype: { name: 'Sub-task' } } })).status).toBe(400);
});

test('Move changes the type across levels: an epic becomes a task, its children lose it as their parent', async () => {
  const epic = (await call('POST', '/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: 'An epic that becomes a task' } })).body as { id: string; key: string };
  const child = await createTask('A child of the epic', { parent: { key: epic.key } });
  const mark = changes.length;

  const progress = await move([epic.key], 'AIP,10001');
  expect(progress).toMatchObject({ status: 'COMPLETE', progressPercent: 100, totalIssueCount: 1, processedAccessibleIssues: [Number(epic.id)], invalidOrInaccessibleIssueCount: 0 });
  const moved = (await call('GET', `/issue/${epic.id}?fields=issuetype,project`)).body;
  expect(moved).toMatchObject({ id: epic.id, key: epic.key, fields: { issuetype: { name: 'Task', hierarchyLevel: 0 } } });
  expect(itemsFor(epic.id, mark)).toEqual([{ field: 'issuetype', fieldtype: 'jira', fieldId: 'issuetype', from: '10000', fromString: 'Epic', to: '10001', toString: 'Task' }]);
  // A task cannot be a task's parent: Jira unlinks the children (an Epic Link change in a company-managed project).
  expect((await call('GET', `/issue/${child.key}?fields=parent`)).body.fields.parent).toBeUndefined();
  expect(itemsFor(child.id, mark)).toEqual([expect.objectContaining({ field: 'Epic Link', from: epic.id, fromString: epic.key, to: null })]);

  // And back: a task becomes an epic.
  expect(await move([epic.key], 'AIP,10000')).toMatchObject({ status: 'COMPLETE', processedAccessibleIssues: [Number(epic.id)] });
  expect((await call('GET', `/issue/${epic.key}?fields=issuetype`)).body.fields.issuetype.name).toBe('Epic');
});

test('Move to another project: a new key, the same id; the old key still finds the issue; sub-tasks follow', async () => {
  const epic = (await call('POST', '/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: 'An epic that moves' } })).body as { id: string; key: string };
  const task = await createTask('A task that moves to Operations', { parent: { key: epic.key } });
  const sub = (await call('POST', '/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'Its sub-task', parent: { key: task.key } } })).body as { id: string; key: string };
  expect((await call('PUT', `/issue/${task.key}/properties/marker`, { kept: true })).status).toBe(201);
  const mark = changes.length;

  const progress = await move([task.key], `${SECOND_PROJECT.key},10001`);
  expect(progress).toMatchObject({ status: 'COMPLETE', processedAccessibleIssues: [Number(task.id)], failedAccessibleIssues: {} });
  const moved = (await call('GET', `/issue/${task.id}?fields=project,parent&properties=marker`)).body;
  expect(moved.key).toMatch(new RegExp(`^${SECOND_PROJECT.key}-\\d+$`));
  expect(moved.fields.project.key).toBe(SECOND_PROJECT.key);
  // Epics take children from other projects: the parent stays. Properties stay with the issue (same id).
  expect(moved.fields.parent.key).toBe(epic.key);
  expect(moved.properties).toEqual({ marker: { kept: true } });
  // Jira answers the old key with the issue under its new key (no redirect status), in REST and in JQL.
  expect((await call('GET', `/issue/${task.key}?fields=summary`)).body).toMatchObject({ id: task.id, key: moved.key });
  const search = await call('POST', '/search/jql', { jql: `key = ${task.key}`, fields: ['summary'] });
  expect(search.body.issues.map((i: { key: string }) => i.key)).toEqual([moved.key]);
  expect(itemsFor(task.id, mark)).toEqual([
    { field: 'project', fieldtype: 'jira', fieldId: 'project', from: '10000', fromString: 'AI Pilots', to: SECOND_PROJECT.id, toString: SECOND_PROJECT.name },
    { field: 'Key', fieldtype: 'jira', fieldId: 'issuekey', from: null, fromString: task.key, to: null, toString: moved.key },
  ]);
  // Its sub-task moved with it: new key, same id, same parent.
  const subNow = (await call('GET', `/issue/${sub.key}?fields=project,parent`)).body;
  expect(subNow).toMatchObject({ id: sub.id, fields: { project: { key: SECOND_PROJECT.key }, parent: { id: task.id } } });
  expect(subNow.key).not.toBe(sub.key);
  expect(itemsFor(sub.id, mark).map((i) => i.field)).toEqual(['project', 'Key']);
  // Keys are never handed out again: the next AIP issue does not get the old key.
  expect((await createTask('After the move')).key).not.toBe(task.key);
});

test('Move is refused per issue without the Move permission, and for what Jira cannot do', async () => {
  const task = await createTask('Stays where it is');
  // The viewer browses AIP but holds no Move permission there: the issue fails, the task completes.
  expect(await move([task.key], 'AIP,10002', 'viewer@example.com')).toMatchObject({
    status: 'COMPLETE', processedAccessibleIssues: [], failedAccessibleIssues: { [task.id]: [expect.stringMatching(/permission to move/)] },
  });
  // A project the caller cannot see is refused as a whole (400), like an unknown one.
  const hidden = await call('POST', '/bulk/issues/move', { targetToSourcesMapping: { [`${SECOND_PROJECT.key},10001`]: { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys: [task.key] } } }, 'viewer@example.com');
  expect(hidden.status).toBe(400);
  // A sub-task type needs a parent in the target; an unknown project is a bad request.
  expect(await move([task.key], 'AIP,10004')).toMatchObject({ failedAccessibleIssues: { [task.id]: [expect.stringMatching(/parent/)] } });
  const bad = await call('POST', '/bulk/issues/move', { targetToSourcesMapping: { 'NOPE,10001': { inferClassificationDefaults: true, inferFieldDefaults: true, inferStatusDefaults: true, inferSubtaskTypeDefault: true, issueIdsOrKeys: [task.key] } } });
  expect(bad.status).toBe(400);
  expect((await call('GET', `/issue/${task.key}?fields=project`)).body.fields.project.key).toBe('AIP');
});
