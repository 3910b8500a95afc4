import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import { Version3Client } from 'jira.js';
import { openDatabase, type Database } from '../../local/db';
import { authenticate } from '../../local/auth';
import { createJiraRouter, type ValidatorRunner } from '../../local/jira/router';
import { SEED_ACCOUNTS, SEED_KEYS, TRANSITION_IDS, seedJira } from '../../local/jira/seed';
import { getRequestStats, resetRequestStats } from '../../local/jira/request-log';

const SECRET = 'test-internal-secret';
let dir: string;
let db: Database;
let server: Server;
let base: string;
let verdict: { result: boolean; errorMessage?: string } = { result: true };
const validatorCalls: Array<Parameters<ValidatorRunner>[0]> = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-jira-'));
  db = openDatabase(path.join(dir, 'nested', 'local.sqlite'));
  seedJira(db);
  seedJira(db); // idempotent
  const app = express();
  app.use('/rest/api/3', authenticate(db, SECRET), createJiraRouter({
    db,
    manifestPath: path.join(__dirname, '..', '..', 'manifest.yml'),
    validators: async (input) => {
      validatorCalls.push(input);
      return verdict;
    },
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

const client = (email = 'admin@example.com') =>
  new Version3Client({ host: base, authentication: { basic: { email, apiToken: 'x' } } });

const basic = (email: string) => ({ authorization: `Basic ${Buffer.from(`${email}:token`).toString('base64')}` });

async function call(method: string, route: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${base}/rest/api/3${route}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

describe('jira.js v5 against the local host', () => {
  test('getIssue returns the requested fields in Jira shapes', async () => {
    const issue = await client().issues.getIssue({ issueIdOrKey: SEED_KEYS.nearlyReady, fields: ['summary', 'status', 'issuetype', 'assignee', 'labels', 'project', 'created'] });
    expect(issue.key).toBe('AIP-1');
    expect(issue.id).toBe('10000');
    expect(issue.fields.summary).toBe('Claims triage assistant: move from pilot to production');
    expect(issue.fields.status).toMatchObject({ name: 'In Progress', statusCategory: { key: 'indeterminate', colorName: 'yellow' } });
    expect(issue.fields.issuetype).toMatchObject({ name: 'Epic', hierarchyLevel: 1, subtask: false });
    expect(issue.fields.assignee).toMatchObject({ accountId: SEED_ACCOUNTS.priya, displayName: 'Priya Raman', accountType: 'atlassian' });
    expect(issue.fields.project).toMatchObject({ key: 'AIP', id: '10000', projectTypeKey: 'software' });
    expect(issue.fields.created).toBe('2026-06-02T09:15:00.000+0000');
    expect(issue.fields.labels).toEqual(['ai-initiative', 'claims']);
    expect(Object.keys(issue.fields)).not.toContain('description');
  });

  test('enhanced search pages epics with nextPageToken', async () => {
    const jira = client();
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'project = AIP AND issuetype = Epic ORDER BY key ASC', fields: ['summary', 'status'], maxResults: 3, nextPageToken,
      });
      keys.push(...(page.issues ?? []).map((i) => i.key));
      nextPageToken = page.nextPageToken ?? undefined;
      pages += 1;
    } while (nextPageToken);
    expect(pages).toBe(3);
    expect(keys).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4', 'AIP-5', 'AIP-6', 'AIP-7']);

    const posted = await jira.issueSearch.searchForIssuesUsingJqlEnhancedSearchPost({ jql: 'project = AIP AND labels = ai-initiative AND statusCategory = Done' });
    expect(posted.issues).toEqual([{ id: '10005' }]);
  });

  test('myself is the authenticated user', async () => {
    const me = await client('lead@example.com').myself.getCurrentUser();
    expect(me).toMatchObject({ accountId: SEED_ACCOUNTS.lead, emailAddress: 'lead@example.com', displayName: 'Lee Lead', active: true });
  });

  test('createmeta, bulk create under an epic and mypermissions', async () => {
    const jira = client('lead@example.com');
    const meta = await jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: 'AIP' });
    expect(meta.issueTypes?.map((t) => [t.name, t.hierarchyLevel])).toEqual([['Epic', 1], ['Task', 0], ['Story', 0], ['Bug', 0], ['Sub-task', -1]]);
    const bulk = await call('POST', '/issue/bulk', basic('lead@example.com'), {
      issueUpdates: [
        { fields: { project: { key: 'AIP' }, issuetype: { id: '10001' }, summary: 'Data integration', parent: { key: SEED_KEYS.ready } } },
        { fields: { project: { key: 'AIP' }, issuetype: { id: '10004' }, summary: 'Wrong level', parent: { key: SEED_KEYS.ready } } },
      ],
    });
    expect(bulk.status).toBe(201);
    expect(bulk.body.issues).toHaveLength(1);
    expect(bulk.body.errors[0]).toMatchObject({ status: 400, failedElementNumber: 1 });
    const perms = await jira.permissions.getMyPermissions({ issueKey: SEED_KEYS.ready, permissions: 'BROWSE_PROJECTS,EDIT_ISSUES,ADMINISTER_PROJECTS' });
    const granted = perms.permissions as Record<string, { havePermission: boolean }>;
    expect(granted.EDIT_ISSUES.havePermission).toBe(true);
    expect(granted.ADMINISTER_PROJECTS.havePermission).toBe(false);
  });
});

