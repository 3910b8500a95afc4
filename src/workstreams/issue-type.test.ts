import { chooseWorkstreamIssueType } from './issue-type';

const t = (name: string, hierarchyLevel: number, subtask = false) => ({ id: name, name, hierarchyLevel, subtask });

describe('chooseWorkstreamIssueType', () => {
  const types = [t('Epic', 1), t('Sub-task', -1, true), t('Story', 0), t('Task', 0)];

  test('prefers the project setting when it is a level-0 type', () => {
    expect(chooseWorkstreamIssueType(types, 'story')?.name).toBe('Story');
  });

  test('never picks an epic or a sub-task, falling back to Task, then any level-0 type', () => {
    expect(chooseWorkstreamIssueType(types, 'Epic')?.name).toBe('Task');
    expect(chooseWorkstreamIssueType(types, 'Sub-task')?.name).toBe('Task');
    expect(chooseWorkstreamIssueType([t('Epic', 1), t('Work item', 0)], 'Task')?.name).toBe('Work item');
    expect(chooseWorkstreamIssueType([t('Epic', 1), t('Sub-task', -1, true)], 'Task')).toBeUndefined();
  });
});
