import { conflictMessage } from './change';

describe('conflictMessage', () => {
  const conflict = { version: 6, by: { accountId: 'lee', displayName: 'Lee Lead' }, at: '2026-11-25T17:03:00.000Z' };
  it('says who saved, when (in the caller\'s time zone) and which version', () => {
    expect(conflictMessage(conflict, 'UTC', new Date('2026-11-25T18:00:00Z'))).toBe(
      'Lee Lead saved a newer version of this handoff at 17:03 (version 6). Your changes are still on screen: review and save again.',
    );
    expect(conflictMessage(conflict, 'Europe/Berlin', new Date('2026-11-25T18:00:00Z'))).toContain('at 18:03 (version 6)');
  });
  it('adds the date when it was not today, and survives an unknown time zone', () => {
    expect(conflictMessage(conflict, 'Not/AZone', new Date('2026-11-27T12:00:00Z'))).toContain('on 2026-11-25 at 17:03');
  });
});
