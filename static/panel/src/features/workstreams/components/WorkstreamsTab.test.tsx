import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FullContext } from '@forge/bridge';
import type { SubtaskView, WorkstreamsView } from '@src/shared/contract';
import { ForgeContextProvider } from '@ui/forge-context';
import { answer, DEFAULT_CONTEXT, invocations } from '@ui/testing/bridge';
import { ok } from '@ui/testing/fixtures';
import { WorkstreamsTab } from './WorkstreamsTab';

const subtask = (key: string, summary: string, over: Partial<SubtaskView> = {}): SubtaskView => ({
  item: `template:compliance-review:${key.toLowerCase()}`, source: 'template', id: key.replace('AIP-', ''), key, summary, statusName: 'To Do', statusCategory: 'new', noLongerNeeded: false, ...over,
});

const view = (missingSubtasks: number): WorkstreamsView => ({
  items: [
    {
      workstream: 'compliance-review',
      name: 'Compliance review',
      issue: { id: '20', key: 'AIP-20', summary: 'Compliance', statusName: 'In Progress', statusCategory: 'indeterminate' },
      subtasks: [
        subtask('AIP-21', 'Privacy impact assessment', { statusName: 'Done', statusCategory: 'done', assignee: { accountId: 'p', displayName: 'Priya Raman' } }),
        subtask('AIP-22', 'Set up Change advisory board approval (expected lead time 5 days)', { item: 'condition:c1', source: 'condition', dueDate: '2027-01-15', noLongerNeeded: true }),
      ],
      subtasksDone: 1,
      missingSubtasks,
    },
  ],
  done: 0,
  total: 1,
  subtasksDone: 1,
  subtasksTotal: 2,
  missing: { workstreams: 0, subtasks: missingSubtasks },
  blocked: [],
  canCreate: true,
});

const renderTab = () => render(<ForgeContextProvider value={DEFAULT_CONTEXT as unknown as FullContext}><WorkstreamsTab /></ForgeContextProvider>);

describe('WorkstreamsTab', () => {
  it('lists each workstream\'s sub-tasks with status, assignee and due date, and flags the ones no longer needed', async () => {
    answer('getWorkstreams', () => ok(view(0)));
    renderTab();
    expect((await screen.findByTestId('subtasks-progress')).textContent).toBe('1 of 2 sub-tasks done');
    const rows = screen.getAllByTestId('subtask-row');
    expect(rows.map((r) => within(r).getByTestId('subtask-issue').textContent)).toEqual(['AIP-21', 'AIP-22']);
    expect(within(rows[0]).getByText('Done')).toBeTruthy();
    expect(within(rows[0]).getByTestId('subtask-assignee').textContent).toBe('Priya Raman');
    expect(within(rows[1]).getByTestId('subtask-assignee').textContent).toBe('Unassigned');
    expect(within(rows[1]).getByText(/From a withdrawn pilot condition · due/)).toBeTruthy();
    expect(within(rows[1]).getByTestId('subtask-no-longer-needed').textContent).toBe('No longer needed');
    expect(within(rows[0]).queryByTestId('subtask-no-longer-needed')).toBeNull();
    expect(screen.getByTestId('workstream-subtask-progress').textContent).toBe('1 of 2 sub-tasks done');
    // Nothing is missing: no create button.
    expect(screen.queryByTestId('create-workstreams')).toBeNull();
  });

  it('offers exactly the missing sub-tasks and says what was created', async () => {
    answer('getWorkstreams', () => ok(view(3)));
    answer('createWorkstreams', () => ok({ created: [], alreadyExisted: [{ workstream: 'compliance-review', issueKey: 'AIP-20' }], failed: [], subtasks: { created: [1, 2, 3].map((n) => ({ workstream: 'compliance-review' as const, issueKey: `AIP-3${n}`, summary: `S${n}` })), failed: [] }, view: view(0) }));
    renderTab();
    const user = userEvent.setup();
    const button = await screen.findByTestId('create-workstreams');
    expect(button.textContent).toBe('Create 3 missing sub-tasks');
    expect(screen.getByTestId('workstream-subtask-progress').textContent).toBe('1 of 2 sub-tasks done, 3 not created yet');
    await user.click(button);
    expect((await screen.findByTestId('subtasks-created')).textContent).toBe('Created 3 sub-tasks.');
    expect(invocations('createWorkstreams')).toEqual([{}]);
    expect(screen.queryByTestId('create-workstreams')).toBeNull();
  });
});
