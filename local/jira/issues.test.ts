import type { Database } from '../db';
import { JiraError } from './errors';
import { createIssue, createIssuesInBulk, deleteIssue, updateIssue } from './issues';
import { PROPERTY_VALUE_LIMIT, readProperty, writeProperty } from './properties';
import { SEED_ACCOUNTS, SEED_KEYS, SEED_PROJECT } from './seed';
import { setRequiredFields } from './create-screen';
import { viewIssues } from './issue-view';
import { resolveFieldSelection } from './format';
import { APP, seededDb, userPrincipal } from './test-support';
import { findIssue } from './catalog';

let db: Database;
beforeEach(() => { db = seededDb(); });
afterEach(() => db.close());

function jiraError(fn: () => unknown): JiraError {
  try {
    fn();
  } catch (e) {
    if (e instanceof JiraError) return e;
    throw e;
  }
  throw new Error('expected a JiraError');
}

const task = (summary: string, extra: Record<string, unknown> = {}) =>
  ({ fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary, ...extra } });

describe('creating issues', () => {
  test('creates with the next key, ADF description from a string, labels, assignee and properties', () => {
    const created = createIssue(db, userPrincipal('lead'), {
      ...task('Model deployment', { description: 'Deploy behind the gateway', labels: ['workstream'], assignee: { accountId: SEED_ACCOUNTS.priya }, parent: { key: SEED_KEYS.nearlyReady } }),
      properties: [{ key: 'production-handoff-workstream', value: { epicId: '10000', workstream: 'model-deployment' } }],
    });
    expect(created.key).toBe('AIP-9');
    const row = findIssue(db, 'AIP-9')!;
    expect(JSON.parse(row.description!)).toEqual({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Deploy behind the gateway' }] }] });
    expect(row.assignee_id).toBe(SEED_ACCOUNTS.priya);
    expect(row.reporter_id).toBe(SEED_ACCOUNTS.lead);
    expect(row.parent_id).toBe(findIssue(db, SEED_KEYS.nearlyReady)!.id);
    expect(readProperty(db, created.id, 'production-handoff-workstream')).toEqual({ epicId: '10000', workstream: 'model-deployment' });
  });

  test('enforces the hierarchy: epic children are level 0, sub-tasks sit under level 0', () => {
    const child = createIssue(db, APP, task('Compliance review', { parent: { key: SEED_KEYS.nearlyReady } }));
    const sub = createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'DPIA', parent: { key: child.key } } });
    expect(sub.key).toBe('AIP-10');
    expect(jiraError(() => createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'Under epic', parent: { key: SEED_KEYS.nearlyReady } } })).errors.parent)
      .toContain('appropriate hierarchy');
    expect(jiraError(() => createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'Orphan' } })).errors.parent)
      .toContain('must have a parent');
    expect(jiraError(() => createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: 'Nested', parent: { key: SEED_KEYS.ready } } })).status).toBe(400);
    expect(jiraError(() => createIssue(db, APP, task('Under task', { parent: { key: child.key } }))).errors.parent).toContain('appropriate hierarchy');
  });

  test('field errors use Jira wording', () => {
    expect(jiraError(() => createIssue(db, APP, task(''))).errors).toEqual({ summary: 'You must specify a summary of the issue.' });
    expect(jiraError(() => createIssue(db, APP, { fields: { project: { key: 'NOPE' }, issuetype: { name: 'Task' }, summary: 'x' } })).errors.project).toBeDefined();
    expect(jiraError(() => createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Initiative' }, summary: 'x' } })).errors.issuetype).toBe('Specify a valid issue type');
    expect(jiraError(() => createIssue(db, APP, task('x', { labels: ['two words'] }))).errors.labels).toContain('contains spaces');
    expect(jiraError(() => createIssue(db, APP, task('x', { customfield_10011: 'Epic name' }))).errors.customfield_10011).toContain('cannot be set');
    expect(jiraError(() => createIssue(db, APP, task('x', { assignee: { accountId: SEED_ACCOUNTS.viewer } }))).errors.assignee).toContain('cannot be assigned');
  });

  test('viewers may not create (403); a user outside the project does not see it (400 on project)', () => {
    expect(jiraError(() => createIssue(db, userPrincipal('viewer'), task('x'))).status).toBe(403);
    db.prepare(`INSERT INTO users (account_id, email, display_name) VALUES ('0123456789abcdef01234567', 'outsider@example.com', 'Out Sider')`).run();
    const outsider = { kind: 'user' as const, accountId: '0123456789abcdef01234567', email: 'outsider@example.com', displayName: 'Out Sider' };
    expect(jiraError(() => createIssue(db, outsider, task('x'))).errors.project).toBeDefined();
  });
});

describe('issue ids', () => {
  test('are never reused, even after the newest issue is deleted', () => {
    const first = createIssue(db, APP, task('Created, then deleted'));
    deleteIssue(db, userPrincipal('admin'), first.key, false);
    const second = createIssue(db, APP, task('Created after the delete'));
    expect(second.id).toBeGreaterThan(first.id);
    expect(second.key).not.toBe(first.key);
    expect(findIssue(db, String(first.id))).toBeUndefined();
  });
});

