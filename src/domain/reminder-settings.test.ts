import { defaultReminderSettings, ReminderSettings } from './reminder-settings';

describe('ReminderSettings', () => {
  it('defaults every kind on: pilot closing 14 days ahead, owner acceptance after 5 days, no sponsor contact', () => {
    expect(defaultReminderSettings()).toEqual({
      pilotClosing: { enabled: true, days: 14 },
      pilotClosed: { enabled: true },
      conditionReview: { enabled: true },
      kpiReview: { enabled: true },
      ownerNotAccepted: { enabled: true, days: 5 },
      stalled: { enabled: true },
    });
  });
  it('keeps what was saved and fills what was not', () => {
    const s = ReminderSettings.parse({ stalled: { enabled: false }, sponsorContact: { accountId: 'acc-sam', displayName: 'Sam Sponsor' } });
    expect(s.stalled).toEqual({ enabled: false });
    expect(s.pilotClosing).toEqual({ enabled: true, days: 14 });
    expect(s.sponsorContact).toEqual({ accountId: 'acc-sam', displayName: 'Sam Sponsor' });
  });
  it('refuses days out of range, fractions, unknown fields and a malformed contact, with clear messages', () => {
    const issues = (input: unknown) => {
      const r = ReminderSettings.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ pilotClosing: { enabled: true, days: 0 } })).toEqual(['pilotClosing.days: Days must be from 1 to 90']);
    expect(issues({ ownerNotAccepted: { enabled: true, days: 2.5 } })).toEqual(['ownerNotAccepted.days: Days must be whole days']);
    expect(issues({ ownerNotAccepted: { enabled: true } })).toEqual(['ownerNotAccepted.days: Days must be a number']);
    expect(issues({ stalled: { enabled: 'yes' } })).toEqual(['stalled.enabled: Say on or off']);
    expect(issues({ digest: true })).toEqual([': Unrecognized key: "digest"']);
    expect(issues({ sponsorContact: { accountId: 'has space', displayName: 'X' } })).toEqual(['sponsorContact.accountId: Invalid Jira account id']);
  });
});
