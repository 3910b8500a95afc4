import { conflictMessage } from './change';

describe('conflictMessage', () => {
  const conflict = { version: 6, by: { accountId: 'lee', displayName: 'Lee Lead' }, at: '2026-11-25T17:03:00.000Z' };
  it("says who changed which item and when, in the caller's time zone, without version numbers", () => {
    const item = { label: 'the decision on “Direct claims DB access”', removed: false };
    expect(conflictMessage({ ...conflict, item }, 'UTC', new Date('2026-11-25T18:00:00Z'))).toBe(
      'Lee Lead changed the decision on “Direct claims DB access” at 17:03, after you opened it. Your changes are still on screen: review theirs and save again.',
    );
    expect(conflictMessage({ ...conflict, item }, 'Europe/Berlin', new Date('2026-11-25T18:00:00Z'))).toContain('at 18:03, after you opened it');
    expect(conflictMessage({ ...conflict, item: { label: 'the pilot metric “Triage time”', removed: true } }, 'UTC', new Date('2026-11-25T18:00:00Z'))).toMatch(/^Lee Lead removed the pilot metric “Triage time” at 17:03/);
  });
  it('says the handoff changed when no one item is named', () => {
    expect(conflictMessage(conflict, 'UTC', new Date('2026-11-25T18:00:00Z'))).toBe('Lee Lead saved a newer version of this handoff at 17:03. Your changes are still on screen: review theirs and save again.');
  });
  it('adds the date as people write it when it was not today, and survives an unknown time zone', () => {
    expect(conflictMessage(conflict, 'Not/AZone', new Date('2026-11-27T12:00:00Z'))).toContain('on 25 Nov 2026 at 17:03');
  });
});
