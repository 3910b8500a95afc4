import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { Catalog, IssueRow } from '../jira/catalog';
import { changelogItems, issuePayload, passesFilter } from './events';

/** The filter exactly as the app's manifest declares it, so this test breaks if the two drift apart. */
const manifest = parse(fs.readFileSync(path.join(__dirname, '..', '..', 'manifest.yml'), 'utf8'));
const trigger = manifest.modules.trigger.find((t: { key: string }) => t.key === 'workstream-status-sync');

const catalog = {
  users: new Map(),
  projects: new Map([['10000', { id: '10000', key: 'AIP', name: 'AI Pilots' }]]),
  issueTypes: new Map([['10001', { id: '10001', name: 'Task', subtask: 0, hierarchy_level: 0 }]]),
  statuses: new Map([
    ['10000', { id: '10000', name: 'To Do', category_id: 2 }],
    ['10002', { id: '10002', name: 'Done', category_id: 3 }],
  ]),
  categories: new Map([[2, { id: 2, key: 'new', name: 'To Do' }], [3, { id: 3, key: 'done', name: 'Done' }]]),
} as unknown as Catalog;

const row = (over: Partial<IssueRow> = {}): IssueRow => ({
  id: 10200, key: 'AIP-20', project_id: '10000', num: 20, issuetype_id: '10001', summary: 'Compliance review', description: null,
  status_id: '10000', assignee_id: null, reporter_id: null, labels: '[]', parent_id: 10100, created: '2026-11-01T00:00:00.000Z',
  updated: '2026-11-01T00:00:00.000Z', resolutiondate: null, ...over,
});
const keyOf = (id: number) => (id === 10100 ? 'AIP-10' : id === 10101 ? 'AIP-11' : null);

test('a transition and a move become Jira changelog items', () => {
  const items = changelogItems(row(), row({ status_id: '10002', parent_id: 10101 }), catalog, keyOf);
  expect(items).toEqual([
    { field: 'status', fieldtype: 'jira', fieldId: 'status', from: '10000', fromString: 'To Do', to: '10002', toString: 'Done' },
    { field: 'IssueParentAssociation', fieldtype: 'jira', fieldId: 'IssueParentAssociation', from: '10100', fromString: 'AIP-10', to: '10101', toString: 'AIP-11' },
  ]);
  expect(changelogItems(row(), row({ summary: 'Renamed' }), catalog, keyOf).map((i) => i.field)).toEqual(['summary']);
});

test('the payload issue carries string ids, the status category and the parent', () => {
  const issue = issuePayload(row({ status_id: '10002' }), catalog, keyOf) as {
    id: string;
    fields: { status: { statusCategory: { key: string } }; parent: unknown; created: string };
  };
  expect(issue.id).toBe('10200');
  expect(issue.fields.status.statusCategory.key).toBe('done');
  expect(issue.fields.parent).toEqual({ id: '10100', key: 'AIP-10' });
  expect(issue.fields.created).toBe('2026-11-01T00:00:00.000+0000');
});

describe("the manifest's trigger filter", () => {
  const event = (eventType: string, fields: Record<string, unknown>, items?: Array<{ field: string }>) => ({
    eventType, issue: { id: '10200', key: 'AIP-20', fields }, ...(items ? { changelog: { id: '1', items } } : {}),
  });
  const child = { parent: { id: '10100', key: 'AIP-10' } };

  test('lets through status and parent changes of child issues, and their deletion', () => {
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'status' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'IssueParentAssociation' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:deleted:issue', child), false)).toBe(true);
  });

  test('keeps out other edits and what the app itself did; a parentless issue is left to the handler', () => {
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'summary' }]), false)).toBe(false);
    // The filter does not rely on `parent` being in the event payload; the handler checks marker and parent.
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', {}, [{ field: 'status' }]), false)).toBe(true);
    expect(passesFilter(trigger.filter, event('avi:jira:updated:issue', child, [{ field: 'status' }]), true)).toBe(false);
  });

  test('a failing expression follows onError', () => {
    const broken = { expression: 'event.nothing.here == 1' };
    const e = event('avi:jira:updated:issue', child, [{ field: 'status' }]);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(passesFilter({ ...broken, onError: 'RECEIVE' }, e, false)).toBe(true);
      expect(passesFilter({ ...broken, onError: 'IGNORE' }, e, false)).toBe(false);
      expect(passesFilter(broken, e, false)).toBe(false);
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
