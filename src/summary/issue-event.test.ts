import { SUBTASK_MARKER_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import type { Delivery, FoundWorkstream, JiraIssue } from '../jira';
import { epicsToRecount, planForEvent, withFreshIssue } from './issue-event';

const EPIC = '10100';
const issue = (id: string, opts: { parent?: string; marker?: unknown; status?: string } = {}): JiraIssue => ({
  id,
  key: `AIP-${id}`,
  fields: { ...(opts.parent ? { parent: { id: opts.parent } } : {}), status: { statusCategory: { key: opts.status ?? 'new' } } },
  ...(opts.marker !== undefined ? { properties: { [WORKSTREAM_MARKER_KEY]: opts.marker } } : {}),
});
const marker = (epicId: string, workstream = 'compliance-review') => ({ epicId, epicKey: 'AIP-1', workstream });
const subtask = (id: string, parent: string, opts: { epicId?: string; item?: string; status?: string } = {}): JiraIssue => ({
  id,
  key: `AIP-${id}`,
  fields: { parent: { id: parent }, status: { statusCategory: { key: opts.status ?? 'new' } } },
  properties: { [SUBTASK_MARKER_KEY]: { epicId: opts.epicId ?? EPIC, epicKey: 'AIP-1', workstream: 'compliance-review', item: opts.item ?? `kpi:k${id}` } },
});

describe('planForEvent', () => {
  const updated = (items: Array<{ field: string; from?: string }>) => ({ eventType: 'avi:jira:updated:issue', issue: { id: '10200', fields: { parent: { id: EPIC } } }, changelog: { items } });

  test('acts on status, parent and label changes only', () => {
    expect(planForEvent(updated([{ field: 'status' }]))).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: true });
    expect(planForEvent(updated([{ field: 'IssueParentAssociation', from: '10001' }]))).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: false });
    expect(planForEvent(updated([{ field: 'summary' }, { field: 'labels' }]))).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: true });
    expect(planForEvent(updated([{ field: 'summary' }, { field: 'description' }]))).toEqual({ kind: 'ignore' });
    expect(planForEvent({ eventType: 'avi:jira:updated:issue', issue: { id: '10200' } })).toEqual({ kind: 'ignore' });
  });

  test('a parent change counts however the project logs it: IssueParentAssociation, Epic Link, Parent Link, Parent', () => {
    const moved = (item: Record<string, unknown>) => planForEvent({ eventType: 'avi:jira:updated:issue', issue: { id: '10200' }, changelog: { items: [item] } });
    for (const item of [
      { field: 'IssueParentAssociation', fieldtype: 'jira', from: '10001', to: EPIC },
      { field: 'Epic Link', fieldtype: 'custom', fieldId: 'customfield_10014', from: '10001', fromString: 'AIP-1', to: EPIC },
      { field: 'Parent Link', fieldtype: 'custom', fieldId: 'customfield_10018', from: '10001', to: EPIC },
      { field: 'Parent', fieldtype: 'jira', fieldId: 'parent', from: '10001', to: EPIC },
    ]) {
      expect(moved(item)).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: false });
    }
    // A type change may make an issue an epic (or stop it being one).
    expect(moved({ field: 'issuetype', fieldtype: 'jira', fieldId: 'issuetype', from: '10001', to: '10000' })).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: true });
  });

  test('a delete names the last parent; anything malformed is ignored', () => {
    expect(planForEvent({ eventType: 'avi:jira:deleted:issue', issue: { id: 10200, fields: { parent: { id: EPIC } } } })).toEqual({ kind: 'deleted', issueId: '10200', parentId: EPIC });
    expect(planForEvent({ eventType: 'avi:jira:deleted:issue', issue: { id: '10200', fields: {} } })).toEqual({ kind: 'ignore' });
    expect(planForEvent({ eventType: 'avi:jira:created:issue', issue: { id: '10200' } })).toEqual({ kind: 'updated', issueId: '10200', epicMayChange: true });
    expect(planForEvent({ eventType: 'avi:jira:viewed:issue', issue: { id: '10200' } })).toEqual({ kind: 'ignore' });
    expect(planForEvent({ eventType: 'avi:jira:updated:issue', issue: { id: '1 OR 1=1' }, changelog: { items: [{ field: 'status' }] } })).toEqual({ kind: 'ignore' });
    expect(planForEvent(undefined)).toEqual({ kind: 'ignore' });
  });
});

