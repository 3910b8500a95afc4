import { createLabel, subtaskProgress } from './create-label';

describe('the create button says what it will create', () => {
  it('names the workstream issues, then only the missing sub-tasks, and nothing when all exist', () => {
    expect(createLabel({ workstreams: 5, subtasks: 17 })).toBe('Create workstream issues and 17 sub-tasks');
    expect(createLabel({ workstreams: 1, subtasks: 0 })).toBe('Create workstream issues');
    expect(createLabel({ workstreams: 0, subtasks: 3 })).toBe('Create 3 missing sub-tasks');
    expect(createLabel({ workstreams: 0, subtasks: 1 })).toBe('Create 1 missing sub-task');
    expect(createLabel({ workstreams: 0, subtasks: 0 })).toBeUndefined();
  });
  it('counts progress in sub-tasks', () => {
    expect(subtaskProgress(12, 19)).toBe('12 of 19 sub-tasks done');
    expect(subtaskProgress(0, 1)).toBe('0 of 1 sub-task done');
  });
});
