import fc from 'fast-check';
import { dueReminders, dueRemindersForAll, ownerNamedAt, upcomingReminders, withoutSent, type ReminderInput } from './reminders';
import { defaultReminderSettings, type ReminderSettings } from './reminder-settings';
import type { KpiReading } from './kpi-reading';
import type { HistoryEntry, PilotCondition, UserRef } from './record';
import { AT, condition, kpi, MARCUS, POLICY, PRIYA, readyRecord, record } from './__fixtures__/records';

const SAM: UserRef = { accountId: 'acc-sam', displayName: 'Sam Sponsor' };
const DANA: UserRef = { accountId: 'acc-dana', displayName: 'Dana Data' };
const EPIC = { issueId: '10001', key: 'AIP-1', summary: 'Claims triage assistant', statusCategory: 'indeterminate' as const, url: 'https://example.atlassian.net/browse/AIP-1' };

/** Planned close 2026-03-31; one undecided condition; Priya named owner on 1 Mar 2026, not accepted; Marcus is the champion. */
function input(over: Partial<ReminderInput> = {}): ReminderInput {
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
    today: '2026-03-17',
    ...over,
  };
}
/** A permanent condition sustained by "Data platform team", to be reviewed on `reviewDate`. */
function permanentUntil(id: string, name: string, reviewDate: string): PilotCondition {
  return { ...condition(id, name), decision: { status: 'permanent', rationale: 'Needed in production', sustainedBy: 'Data platform team', reviewDate, decided: { by: MARCUS, at: AT } } };
}
const kinds = (i: ReminderInput) => dueReminders(i).map((r) => r.kind);
const only = (s: Partial<ReminderSettings>): ReminderSettings => ({
  pilotClosing: { enabled: false, days: 14 },
  pilotClosed: { enabled: false },
  conditionReview: { enabled: false },
  kpiReview: { enabled: false },
  ownerNotAccepted: { enabled: false, days: 5 },
  stalled: { enabled: false },
  ...s,
});

describe('pilot closing within N days with questions open', () => {
  const settings = only({ pilotClosing: { enabled: true, days: 14 } });
  it('tells the champion and the delivery owner, once per close date', () => {
    const [item] = dueReminders(input({ settings }));
    expect(item).toEqual({
      kind: 'pilot-closing',
      key: 'pilot-closing:10001:2026-03-31',
      issueId: '10001',
      epic: EPIC,
      anchorDate: '2026-03-31',
      dueSince: '2026-03-17',
      recipients: ['acc-marcus', 'acc-priya'],
      line: 'The pilot closes in 14 days, on 31 Mar 2026, with 3 questions open.',
      details: ['1 pilot condition has no decision (Direct claims DB access).', 'No agreed operational KPI with a time horizon (reliability, latency, error rate, delivery frequency or model quality).', 'No agreed business KPI with a time horizon.', 'Priya Raman has not yet accepted delivery ownership.'],
    });
  });
  it('is due from N days before the close to the day before it, not on the close day', () => {
    expect(kinds(input({ settings, today: '2026-03-16' }))).toEqual([]);
    expect(kinds(input({ settings, today: '2026-03-30' }))).toEqual(['pilot-closing']);
    expect(kinds(input({ settings, today: '2026-03-31' }))).toEqual([]);
    expect(kinds(input({ settings: only({ pilotClosing: { enabled: true, days: 30 } }), today: '2026-03-01' }))).toEqual(['pilot-closing']);
  });
  it('keeps its key when N changes, and takes a new one when the close date moves', () => {
    const a = dueReminders(input({ settings, today: '2026-03-20' }))[0].key;
    const b = dueReminders(input({ settings: only({ pilotClosing: { enabled: true, days: 30 } }), today: '2026-03-20' }))[0].key;
    expect(a).toBe(b);
    const moved = input({ settings, today: '2026-03-20' });
    moved.record = { ...moved.record!, pilot: { plannedCloseDate: '2026-04-02' } };
    expect(dueReminders(moved)[0].key).toBe('pilot-closing:10001:2026-04-02');
  });
  it('says nothing when every question is answered, or the epic is done', () => {
    const ready = readyRecord();
    expect(kinds(input({ settings, record: { ...ready, pilot: { plannedCloseDate: '2026-03-31' } } }))).toEqual([]);
    expect(kinds(input({ settings, epic: { ...EPIC, statusCategory: 'done' } }))).toEqual([]);
  });
  it('counts from an actual close date in the future when one is set', () => {
    const i = input({ settings });
    i.record = { ...i.record!, pilot: { plannedCloseDate: '2026-06-30', actualCloseDate: '2026-03-20' } };
    expect(dueReminders(i)[0]).toMatchObject({ anchorDate: '2026-03-20', line: 'The pilot closes in 3 days, on 20 Mar 2026, with 3 questions open.' });
  });
  it('writes one recipient once when the champion is the delivery owner', () => {
    const i = input({ settings });
    i.record = { ...i.record!, ownership: { deliveryOwner: PRIYA, pilotChampion: PRIYA, workstreamLeads: {} } };
    expect(dueReminders(i)[0].recipients).toEqual(['acc-priya']);
  });
});

