import type { Database } from '../db';
import type { Principal } from '../auth';
import { JiraError } from './errors';
import { writeProperty } from './properties';
import { decodePageToken, encodePageToken, searchIssues, type SearchRequest } from './search';
import { SEED_ACCOUNTS, SEED_KEYS, SEED_PROJECT, ISSUE_TYPE_IDS, STATUS_IDS } from './seed';
import { APP, seededDb, userPrincipal } from './test-support';
import { loadEntityPropertyIndex } from './jql/entity-properties';
import { hasProjectPermission, projectPermissionsOf } from './permissions';
import path from 'node:path';

const properties = loadEntityPropertyIndex(path.join(__dirname, '..', '..', 'manifest.yml'));
let db: Database;
beforeEach(() => { db = seededDb(); });
afterEach(() => db.close());

const search = (req: SearchRequest, who: Principal = APP) => searchIssues(db, who, req, { base: 'http://jira.local', properties });

describe('enhanced search', () => {
  test('without fields only ids come back; with fields the Jira issue shape', () => {
    const bare = search({ jql: 'key = AIP-1' });
    expect(bare).toEqual({ issues: [{ id: '10000' }], isLast: true });
    const full = search({ jql: 'key = AIP-1', fields: ['summary', 'status', 'assignee'], properties: ['production-handoff-readiness'] });
    expect(full.issues[0]).toMatchObject({
      id: '10000', key: 'AIP-1', self: 'http://jira.local/rest/api/3/issue/10000',
      fields: { summary: 'Claims triage assistant: move from pilot to production', status: { name: 'In Progress', statusCategory: { key: 'indeterminate' } }, assignee: { displayName: 'Priya Raman' } },
      properties: {},
    });
    expect(Object.keys(full.issues[0].fields as object).sort()).toEqual(['assignee', 'status', 'summary']);
  });

  test('pages with nextPageToken until isLast, covering every issue once', () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = search({ jql: 'project = AIP ORDER BY key ASC', fields: ['summary'], maxResults: 3, nextPageToken: token });
      seen.push(...page.issues.map((i) => i.key as string));
      token = page.nextPageToken;
      pages += 1;
      expect(page.isLast).toBe(token === undefined);
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4', 'AIP-5', 'AIP-6', 'AIP-7', 'AIP-8']);
  });

  test('a token from another query or garbage is a 400', () => {
    const token = encodePageToken('project = AIP', 3);
    expect(decodePageToken('project = AIP', token)).toBe(3);
    expect(() => decodePageToken('project = XYZ', token)).toThrow(JiraError);
    expect(() => search({ jql: 'issuetype = Epic', nextPageToken: token })).toThrow('nextPageToken');
    expect(() => search({ jql: 'project = AIP', nextPageToken: 'not-a-token' })).toThrow(JiraError);
  });

  test('maxResults is capped at 100 with fields and 5000 for ids only', () => {
    const epics = db.prepare('INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, status_id, labels, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let n = 9; n < 260; n++) epics.run(10000 + n, `AIP-${n}`, SEED_PROJECT.id, n, ISSUE_TYPE_IDS.epic, `Epic ${n}`, STATUS_IDS.toDo, '[]', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
    })();
    expect(search({ jql: 'project = AIP', fields: ['summary'], maxResults: 1000 }).issues).toHaveLength(100);
    expect(search({ jql: 'project = AIP', maxResults: 1000 }).issues).toHaveLength(259);
    expect(search({ jql: 'project = AIP' }).issues).toHaveLength(50);
  });

  test('users only find issues in projects they may browse', () => {
    db.prepare(`INSERT INTO users (account_id, email, display_name) VALUES ('0123456789abcdef01234567', 'outsider@example.com', 'Out Sider')`).run();
    const outsider: Principal = { kind: 'user', accountId: '0123456789abcdef01234567', email: 'outsider@example.com', displayName: 'Out Sider' };
    expect(search({ jql: 'project = AIP' }, outsider).issues).toEqual([]);
    expect(search({ jql: 'project = AIP', maxResults: 100 }, userPrincipal('viewer')).issues).toHaveLength(8);
  });

  test('searchAlias queries read the summary property and return it', () => {
    writeProperty(db, 10000, 'production-handoff-readiness', { level: 'ready', missingCount: 0 });
    const result = search({ jql: 'handoffLevel = ready', fields: ['summary'], properties: ['production-handoff-readiness'] });
    expect(result.issues.map((i) => i.key)).toEqual([SEED_KEYS.nearlyReady]);
    expect(result.issues[0].properties).toEqual({ 'production-handoff-readiness': { level: 'ready', missingCount: 0 } });
  });

  test('5,000 epics with properties page at 100 an answer, each once and in key order, and the property aliases filter them', () => {
    const insert = db.prepare('INSERT INTO issues (id, key, project_id, num, issuetype_id, summary, description, status_id, labels, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    const prop = db.prepare('INSERT INTO issue_properties (issue_id, key, value) VALUES (?, ?, ?)');
    db.transaction(() => {
      for (let n = 9; n < 5009; n++) {
        insert.run(10000 + n, `AIP-${n}`, SEED_PROJECT.id, n, ISSUE_TYPE_IDS.epic, `Initiative ${n}`, '{"type":"doc","version":1,"content":[]}', STATUS_IDS.inProgress, '["ai-initiative"]', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z');
        prop.run(10000 + n, 'production-handoff-readiness', JSON.stringify({ level: n % 3 === 0 ? 'ready' : 'deciding', missingCount: n % 7 }));
      }
    })();
    const req = { jql: 'project = AIP AND issuetype = Epic AND labels = ai-initiative ORDER BY key ASC', fields: ['summary', 'status', 'assignee', 'labels', 'updated'], properties: ['production-handoff-readiness'], maxResults: 100 };
    search(req); // warm the statement cache
    // Timings belong to `npm run bench` (tests check behaviour): here every page holds 100, none twice, in key order.
    let token: string | undefined;
    const keys: string[] = [];
    for (let p = 0; p < 10; p++) {
      const page = search({ ...req, nextPageToken: token });
      expect(page.issues).toHaveLength(100);
      keys.push(...page.issues.map((i) => String(i.key)));
      token = page.nextPageToken;
    }
    expect(new Set(keys).size).toBe(1000);
    const nums = keys.map((k) => Number(String(k).split('-')[1]));
    expect(nums).toEqual([...nums].sort((a, b) => a - b));
    // Ids only (up to 5,000 an answer): exactly the inserted epics the aliases select, besides any seeded ones.
    const ready = search({ jql: 'handoffLevel = ready AND handoffMissing > 3', maxResults: 5000 });
    const wanted = Array.from({ length: 5000 }, (_, i) => i + 9).filter((n) => n % 3 === 0 && n % 7 > 3).map((n) => String(10000 + n));
    const inserted = ready.issues.map((i) => String(i.id)).filter((id) => Number(id) >= 10009);
    expect(inserted.sort()).toEqual(wanted.sort());
  });
});

describe('permissions from project roles', () => {
  test('each role holds its permissions; the app holds all', () => {
    expect([...projectPermissionsOf(db, SEED_ACCOUNTS.viewer, SEED_PROJECT.id)]).toEqual(['BROWSE_PROJECTS']);
    expect(hasProjectPermission(db, userPrincipal('lead'), SEED_PROJECT.id, 'EDIT_ISSUES')).toBe(true);
    expect(hasProjectPermission(db, userPrincipal('lead'), SEED_PROJECT.id, 'ADMINISTER_PROJECTS')).toBe(false);
    expect(hasProjectPermission(db, userPrincipal('admin'), SEED_PROJECT.id, 'ADMINISTER_PROJECTS')).toBe(true);
    expect(hasProjectPermission(db, userPrincipal('viewer'), SEED_PROJECT.id, 'TRANSITION_ISSUES')).toBe(false);
    expect(hasProjectPermission(db, APP, SEED_PROJECT.id, 'DELETE_ISSUES')).toBe(true);
  });
});
