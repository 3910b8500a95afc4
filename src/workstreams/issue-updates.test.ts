import { WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { plainTextToAdf, workstreamIssueUpdate } from './issue-updates';
import { workstreamJql } from '../jira';

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

test('the marker search only takes an issue id, so nothing can be injected into the JQL', () => {
  expect(workstreamJql({ id: '10003', key: 'AIP-3' })).toBe('parent = 10003 AND issue.property[production-handoff-workstream].epicId = "10003" ORDER BY created ASC');
  expect(() => workstreamJql({ id: '1" OR project = X', key: 'AIP-3' })).toThrow();
});