describe('pilot closed with questions open', () => {
  const settings = only({ pilotClosed: { enabled: true } });
  it('tells the delivery owner and the sponsor contact from the close day on', () => {
    expect(kinds(input({ settings, today: '2026-03-30' }))).toEqual([]);
    const [item] = dueReminders(input({ settings: { ...settings, sponsorContact: SAM }, today: '2026-03-31' }));
    expect(item).toMatchObject({ key: 'pilot-closed:10001:2026-03-31', recipients: ['acc-priya', 'acc-sam'], line: 'The pilot closed today with 3 questions open: the purgatory clock has started.' });
    expect(dueReminders(input({ settings, today: '2026-04-10' }))[0]).toMatchObject({
      key: 'pilot-closed:10001:2026-03-31',
      dueSince: '2026-03-31',
      recipients: ['acc-priya'],
      line: 'The pilot closed on 31 Mar 2026 with 3 questions open: in pilot purgatory for 10 days.',
    });
  });
  it('has nobody to tell without an owner or sponsor, and says so by an empty list', () => {
    const i = input({ settings, today: '2026-04-10' });
    i.record = { ...i.record!, ownership: { workstreamLeads: {} } };
    expect(dueReminders(i)[0].recipients).toEqual([]);
  });
});

describe('a permanent condition reaches its review date', () => {
  const settings = only({ conditionReview: { enabled: true } });
  const reviewed = () => permanentUntil('c7', 'Weekly sponsor review', '2026-03-17');
  it('tells who sustains it (when the wiring knows their account) and the delivery owner, also after Done', () => {
    const i = input({ settings, epic: { ...EPIC, statusCategory: 'done' }, contacts: { sustainers: { c7: DANA } } });
    i.record = { ...i.record!, conditions: [condition('c1', 'Direct claims DB access'), reviewed()] };
    expect(dueReminders(i)).toEqual([
      expect.objectContaining({
        kind: 'condition-review',
        key: 'condition-review:10001:c7:2026-03-17',
        recipients: ['acc-dana', 'acc-priya'],
        line: 'The permanent pilot condition "Weekly sponsor review" (sustained by Data platform team) is due for review today.',
      }),
    ]);
    expect(dueReminders({ ...i, today: '2026-03-16' })).toEqual([]);
    expect(dueReminders({ ...i, today: '2026-05-01' })[0].line).toBe('The permanent pilot condition "Weekly sponsor review" (sustained by Data platform team) was due for review on 17 Mar 2026.');
  });
  it('ignores withdrawn and undecided conditions and permanent ones without a review date', () => {
    const i = input({ settings, today: '2027-01-01' });
    i.record = { ...i.record!, conditions: [condition('c1', 'A'), condition('c2', 'B', 'withdrawn'), condition('c3', 'C', 'permanent')] };
    expect(kinds(i)).toEqual([]);
  });
});

describe('a KPI review date without a reading since', () => {
  const settings = only({ kpiReview: { enabled: true } });
  const claims = kpi('k1', 'Claims handled per hour', 'latency', { firstReviewDate: '2026-03-01', horizon: { count: 2, unit: 'quarter' }, baseline: '40', target: '60' });
  const r = (date: string): KpiReading => ({ id: `r-${date}`, kpiId: 'k1', date, value: 50, recorded: { via: 'panel', by: PRIYA, at: `${date}T10:00:00Z` } });
  it('tells the KPI owner (when known) and the delivery owner, once per review date', () => {
    const i = input({ settings, contacts: { kpiOwners: { k1: DANA } } });
    i.record = { ...i.record!, kpis: [claims] };
    expect(dueReminders(i)).toEqual([
      expect.objectContaining({ key: 'kpi-review:10001:k1:2026-03-01', recipients: ['acc-dana', 'acc-priya'], line: 'Claims handled per hour has no reading for its first review on 1 Mar 2026.' }),
    ]);
    expect(dueReminders({ ...i, readings: [r('2026-03-05')] })).toEqual([]);
    // A reading on the review day serves that review; the next review wants one dated after it.
    expect(dueReminders({ ...i, readings: [r('2026-03-01')], today: '2026-05-31' })).toEqual([]);
    expect(dueReminders({ ...i, readings: [r('2026-03-01')], today: '2026-06-01' })[0]).toMatchObject({ key: 'kpi-review:10001:k1:2026-06-01', anchorDate: '2026-06-01' });
    expect(dueReminders({ ...i, readings: [r('2026-03-02')], today: '2026-06-01' })).toEqual([]);
  });
  it('skips proposed KPIs and readings of other KPIs do not count', () => {
    const i = input({ settings, readings: [{ ...r('2026-03-05'), kpiId: 'k2' }] });
    i.record = { ...i.record!, kpis: [claims, { ...claims, id: 'k9', status: 'proposed' }] };
    expect(dueReminders(i).map((x) => x.key)).toEqual(['kpi-review:10001:k1:2026-03-01']);
  });
});