describe('REST behaviour over HTTP', () => {
  test('authentication: basic, cookie, internal header; unknown caller is 401', async () => {
    expect((await call('GET', '/myself', { cookie: 'ph_user=viewer%40example.com' })).body.displayName).toBe('Val Viewer');
    expect((await call('GET', '/myself', { 'x-forge-internal': `${SECRET};user;${SEED_ACCOUNTS.marcus}` })).body.displayName).toBe('Marcus Webb');
    const asApp = await call('GET', `/issue/${SEED_KEYS.shipped}?fields=summary`, { 'x-forge-internal': `${SECRET};app` });
    expect(asApp.body.fields.summary).toBe('Meeting-notes summarizer for sales');
    const wrongSecret = await call('GET', '/myself', { 'x-forge-internal': 'guess;app' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.body).toEqual({ errorMessages: ['Client must be authenticated to access this resource.'], errors: {} });
    expect((await call('GET', '/myself', basic('nobody@example.com'))).status).toBe(401);
    expect((await call('GET', '/myself', {})).status).toBe(401);
  });

  test('a viewer gets 403 on PUT /issue', async () => {
    const res = await call('PUT', `/issue/${SEED_KEYS.ready}`, basic('viewer@example.com'), { fields: { summary: 'Renamed' } });
    expect(res.status).toBe(403);
    expect(res.body.errorMessages[0]).toContain('permission');
  });

  test('issue properties: 201 then 200, GET, list, too long is 400, viewer cannot write', async () => {
    const admin = basic('admin@example.com');
    const route = `/issue/${SEED_KEYS.nearlyReady}/properties/production-handoff-readiness`;
    expect((await call('PUT', route, admin, { level: 'deciding', missingCount: 3 })).status).toBe(201);
    expect((await call('PUT', route, admin, { level: 'ready', missingCount: 0 })).status).toBe(200);
    expect((await call('GET', route, admin)).body).toEqual({ key: 'production-handoff-readiness', value: { level: 'ready', missingCount: 0 } });
    expect((await call('GET', `/issue/${SEED_KEYS.nearlyReady}/properties`, admin)).body.keys.map((k: { key: string }) => k.key)).toEqual(['production-handoff-readiness']);
    expect((await call('PUT', route, admin, { blob: 'x'.repeat(40_000) })).status).toBe(400);
    expect((await call('PUT', route, basic('viewer@example.com'), { level: 'hacked' })).status).toBe(403);
    const found = await call('GET', `/search/jql?jql=${encodeURIComponent('handoffLevel = ready')}&properties=production-handoff-readiness`, admin);
    expect(found.body.issues).toEqual([{ id: '10000', properties: { 'production-handoff-readiness': { level: 'ready', missingCount: 0 } } }]);
    expect((await call('GET', '/issue/AIP-999/properties/x', admin)).status).toBe(404);
  });

  test('transitions: a failing validator answers 400 with its message; passing moves to Done', async () => {
    validatorCalls.length = 0;
    const lead = basic('lead@example.com');
    const listed = await call('GET', `/issue/${SEED_KEYS.nearlyReady}/transitions`, lead);
    expect(listed.body.transitions.map((t: { id: string }) => t.id)).toEqual([TRANSITION_IDS.toDo, TRANSITION_IDS.done]);

    verdict = { result: false, errorMessage: 'Production handoff for AIP-1 is not decided: no delivery owner.' };
    const blocked = await call('POST', `/issue/${SEED_KEYS.nearlyReady}/transitions`, lead, { transition: { id: TRANSITION_IDS.done } });
    expect(blocked.status).toBe(400);
    expect(blocked.body).toEqual({ errorMessages: ['Production handoff for AIP-1 is not decided: no delivery owner.'], errors: {} });
    expect(validatorCalls[0]).toEqual({
      issueKey: 'AIP-1',
      transition: { id: '31', from: { id: '10001' }, to: { id: '10002' } },
      validators: [{ moduleKey: 'production-handoff-gate', configuration: { scopeLabel: 'ai-initiative' } }],
    });

    // The rule sits on the workflow every issue type shares: the task's transition asks the validator too.
    expect((await call('POST', `/issue/${SEED_KEYS.story}/transitions`, lead, { transition: { id: TRANSITION_IDS.done } })).status).toBe(400);
    expect(validatorCalls.map((c) => c.issueKey)).toEqual(['AIP-1', SEED_KEYS.story]);

    verdict = { result: true };
    expect((await call('POST', `/issue/${SEED_KEYS.story}/transitions`, lead, { transition: { id: TRANSITION_IDS.done } })).status).toBe(204);
    expect((await call('POST', `/issue/${SEED_KEYS.nearlyReady}/transitions`, lead, { transition: { id: TRANSITION_IDS.done } })).status).toBe(204);
    const after = await call('GET', `/issue/${SEED_KEYS.nearlyReady}?fields=status,resolutiondate`, lead);
    expect(after.body.fields.status.name).toBe('Done');
    expect(after.body.fields.resolutiondate).toMatch(/\+0000$/);
    expect((await call('POST', `/issue/${SEED_KEYS.ready}/transitions`, basic('viewer@example.com'), { transition: { id: '21' } })).status).toBe(403);
  });

  test('old search is gone, bad JQL is 400, unknown routes are 404, requests are counted', async () => {
    resetRequestStats();
    const admin = basic('admin@example.com');
    expect((await call('GET', '/search?jql=project%3DAIP', admin)).status).toBe(410);
    const bad = await call('POST', '/search/jql', admin, { jql: 'project = ' });
    expect(bad.status).toBe(400);
    expect(bad.body.errorMessages[0]).toMatch(/^Error in the JQL Query/);
    expect((await call('GET', '/issue/AIP-1/nothing-here', admin)).status).toBe(404);
    await call('POST', '/search/jql', { 'x-forge-internal': `${SECRET};app` }, { jql: 'project = AIP' });
    const stats = getRequestStats();
    expect(stats.byRoute['POST /rest/api/3/search/jql']).toBe(2);
    expect(stats.byRoute['GET /rest/api/3/search']).toBe(1);
    expect(stats.byPrincipal).toMatchObject({ user: 3, app: 1 });
    expect(stats.byRouteAndPrincipal['POST /rest/api/3/search/jql']).toMatchObject({ user: 1, app: 1 });
  });
});
