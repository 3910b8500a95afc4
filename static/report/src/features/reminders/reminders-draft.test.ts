import { defaultReminderSettings } from '@src/domain/reminder-settings';
import { draftFrom, payloadFrom } from './reminders-draft';

describe('the reminders form draft', () => {
  it('round-trips the stored settings, the sponsor contact as an account id', () => {
    const stored = { ...defaultReminderSettings(), sponsorContact: { accountId: 'acc-sam', displayName: 'Sam Sponsor' } };
    const { sponsorContact: _s, ...reminders } = stored;
    expect(payloadFrom(draftFrom(stored))).toEqual({ ok: true, payload: { reminders, sponsorContactAccountId: 'acc-sam' } });
  });
  it('says which days are wrong, in the schema\'s range', () => {
    const draft = { ...draftFrom(defaultReminderSettings()), pilotClosingDays: '0', ownerNotAcceptedDays: 'five' };
    expect(payloadFrom(draft)).toEqual({
      ok: false,
      errors: { 'pilotClosing.days': 'Days before the close must be from 1 to 90 days', 'ownerNotAccepted.days': 'Days after being named must be a whole number of days' },
    });
  });
});
