import { act, renderHook } from '@testing-library/react';
import type { CreateWorkstreamsResult, Result, WorkstreamsView } from '@src/shared/contract';
import { answer, deferred } from '@ui/testing/bridge';
import { ok } from '@ui/testing/fixtures';
import { useWorkstreams } from './useWorkstreams';

const view = (done: number, created: boolean): WorkstreamsView => ({
  items: [{ workstream: 'data-integration', name: 'Data integration', subtasks: [], subtasksDone: 0, missingSubtasks: 0, ...(created ? { issue: { id: '2', key: 'AIP-20', summary: 'Data', statusName: 'To Do', statusCategory: 'new' as const } } : {}) }],
  done,
  total: 1,
  subtasksDone: 0,
  subtasksTotal: 0,
  missing: { workstreams: created ? 0 : 1, subtasks: 0 },
  blocked: [],
  canCreate: true,
});

describe('useWorkstreams', () => {
  it('keeps Refresh apart from Create: own busy flags, and a refresh that started earlier never hides the created issues', async () => {
    const loads = [deferred<Result<WorkstreamsView>>(), deferred<Result<WorkstreamsView>>()];
    let n = 0;
    answer('getWorkstreams', () => loads[n++].promise);
    const creation = deferred<Result<CreateWorkstreamsResult>>();
    answer('createWorkstreams', () => creation.promise);
    const { result } = renderHook(() => useWorkstreams());
    await act(async () => loads[0].resolve(ok(view(0, false))));

    let created!: Promise<unknown>;
    act(() => {
      created = result.current.creation.run();
    });
    expect(result.current.creation.busy).toBe(true);
    expect(result.current.workstreams.loading).toBe(false);

    act(() => void result.current.workstreams.reload());
    expect(result.current.workstreams.loading).toBe(true);
    await act(async () => {
      creation.resolve(ok({ created: [{ workstream: 'data-integration', issueKey: 'AIP-20' }], alreadyExisted: [], failed: [], subtasks: { created: [], failed: [] }, view: view(0, true) }));
      await created;
    });
    expect(result.current.creation.busy).toBe(false);
    await act(async () => loads[1].resolve(ok(view(0, false))));
    expect(result.current.workstreams.data?.items[0].issue?.key).toBe('AIP-20');
  });
});
