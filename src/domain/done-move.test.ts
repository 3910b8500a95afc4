import { doneMoveEntry, type DoneMove } from './done-move';
import { defaultProjectSettings } from './policy';
import { condition, PRIYA, readyRecord, record } from './__fixtures__/records';

const epic = { id: '10300', key: 'AIP-30', projectId: '10000' };
const move = (from: DoneMove['from']['category'], to: DoneMove['to']['category']): DoneMove => ({
  from: { name: from === 'done' ? 'Done' : 'In Progress', category: from },
  to: { name: to === 'done' ? 'Done' : 'In Progress', category: to },
  at: '2026-11-30T09:15:00.000Z',
  by: PRIYA,
});

describe('doneMoveEntry', () => {
  const settings = defaultProjectSettings();

  it('records a move into Done as shipped, with the level it left', () => {
    const entry = doneMoveEntry({ epic, record: readyRecord(), settings, move: move('indeterminate', 'done') });
    expect(entry).toEqual({
      version: readyRecord().version,
      at: '2026-11-30T09:15:00.000Z',
      by: PRIYA,
      action: 'epicStatus',
      summary: 'Moved into Done: In Progress → Done',
      changes: [{ field: 'epic status', from: 'In Progress', to: 'Done' }],
      projectId: '10000',
      issueId: '10300',
      issueKey: 'AIP-30',
      readiness: { level: 'shipped', openQuestions: 0, before: { level: 'ready', openQuestions: 0 } },
    });
  });

  it('records a move out of Done with the level the record gives again, questions still open included', () => {
    const open = record({ conditions: [condition('c1', 'Direct DB access')] });
    const entry = doneMoveEntry({ epic, record: open, settings, move: move('done', 'indeterminate') });
    expect(entry?.summary).toBe('Moved out of Done: Done → In Progress');
    expect(entry?.readiness).toEqual({ level: 'deciding', openQuestions: 3, before: { level: 'shipped', openQuestions: 3 } });
  });

  it('records nothing for a move that does not cross Done, or an epic without a handoff record', () => {
    expect(doneMoveEntry({ epic, record: readyRecord(), settings, move: move('new', 'indeterminate') })).toBeUndefined();
    expect(doneMoveEntry({ epic, record: readyRecord(), settings, move: move('done', 'done') })).toBeUndefined();
    expect(doneMoveEntry({ epic, record: null, settings, move: move('indeterminate', 'done') })).toBeUndefined();
  });
});
