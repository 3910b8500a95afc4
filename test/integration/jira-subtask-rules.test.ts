/**
 * The local Jira as strict as Jira Cloud about sub-tasks, where the workstreams' sub-tasks depend on it:
 * a project's issue type scheme may have no sub-task type; the create screen of an issue type may lack the
 * due date field or require a custom field, and `GET /rest/api/3/issue/createmeta/{project}/issuetypes/{id}`
 * says which (a page of FieldCreateMetadata, as jira.js types it); a field that is not on the screen is
 * refused; a sub-task needs a level-0 parent. The admin side (scheme, screen) is the host's control API.
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
import { createJiraControlRouter, JiraHold } from '../../local/jira/control';
import { ISSUE_TYPE_IDS, SEED_KEYS, seedJira } from '../../local/jira/seed';

const SECRET = 'test-internal-secret';
let dir: string;
let db: Database;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-jira-subtasks-'));
  db = openDatabase(path.join(dir, 'local.sqlite'));
  seedJira(db);
  const app = express();
  app.use('/__local/jira', createJiraControlRouter({ db, hold: new JiraHold() }));
  app.use('/rest/api/3', authenticate(db, SECRET), createJiraRouter({ db, manifestPath: path.join(__dirname, '..', '..', 'manifest.yml'), validators: async () => ({ result: true }) }));
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

async function call(method: string, route: string, body?: object, user = 'admin@example.com') {
  const res = await fetch(`${base}/rest/api/3${route}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${user}:token`).toString('base64')}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function control(method: string, route: string, body: object) {
  const res = await fetch(`${base}/__local/jira${route}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const client = (email = 'admin@example.com') => new Version3Client({ host: base, authentication: { basic: { email, apiToken: 'x' } } });

async function workstreamTask(summary: string): Promise<{ id: string; key: string }> {
  const r = await call('POST', '/issue', { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary, parent: { key: SEED_KEYS.nearlyReady } } });
  expect(r.status).toBe(201);
  return r.body;
}

const subtask = (parentKey: string, summary: string, extra: Record<string, unknown> = {}) =>
  ({ fields: { project: { key: 'AIP' }, issuetype: { id: ISSUE_TYPE_IDS.subtask }, parent: { key: parentKey }, summary, ...extra } });

type FieldMeta = { fieldId: string; key: string; name: string; required: boolean; hasDefaultValue?: boolean; operations: string[]; schema?: { type: string } };

async function createScreen(projectKey: string, issueTypeId: string): Promise<FieldMeta[]> {
  const page = await client().issues.getCreateIssueMetaIssueTypeId({ projectIdOrKey: projectKey, issueTypeId, maxResults: 200 });
  expect(page).toMatchObject({ startAt: 0, total: page.fields?.length });
  return page.fields as FieldMeta[];
}

test('createmeta for one issue type lists the fields of its create screen, required ones marked, in pages', async () => {
  const fields = await createScreen('AIP', ISSUE_TYPE_IDS.subtask);
  const byId = new Map(fields.map((f) => [f.fieldId, f]));
  expect(byId.get('summary')).toMatchObject({ key: 'summary', name: 'Summary', required: true, schema: { type: 'string' } });
  expect(byId.get('parent')).toMatchObject({ required: true });
  expect(byId.get('duedate')).toMatchObject({ name: 'Due date', required: false, schema: { type: 'date' }, operations: ['set'] });
  expect(byId.get('reporter')).toMatchObject({ required: true, hasDefaultValue: true });
  // Jira's default page is 50 fields; a smaller page says where it started and how many there are.
  const first = await call('GET', `/issue/createmeta/AIP/issuetypes/${ISSUE_TYPE_IDS.subtask}?maxResults=2`);
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ startAt: 0, maxResults: 2, total: fields.length });
  expect(first.body.fields).toHaveLength(2);
  // A type the project does not use is not found; a viewer (no Create issues) sees no fields.
  expect((await call('GET', '/issue/createmeta/AIP/issuetypes/99999')).status).toBe(404);
  expect((await call('GET', `/issue/createmeta/AIP/issuetypes/${ISSUE_TYPE_IDS.subtask}`, undefined, 'viewer@example.com')).body.fields).toEqual([]);
});

test('a due date is set on create when the field is on the screen, read back as a date, and refused when malformed', async () => {
  const parent = await workstreamTask('Data integration');
  const created = await call('POST', '/issue', subtask(parent.key, 'Set up the claims feed', { duedate: '2027-01-15' }));
  expect(created.status).toBe(201);
  const read = await call('GET', `/issue/${created.body.key}?fields=duedate,parent,issuetype`);
  expect(read.body.fields).toMatchObject({ duedate: '2027-01-15', parent: { key: parent.key }, issuetype: { subtask: true, hierarchyLevel: -1 } });
  const bad = await call('POST', '/issue', subtask(parent.key, 'Bad date', { duedate: '15/01/2027' }));
  expect(bad).toMatchObject({ status: 400, body: { errors: { duedate: expect.stringContaining('15/01/2027') } } });
});

test('a field taken off the create screen is not listed and is refused on create, for that issue type only', async () => {
  const parent = await workstreamTask('Compliance review');
  const removed = await control('PUT', '/projects/AIP/screen', { removedFields: [{ id: 'duedate', issueTypes: ['Sub-task'] }] });
  expect(removed.status).toBe(200);
  try {
    expect((await createScreen('AIP', ISSUE_TYPE_IDS.subtask)).map((f) => f.fieldId)).not.toContain('duedate');
    expect((await createScreen('AIP', ISSUE_TYPE_IDS.task)).map((f) => f.fieldId)).toContain('duedate');
    const refused = await call('POST', '/issue', subtask(parent.key, 'Privacy impact assessment', { duedate: '2027-01-15' }));
    expect(refused).toEqual({ status: 400, body: { errorMessages: [], errors: { duedate: "Field 'duedate' cannot be set. It is not on the appropriate screen, or unknown." } } });
    // In a bulk create the element fails alone.
    const bulk = await call('POST', '/issue/bulk', { issueUpdates: [subtask(parent.key, 'With a date', { duedate: '2027-01-15' }), subtask(parent.key, 'Without a date')] });
    expect(bulk.status).toBe(201);
    expect(bulk.body.issues).toHaveLength(1);
    expect(bulk.body.errors).toEqual([expect.objectContaining({ failedElementNumber: 0, elementErrors: { errorMessages: [], errors: { duedate: expect.stringContaining('not on the appropriate screen') } } })]);
  } finally {
    expect((await control('PUT', '/projects/AIP/screen', { removedFields: [] })).status).toBe(200);
  }
  expect((await createScreen('AIP', ISSUE_TYPE_IDS.subtask)).map((f) => f.fieldId)).toContain('duedate');
});

test('a custom field required for sub-tasks is marked required in the sub-task create screen only', async () => {
  await control('PUT', '/projects/AIP/required-fields', { requiredFields: [{ id: 'customfield_10077', name: 'Risk owner', issueTypes: ['Sub-task'] }] });
  try {
    expect((await createScreen('AIP', ISSUE_TYPE_IDS.subtask)).find((f) => f.fieldId === 'customfield_10077')).toMatchObject({ name: 'Risk owner', required: true });
    expect((await createScreen('AIP', ISSUE_TYPE_IDS.task)).find((f) => f.fieldId === 'customfield_10077')).toMatchObject({ required: false });
  } finally {
    await control('PUT', '/projects/AIP/required-fields', { requiredFields: [] });
  }
});

test('a project whose issue type scheme has no sub-task type lists none and refuses one', async () => {
  const scheme = await control('PUT', '/projects/OPS/issue-types', { issueTypes: ['Epic', 'Task', 'Story', 'Bug'] });
  expect(scheme.status).toBe(200);
  const types = await call('GET', '/issue/createmeta/OPS/issuetypes');
  expect(types.body.issueTypes.map((t: { name: string }) => t.name).sort()).toEqual(['Bug', 'Epic', 'Story', 'Task']);
  expect((await call('GET', '/project/OPS')).body.issueTypes.some((t: { subtask: boolean }) => t.subtask)).toBe(false);
  const task = await call('POST', '/issue', { fields: { project: { key: 'OPS' }, issuetype: { name: 'Task' }, summary: 'A task in OPS' } });
  expect(task.status).toBe(201);
  const refused = await call('POST', '/issue', { fields: { project: { key: 'OPS' }, issuetype: { id: ISSUE_TYPE_IDS.subtask }, parent: { key: task.body.key }, summary: 'A sub-task' } });
  expect(refused).toEqual({ status: 400, body: { errorMessages: [], errors: { issuetype: 'The issue type selected is invalid.' } } });
  expect((await call('GET', `/issue/createmeta/OPS/issuetypes/${ISSUE_TYPE_IDS.subtask}`)).status).toBe(404);
  // AIP keeps the default scheme: every type.
  expect((await call('GET', '/issue/createmeta/AIP/issuetypes')).body.issueTypes.some((t: { subtask: boolean }) => t.subtask)).toBe(true);
  // An unknown type name is refused by the control API.
  expect((await control('PUT', '/projects/OPS/issue-types', { issueTypes: ['Nope'] })).status).toBe(400);
});
