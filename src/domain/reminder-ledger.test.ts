import { readSent, reminderLine, SENT_ENTRIES_MAX, withSent } from './reminder-ledger';
import { defaultReminderSettings } from './reminder-settings';
import { dueReminders, firstReminderOn, upcomingReminders, type ReminderInput } from './reminders';
import { condition, MARCUS, POLICY, PRIYA, record } from './__fixtures__/records';

const EPIC = { issueId: '10001', key: 'AIP-1', summary: 'Claims triage assistant', statusCategory: 'indeterminate' as const, url: '' };
function input(today: string): ReminderInput {
  return {
    epic: EPIC,
    record: record({
      pilot: { plannedCloseDate: '2026-03-31' },
      conditions: [condition('c1', 'Direct claims DB access')],
      ownership: { deliveryOwner: PRIYA, pilotChampion: MARCUS, workstreamLeads: {} },
      updated: { by: PRIYA, at: '2026-03-10T09:00:00.000Z' },
    }),
    settings: defaultReminderSettings(),
    policy: POLICY,
    stallDays: 14,
    readings: [],
    ownerNamedAt: '2026-03-01T10:00:00.000Z',
    today,
  };
}

describe('the epic\'s record of what was sent', () => {
  it('reads only its own shape: anything else counts as nothing sent', () => {
    expect(readSent({ v: 1, sent: [{ k: 'stalled:1:2026-01-01', to: 'acc-priya', name: 'Priya', at: '2026-01-20T00:00:00.000Z' }] })).toHaveLength(1);
    for (const junk of [undefined, null, 'sent', { v: 2, sent: [] }, { v: 1, sent: [{ k: 'x', to: 'has space' }] }]) expect(readSent(junk)).toEqual([]);
  });
  it('keeps one entry per item and recipient, newest last, and at most SENT_ENTRIES_MAX', () => {
    const e = (k: string, at: string) => ({ k, to: 'acc-priya', name: 'Priya', at });
    expect(withSent([e('a', '1'), e('b', '1')], [e('a', '2')]).sent).toEqual([e('b', '1'), e('a', '2')]);
    const many = Array.from({ length: SENT_ENTRIES_MAX + 10 }, (_, i) => e(`k${i}`, String(i)));
    const kept = withSent([], many).sent;
    expect(kept).toHaveLength(SENT_ENTRIES_MAX);
    expect(kept[kept.length - 1].k).toBe(`k${SENT_ENTRIES_MAX + 9}`);
  });
});

describe('the panel\'s reminder line', () => {
  it('says what is due and not sent yet, and what falls due next', () => {
    const line = reminderLine(input('2026-03-17'), []);
    expect(line.lastSent).toBeUndefined();
    expect(line.dueNow.map((d) => d.kind)).toEqual(['pilot-closing', 'owner-not-accepted']);
    expect(line.dueNow[0].to).toEqual([MARCUS.displayName, 'Priya Raman']);
    expect(line.next).toMatchObject({ on: '2026-03-24', kind: 'stalled' });
  });
  it('says what was last sent to whom, and no longer lists it as due', () => {
    const items = dueReminders(input('2026-03-17'));
    const at = '2026-03-17T06:00:00.000Z';
    const sent = items.flatMap((i) => i.recipients.map((to) => ({ k: i.key, to, name: to === PRIYA.accountId ? 'Priya Raman' : MARCUS.displayName, at })));
    const line = reminderLine(input('2026-03-17'), [{ k: 'stalled:10001:2026-01-01', to: 'acc-priya', name: 'Priya Raman', at: '2026-01-15T06:00:00.000Z' }, ...sent]);
    expect(line.lastSent).toEqual({ at, to: [MARCUS.displayName, 'Priya Raman'], kinds: ['pilot-closing', 'owner-not-accepted'] });
    expect(line.dueNow).toEqual([]);
  });
});

describe('firstReminderOn (the summary\'s remindOn)', () => {
  it('is the earliest day something is or becomes due, so the run\'s search finds the epic on that day', () => {
    // On 2026-03-05 nothing is due; the acceptance reminder (named 03-01 + 5 days) is first, on 03-06.
    const early = input('2026-03-05');
    expect(dueReminders(early)).toEqual([]);
    expect(firstReminderOn(early)).toBe('2026-03-06');
    expect(firstReminderOn(early)).toBe(upcomingReminders(early)[0].on);
    // Once due, it stays at or before today.
    expect(firstReminderOn(input('2026-03-17')) <= '2026-03-17').toBe(true);
  });
  it('is empty when nothing will ever be due', () => {
    expect(firstReminderOn({ ...input('2026-03-05'), record: null })).toBe('');
  });
  it('never falls after a day on which something is due', () => {
    const start = input('2026-03-01');
    const on = firstReminderOn(start);
    for (let d = 1; d <= 60; d++) {
      const day = new Date(Date.UTC(2026, 2, d)).toISOString().slice(0, 10);
      if (dueReminders({ ...start, today: day }).length > 0) expect(on <= day).toBe(true);
    }
  });
});
