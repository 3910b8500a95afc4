/**
 * Jira's `statuscategorychangedate`: when the issue's status category last changed (set at create, moved
 * only by a transition into another category), not when the issue was last updated. The flow metrics read
 * it as the day a Done epic shipped.
 */
import type { Database } from '../db';
import { createIssue, updateIssue } from './issues';
import { transitionIssue } from './transitions';
import { viewIssues } from './issue-view';
import { resolveFieldSelection } from './format';
import { seededDb, userPrincipal } from './test-support';
import { findIssue } from './catalog';
import { TRANSITION_IDS } from './seed';

let db: Database;
beforeEach(() => {
  db = seededDb();
  jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'queueMicrotask'] });
});
afterEach(() => {
  jest.useRealTimers();
  db.close();
});

const fieldsOf = (key: string) => viewIssues(db, [findIssue(db, key)!], { base: '', fields: resolveFieldSelection(['statuscategorychangedate', 'updated', 'created'], false) })[0].fields as Record<string, string>;
const noValidators = async () => ({ result: true });

test('set at create, moved by a transition that changes the category, kept by edits', async () => {
  jest.setSystemTime(new Date('2026-03-01T10:00:00.000Z'));
  const { key } = createIssue(db, userPrincipal('lead'), { fields: { project: { key: 'AIP' }, issuetype: { name: 'Task' }, summary: 'Label the data' } });
  expect(fieldsOf(key).statuscategorychangedate).toBe(fieldsOf(key).created);

  jest.setSystemTime(new Date('2026-03-05T10:00:00.000Z'));
  await transitionIssue(db, userPrincipal('lead'), key, { transition: { id: TRANSITION_IDS.inProgress } }, noValidators);
  const started = fieldsOf(key).statuscategorychangedate;
  expect(started).toMatch(/^2026-03-05T10:00:00\.000/);

  jest.setSystemTime(new Date('2026-03-09T10:00:00.000Z'));
  updateIssue(db, userPrincipal('lead'), key, { fields: { summary: 'Label the historic data' } });
  expect(fieldsOf(key).updated).toMatch(/^2026-03-09/);
  expect(fieldsOf(key).statuscategorychangedate).toBe(started);

  jest.setSystemTime(new Date('2026-03-20T10:00:00.000Z'));
  await transitionIssue(db, userPrincipal('lead'), key, { transition: { id: TRANSITION_IDS.done } }, noValidators);
  expect(fieldsOf(key).statuscategorychangedate).toMatch(/^2026-03-20T10:00:00\.000/);
});