describe('epicsToRecount', () => {
  test('the epic the marker names is recounted, whether the issue sits under it or has just left it (order-free)', () => {
    expect(epicsToRecount(issue('10200', { parent: EPIC, marker: marker(EPIC) }))).toEqual([EPIC]);
    expect(epicsToRecount(issue('10200', { parent: '10999', marker: marker(EPIC) }))).toEqual([EPIC]);
    expect(epicsToRecount(issue('10200', { marker: marker(EPIC) }))).toEqual([EPIC]);
  });

  test('a sub-task names the epic its marker names', () => {
    expect(epicsToRecount(subtask('10300', '10200'))).toEqual([EPIC]);
    expect(epicsToRecount({ ...subtask('10300', '10200'), properties: { [SUBTASK_MARKER_KEY]: { epicId: EPIC, workstream: 'compliance-review', item: 'nope' } } })).toEqual([]);
  });

  test('an issue without a well-formed marker names no epic', () => {
    expect(epicsToRecount(issue('10200', { parent: EPIC }))).toEqual([]);
    expect(epicsToRecount(issue('10200', { parent: EPIC, marker: marker(EPIC, 'not-a-workstream') }))).toEqual([]);
    expect(epicsToRecount(issue('10200', { parent: EPIC, marker: { epicId: 'x', workstream: 'compliance-review' } }))).toEqual([]);
  });
});

describe('withFreshIssue', () => {
  const found = (id: string, workstream: FoundWorkstream['workstream'], status = 'new'): FoundWorkstream => ({ workstream, issue: issue(id, { parent: EPIC, marker: marker(EPIC, workstream), status }) });
  const searched: Delivery = { workstreams: [found('1', 'compliance-review'), found('2', 'model-deployment')], subtasks: [] };
  const ids = (d: Delivery) => d.workstreams.map((f) => f.issue.id);

  test('the directly read state replaces a lagging search result in place', () => {
    const fresh = issue('1', { parent: EPIC, marker: marker(EPIC), status: 'done' });
    const result = withFreshIssue(searched, EPIC, { issueId: '1', issue: fresh });
    expect(result.workstreams.map((f) => [f.issue.id, f.issue.fields.status?.statusCategory?.key])).toEqual([['1', 'done'], ['2', 'new']]);
  });

  test('a deleted or moved issue is dropped; one the search has not seen yet is added last', () => {
    expect(ids(withFreshIssue(searched, EPIC, { issueId: '1', issue: null }))).toEqual(['2']);
    expect(ids(withFreshIssue(searched, EPIC, { issueId: '2', issue: issue('2', { parent: '10999', marker: marker(EPIC) }) }))).toEqual(['1']);
    const late = issue('3', { parent: EPIC, marker: marker(EPIC, 'data-integration') });
    expect(ids(withFreshIssue(searched, EPIC, { issueId: '3', issue: late }))).toEqual(['1', '2', '3']);
  });

  test('a sub-task\'s fresh state corrects the search too; it counts only under one of the epic\'s workstream issues', () => {
    const withSubtasks: Delivery = { ...searched, subtasks: [{ workstream: 'compliance-review', item: 'kpi:k5', issue: subtask('5', '1') }] };
    const done = withFreshIssue(withSubtasks, EPIC, { issueId: '5', issue: subtask('5', '1', { status: 'done' }) });
    expect(done.subtasks.map((s) => [s.issue.id, s.item, s.issue.fields.status?.statusCategory?.key])).toEqual([['5', 'kpi:k5', 'done']]);
    expect(withFreshIssue(withSubtasks, EPIC, { issueId: '5', issue: null }).subtasks).toEqual([]);
    expect(withFreshIssue(withSubtasks, EPIC, { issueId: '6', issue: subtask('6', '2') }).subtasks.map((s) => s.issue.id)).toEqual(['5', '6']);
    // Moved under an issue that is not one of this epic's workstreams: it no longer counts here.
    expect(withFreshIssue(withSubtasks, EPIC, { issueId: '5', issue: subtask('5', '10999') }).subtasks).toEqual([]);
  });
});
