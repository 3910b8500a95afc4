import { SUBTASK_MARKER_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { plainTextToAdf, subtaskIssueUpdate, workstreamIssueUpdate } from './issue-updates';
import { deliveryJql } from '../jira';

test('template text becomes ADF paragraphs split on blank lines', () => {
  expect(plainTextToAdf('First line\ncontinues.\n\nSecond.').content.map((p) => p.content[0].text)).toEqual(['First line continues.', 'Second.']);
  expect(plainTextToAdf('  ').content).toEqual([]);
});

test('each issue carries its parent, assignee and the marker naming epic and workstream', () => {
  const update = workstreamIssueUpdate(
    { workstream: 'compliance-review', summary: 'AIP-3 · Compliance', description: 'Review.', assigneeAccountId: 'abc' },
    { id: '10003', key: 'AIP-3' },
    { projectId: '10000', issueTypeId: '10001' },
  ) as { fields: Record<string, unknown>; properties: Array<{ key: string; value: { epicId: string; workstream: string } }> };
  expect(update.fields.parent).toEqual({ key: 'AIP-3' });
  expect(update.fields.assignee).toEqual({ accountId: 'abc' });
  expect(update.properties).toEqual([{ key: WORKSTREAM_MARKER_KEY, value: expect.objectContaining({ epicId: '10003', workstream: 'compliance-review' }) }]);
});

test('each sub-task carries its workstream issue as parent and the marker naming epic, workstream and item; fields off the screen are left out', () => {
  const item = { item: 'condition:c1', workstream: 'data-integration' as const, source: 'condition' as const, summary: 'Set up the claims feed (expected lead time 30 days)', description: 'Replaces direct access.', dueDate: '2027-01-15' };
  const target = { projectId: '10000', issueTypeId: '10004', parentKey: 'AIP-20', assigneeAccountId: 'abc' };
  const full = subtaskIssueUpdate(item, { id: '10003', key: 'AIP-3' }, { ...target, onScreen: new Set(['description', 'assignee', 'duedate']) }) as { fields: Record<string, unknown>; properties: unknown[] };
  expect(full.fields).toMatchObject({ parent: { key: 'AIP-20' }, issuetype: { id: '10004' }, assignee: { accountId: 'abc' }, duedate: '2027-01-15' });
  expect(full.properties).toEqual([{ key: SUBTASK_MARKER_KEY, value: { epicId: '10003', epicKey: 'AIP-3', workstream: 'data-integration', item: 'condition:c1', app: 'production-handoff' } }]);
  const bare = subtaskIssueUpdate(item, { id: '10003', key: 'AIP-3' }, { ...target, onScreen: new Set() }) as { fields: Record<string, unknown> };
  expect(Object.keys(bare.fields).sort()).toEqual(['issuetype', 'parent', 'project', 'summary']);
});

test('the marker search only takes an issue id, so nothing can be injected into the JQL', () => {
  expect(deliveryJql({ id: '10003', key: 'AIP-3' })).toBe(
    '(parent = 10003 AND issue.property[production-handoff-workstream].epicId = "10003") OR issue.property[production-handoff-subtask].epicId = "10003" ORDER BY created ASC',
  );
  expect(() => deliveryJql({ id: '1" OR project = X', key: 'AIP-3' })).toThrow();
});