describe('a delivery owner named but not accepted after N days', () => {
  const settings = only({ ownerNotAccepted: { enabled: true, days: 5 } });
  it('tells the named owner, from N days after naming', () => {
    expect(kinds(input({ settings, today: '2026-03-05' }))).toEqual([]);
    expect(dueReminders(input({ settings, today: '2026-03-06' }))[0]).toEqual(
      expect.objectContaining({
        key: 'owner-not-accepted:10001:acc-priya:2026-03-01',
        dueSince: '2026-03-06',
        recipients: ['acc-priya'],
        line: 'Priya Raman was named delivery owner on 1 Mar 2026 and has not accepted yet: open the epic and press "I own this delivery".',
      }),
    );
  });
  it('says nothing once accepted, when acceptance is not required, or when nobody knows when the owner was named', () => {
    const accepted = input({ settings });
    accepted.record = { ...accepted.record!, ownership: { ...accepted.record!.ownership, accepted: { by: PRIYA, at: '2026-03-02T00:00:00Z' } } };
    expect(kinds(accepted)).toEqual([]);
    expect(kinds(input({ settings, policy: { ...POLICY, requireOwnerAcceptance: false } }))).toEqual([]);
    expect(kinds(input({ settings, ownerNamedAt: undefined }))).toEqual([]);
  });
  it('builds a key Forge storage accepts (its key pattern, 500 characters) even for the longest account id', () => {
    const long = { accountId: 'a:_-'.repeat(32), displayName: '' };
    const i = input({ settings, today: '2026-03-06' });
    i.record = { ...i.record!, ownership: { deliveryOwner: long, workstreamLeads: {} } };
    const [item] = dueReminders(i);
    expect(item.key).toMatch(/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/);
    expect(item.key.length).toBeLessThan(250);
    expect(item.line).toBe('You were named delivery owner on 1 Mar 2026 and have not accepted yet: open the epic and press "I own this delivery".');
  });
  it('takes a stamp left by someone else for no acceptance', () => {
    const i = input({ settings });
    i.record = { ...i.record!, ownership: { ...i.record!.ownership, accepted: { by: MARCUS, at: '2026-03-02T00:00:00Z' } } };
    expect(kinds(i)).toEqual(['owner-not-accepted']);
  });
});

describe('stalled: no change for the project stall threshold', () => {
  const settings = only({ stalled: { enabled: true } });
  it('tells the delivery owner once per last change', () => {
    expect(kinds(input({ settings, today: '2026-03-23' }))).toEqual([]);
    expect(dueReminders(input({ settings, today: '2026-03-24' }))[0]).toEqual(
      expect.objectContaining({ key: 'stalled:10001:2026-03-10', dueSince: '2026-03-24', recipients: ['acc-priya'], line: 'No change to the handoff for 14 days (last on 10 Mar 2026).' }),
    );
    expect(dueReminders(input({ settings, today: '2026-03-24', lastChangeAt: '2026-03-20T23:59:00-0300' }))).toEqual([]);
  });
  it('is never due for a done epic', () => {
    expect(kinds(input({ settings, today: '2026-06-01', epic: { ...EPIC, statusCategory: 'done' } }))).toEqual([]);
  });
});

describe('dueReminders: across kinds', () => {
  it('gives nothing for an epic without a record, and nothing with every kind off', () => {
    expect(dueReminders(input({ record: null }))).toEqual([]);
    expect(dueReminders(input({ settings: only({}), today: '2027-01-01' }))).toEqual([]);
  });
  it('gives every kind due on one day, each with a unique key', () => {
    const i = input({ today: '2026-04-20', settings: { ...defaultReminderSettings(), sponsorContact: SAM } });
    const withReview = permanentUntil('c7', 'Weekly sponsor review', '2026-04-01');
    i.record = { ...i.record!, conditions: [condition('c1', 'X'), withReview], kpis: [kpi('k1', 'Claims', 'latency', { firstReviewDate: '2026-04-01' })] };
    const items = dueReminders(i);
    expect(items.map((x) => x.kind)).toEqual(['pilot-closed', 'condition-review', 'kpi-review', 'owner-not-accepted', 'stalled']);
    expect(new Set(items.map((x) => x.key)).size).toBe(items.length);
  });
  it('never throws and keeps keys stable for any day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -60, max: 400 }), (offset) => {
        const today = new Date(Date.UTC(2026, 2, 1 + offset)).toISOString().slice(0, 10);
        const a = dueReminders(input({ today }));
        const b = dueReminders(input({ today }));
        expect(a).toEqual(b);
        for (const item of a) {
          expect(item.key).toMatch(/^[a-z-]+:10001:[A-Za-z0-9:_-]*\d{4}-\d{2}-\d{2}$/);
          expect(item.dueSince <= today).toBe(true);
        }
      }),
    );
  });
});