describe('bulk create', () => {
  test('partial success reports each failure with its element number', () => {
    const result = createIssuesInBulk(db, APP, {
      issueUpdates: [
        task('Data integration', { parent: { key: SEED_KEYS.nearlyReady } }),
        task(''),
        task('Stakeholder alignment', { parent: { key: SEED_KEYS.nearlyReady } }),
        { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'bad', parent: { key: SEED_KEYS.nearlyReady } } },
      ],
    });
    expect(result.issues.map((i) => i.key)).toEqual(['AIP-9', 'AIP-10']);
    expect(result.errors).toEqual([
      { status: 400, elementErrors: { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } }, failedElementNumber: 1 },
      expect.objectContaining({ status: 400, failedElementNumber: 3 }),
    ]);
  });

  test('a field the create screen requires fails every element that leaves it empty, with Jira\'s message', () => {
    setRequiredFields(db, SEED_PROJECT.id, [{ id: 'customfield_10050', name: 'Compliance owner', issueTypes: ['Task'] }]);
    const result = createIssuesInBulk(db, APP, {
      issueUpdates: [task('Data integration'), task('Model deployment', { customfield_10050: '' }), { fields: { project: { key: 'AIP' }, issuetype: { name: 'Epic' }, summary: 'Not a task' } }],
    });
    expect(result.errors).toEqual([0, 1].map((n) => ({
      elementErrors: { errorMessages: [], errors: { customfield_10050: 'Compliance owner is required.' } }, failedElementNumber: n, status: 400,
    })));
    expect(result.issues).toHaveLength(1);
    // Supplied, the field is kept and read back like any other field.
    const created = createIssue(db, APP, task('Compliance review', { customfield_10050: 'Dana (legal)' }));
    expect(viewIssues(db, [findIssue(db, created.key)!], { base: '', fields: resolveFieldSelection(['summary', 'customfield_10050'], false) })[0].fields)
      .toEqual({ summary: 'Compliance review', customfield_10050: 'Dana (legal)' });
    // Off the screen again: the requirement is gone, and the field cannot be set any more.
    setRequiredFields(db, SEED_PROJECT.id, []);
    expect(createIssuesInBulk(db, APP, { issueUpdates: [task('Data integration')] }).errors).toEqual([]);
    expect(jiraError(() => createIssue(db, APP, task('x', { customfield_10050: 'Dana' }))).errors.customfield_10050).toContain('cannot be set');
  });

  test('more than 50 is refused as a whole', () => {
    const updates = Array.from({ length: 51 }, (_, n) => task(`Item ${n}`));
    expect(jiraError(() => createIssuesInBulk(db, APP, { issueUpdates: updates })).errorMessages[0]).toContain('50');
    expect((db.prepare('SELECT COUNT(*) AS n FROM issues').get() as { n: number }).n).toBe(8);
  });

  test('a permission failure is an element error with status 403', () => {
    const result = createIssuesInBulk(db, userPrincipal('viewer'), { issueUpdates: [task('x')] });
    expect(result.issues).toEqual([]);
    expect(result.errors[0].status).toBe(403);
  });
});

describe('editing and deleting', () => {
  test('members edit fields and labels; viewers get 403', () => {
    updateIssue(db, userPrincipal('lead'), SEED_KEYS.ready, { fields: { summary: 'Invoice anomaly detection v2' }, update: { labels: [{ add: 'finance-ops' }, { remove: 'finance' }] } });
    const row = findIssue(db, SEED_KEYS.ready)!;
    expect(row.summary).toBe('Invoice anomaly detection v2');
    expect(JSON.parse(row.labels)).toEqual(['ai-initiative', 'finance-ops']);
    expect(jiraError(() => updateIssue(db, userPrincipal('viewer'), SEED_KEYS.ready, { fields: { summary: 'nope' } })).status).toBe(403);
    expect(jiraError(() => updateIssue(db, userPrincipal('lead'), SEED_KEYS.ready, { fields: { status: { id: '10002' } } })).errors.status).toContain('cannot be set');
    expect(jiraError(() => updateIssue(db, userPrincipal('lead'), 'AIP-404', { fields: { summary: 'x' } })).status).toBe(404);
  });

  test('only administrators delete; sub-tasks need deleteSubtasks', () => {
    const child = createIssue(db, APP, task('Parent task'));
    createIssue(db, APP, { fields: { project: { key: 'AIP' }, issuetype: { name: 'Sub-task' }, summary: 'Sub', parent: { key: child.key } } });
    expect(jiraError(() => deleteIssue(db, userPrincipal('lead'), child.key, true)).status).toBe(403);
    expect(jiraError(() => deleteIssue(db, userPrincipal('admin'), child.key, false)).status).toBe(400);
    deleteIssue(db, userPrincipal('admin'), child.key, true);
    expect(findIssue(db, child.key)).toBeUndefined();
    expect(findIssue(db, 'AIP-10')).toBeUndefined();
  });
});

describe('issue properties', () => {
  test('create then update, and values up to 32,768 characters', () => {
    const id = findIssue(db, SEED_KEYS.nearlyReady)!.id;
    expect(writeProperty(db, id, 'p', { level: 'deciding' })).toBe('created');
    expect(writeProperty(db, id, 'p', { level: 'ready' })).toBe('updated');
    expect(readProperty(db, id, 'p')).toEqual({ level: 'ready' });
    const justFits = 'x'.repeat(PROPERTY_VALUE_LIMIT - 2); // JSON adds two quotes
    expect(writeProperty(db, id, 'big', justFits)).toBe('created');
    expect(jiraError(() => writeProperty(db, id, 'big', justFits + 'x')).status).toBe(400);
    expect(readProperty(db, id, 'big')).toBe(justFits);
    expect(jiraError(() => writeProperty(db, id, 'k'.repeat(256), 1)).status).toBe(400);
  });
});
