import { doneStateOf, fillsMissingCloseDate, isLocked, lockedMessage, settleReopening } from './done';
import { AT, PRIYA, readyRecord, record } from './__fixtures__/records';

const reopened = { by: PRIYA, at: AT, reason: 'Compliance asked to revisit' };

describe('Done is a milestone', () => {
  it('locks the handoff while the epic is Done, unless an editor reopened it', () => {
    expect(isLocked(readyRecord(), 'done')).toBe(true);
    expect(isLocked(null, 'done')).toBe(true);
    expect(isLocked(readyRecord(), 'indeterminate')).toBe(false);
    expect(isLocked({ ...readyRecord(), reopened }, 'done')).toBe(false);
    expect(lockedMessage('AIP-6')).toMatch(/^AIP-6 is Done, so its production handoff is locked\. .*reopens the handoff with a reason/);
  });

  it('says "Done without a decided handoff" only for a locked epic with questions open', () => {
    expect(doneStateOf(record(), 'done', { answered: false })).toEqual({ locked: true, reopened: false, undecided: true });
    expect(doneStateOf(readyRecord(), 'done', { answered: true })).toEqual({ locked: true, reopened: false, undecided: false });
    expect(doneStateOf({ ...record(), reopened }, 'done', { answered: false })).toEqual({ locked: false, reopened: true, undecided: false });
    expect(doneStateOf(record(), 'new', { answered: false })).toEqual({ locked: false, reopened: false, undecided: false });
  });

  it('ends a reopening once every question is decided again, and only then', () => {
    const open = { ...readyRecord(), reopened };
    expect(settleReopening(open, { answered: false })).toBe(open);
    expect(settleReopening(open, { answered: true })).toEqual(readyRecord());
    const plain = readyRecord();
    expect(settleReopening(plain, { answered: true })).toBe(plain);
  });

  it('takes, while locked, only the recording of a missing actual close date', () => {
    const shipped = { ...readyRecord(), pilot: { plannedCloseDate: '2026-02-28' } };
    const closed = { ...shipped, pilot: { ...shipped.pilot, actualCloseDate: '2026-03-02' } };
    expect(fillsMissingCloseDate(shipped, closed)).toBe(true);
    expect(fillsMissingCloseDate(closed, { ...closed, pilot: { ...closed.pilot, actualCloseDate: '2026-03-03' } })).toBe(false);
    expect(fillsMissingCloseDate(shipped, { ...closed, pilot: { actualCloseDate: '2026-03-02' } })).toBe(false);
    expect(fillsMissingCloseDate(shipped, { ...closed, ownership: { ...closed.ownership, pilotChampion: PRIYA } })).toBe(false);
    expect(fillsMissingCloseDate(shipped, { ...closed, conditions: [] })).toBe(false);
    expect(fillsMissingCloseDate(null, closed)).toBe(false);
  });
});