describe('dueRemindersForAll', () => {
  it('computes every epic and reports one that fails without stopping the others', () => {
    const broken = input({ epic: { ...EPIC, issueId: '10002', key: 'AIP-2' } });
    broken.record = { ...broken.record!, pilot: { plannedCloseDate: 'someday' } };
    const { items, failures } = dueRemindersForAll([input({ today: '2026-03-20' }), { ...broken, today: '2026-03-20' }]);
    expect(items.every((x) => x.issueId === '10001')).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    expect(failures).toEqual([{ issueId: '10002', key: 'AIP-2', message: 'Not a calendar date: someday' }]);
  });
});

describe('withoutSent', () => {
  it('drops recipients already told about an item, and items nobody is left to tell', () => {
    const items = dueReminders(input({ today: '2026-03-20', settings: only({ pilotClosing: { enabled: true, days: 14 }, ownerNotAccepted: { enabled: true, days: 5 } }) }));
    const sent = new Set(['pilot-closing:10001:2026-03-31>acc-marcus', 'owner-not-accepted:10001:acc-priya:2026-03-01>acc-priya']);
    const left = withoutSent(items, (key, accountId) => sent.has(`${key}>${accountId}`));
    expect(left.map((x) => [x.kind, x.recipients])).toEqual([['pilot-closing', ['acc-priya']]]);
  });
});

describe('ownerNamedAt', () => {
  const entry = (version: number, at: string, changes: HistoryEntry['changes']): HistoryEntry => ({ version, at, by: MARCUS, action: 'setOwner', summary: '', changes });
  it('is when the current owner was last named, from the history', () => {
    const history = [
      entry(1, '2026-02-01T10:00:00Z', [{ field: 'delivery owner', to: 'Dana Data' }]),
      entry(2, '2026-02-03T10:00:00Z', [{ field: 'pilot champion', to: 'Marcus Lee' }]),
      entry(3, '2026-03-01T10:00:00Z', [{ field: 'delivery owner', from: 'Dana Data', to: 'Priya Raman' }, { field: 'delivery owner acceptance', from: 'accepted', to: 'not accepted' }]),
      entry(4, '2026-03-02T10:00:00Z', [{ field: 'KPI \'x\'', to: 'added' }]),
    ];
    expect(ownerNamedAt(history)).toBe('2026-03-01T10:00:00Z');
    expect(ownerNamedAt([...history].reverse())).toBe('2026-03-01T10:00:00Z');
  });
  it('is undefined when the history never named one, or the last change cleared it', () => {
    expect(ownerNamedAt([])).toBeUndefined();
    expect(ownerNamedAt([entry(1, '2026-02-01T10:00:00Z', [{ field: 'delivery owner', to: 'Dana' }]), entry(2, '2026-02-02T10:00:00Z', [{ field: 'delivery owner', from: 'Dana' }])])).toBeUndefined();
  });
});

describe('upcomingReminders: what is due next, for the panel', () => {
  it('lists the reminders that will fall due, earliest first, with the day each would go', () => {
    const i = input({ today: '2026-03-02' });
    i.record = { ...i.record!, kpis: [kpi('k1', 'Claims', 'latency', { firstReviewDate: '2026-04-15' })] };
    expect(upcomingReminders(i)).toEqual([
      { kind: 'owner-not-accepted', on: '2026-03-06', sentence: 'On 2026-03-06: Priya Raman is reminded to accept delivery ownership, if not accepted by then.' },
      { kind: 'pilot-closing', on: '2026-03-17', sentence: 'On 2026-03-17: the pilot closes in 14 days; champion and delivery owner are reminded if questions are still open.' },
      { kind: 'stalled', on: '2026-03-24', sentence: 'On 2026-03-24: the handoff counts as stalled if nothing changes before then.' },
      { kind: 'pilot-closed', on: '2026-03-31', sentence: 'On 2026-03-31: the pilot closes; the delivery owner is reminded if questions are still open.' },
      { kind: 'kpi-review', on: '2026-04-15', sentence: 'On 2026-04-15: the delivery owner is reminded of the review of Claims if it has no reading by then.' },
    ]);
  });
  it('leaves out kinds switched off and what is already due', () => {
    expect(upcomingReminders(input({ today: '2026-03-20', settings: only({ pilotClosing: { enabled: true, days: 14 } }) }))).toEqual([]);
  });
});
