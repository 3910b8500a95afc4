import { AuditReadiness, initiativeFlow, trailReadiness, type FlowAuditEntry, type FlowInitiative } from './flow-history';

const DECIDING = { level: 'deciding' as const, openQuestions: 2 };
const READY = { level: 'ready' as const, openQuestions: 0 };
const SHIPPED = { level: 'shipped' as const, openQuestions: 0 };
const SHIPPED_OPEN = { level: 'shipped' as const, openQuestions: 1 };

function entry(version: number, at: string, readiness?: FlowAuditEntry['readiness']): FlowAuditEntry {
  return readiness ? { issueId: '1', version, at, readiness } : { issueId: '1', version, at };
}
const initiative = (over: Partial<FlowInitiative> = {}): FlowInitiative => ({
  issueId: '1',
  record: { createdAt: '2026-01-05T10:00:00.000Z', pilot: { actualCloseDate: '2026-02-01' } },
  statusCategory: 'indeterminate',
  ...over,
});
const TODAY = '2026-06-30';

describe('AuditReadiness: the field the change path adds to each audit entry', () => {
  it('holds the level and open questions after the save, and optionally before it', () => {
    expect(AuditReadiness.parse({ level: 'ready', openQuestions: 0, before: { level: 'deciding', openQuestions: 1 } })).toEqual({ level: 'ready', openQuestions: 0, before: { level: 'deciding', openQuestions: 1 } });
    expect(AuditReadiness.safeParse({ level: 'done', openQuestions: 0 }).success).toBe(false);
    expect(AuditReadiness.safeParse({ level: 'ready', openQuestions: -1 }).success).toBe(false);
  });
});

describe('initiativeFlow: when it became ready', () => {
  it('is the save that made it ready, counting from a complete trail (version 1 starts at not started)', () => {
    const flow = initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(2, '2026-02-10T10:00:00Z', DECIDING), entry(3, '2026-02-20T23:30:00-0300', READY), entry(4, '2026-03-01T10:00:00Z', READY)], TODAY);
    expect(flow.readyOn).toEqual({ state: 'on', date: '2026-02-21' });
  });
  it('is the last time it became ready when it fell back in between', () => {
    const flow = initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', READY), entry(2, '2026-02-10T10:00:00Z', DECIDING), entry(3, '2026-03-10T10:00:00Z', READY)], TODAY);
    expect(flow.readyOn).toEqual({ state: 'on', date: '2026-03-10' });
  });
  it('is not yet while the latest save left questions open', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', READY), entry(2, '2026-02-10T10:00:00Z', DECIDING)], TODAY).readyOn).toEqual({ state: 'not-yet' });
    expect(initiativeFlow(initiative({ record: null }), [], TODAY).readyOn).toEqual({ state: 'not-yet' });
  });
  it('is unknown when the save before the ready run predates the readiness field', () => {
    const flow = initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z'), entry(2, '2026-03-10T10:00:00Z', READY)], TODAY);
    expect(flow.readyOn).toEqual({ state: 'unknown', reason: 'the audit trail has no readiness level before 2026-03-10' });
  });
  it('is known across that gap when the save says what readiness was before it', () => {
    const flow = initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z'), entry(2, '2026-03-10T10:00:00Z', { ...READY, before: DECIDING })], TODAY);
    expect(flow.readyOn).toEqual({ state: 'on', date: '2026-03-10' });
  });
  it('is unknown when the trail does not start at version 1 and it was ready throughout', () => {
    expect(initiativeFlow(initiative(), [entry(4, '2026-03-10T10:00:00Z', READY)], TODAY).readyOn).toEqual({ state: 'unknown', reason: 'the audit trail has no readiness level before 2026-03-10' });
  });
  it('is unknown when it became ready between two saves (a policy change), never guessing a day', () => {
    const flow = initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(2, '2026-03-10T10:00:00Z', { ...READY, before: READY })], TODAY);
    expect(flow.readyOn).toEqual({ state: 'unknown', reason: 'it became ready between the saves of 2026-01-05 and 2026-03-10' });
  });
  it('is unknown when the latest entry has no readiness', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', READY), entry(2, '2026-03-10T10:00:00Z')], TODAY).readyOn).toMatchObject({ state: 'unknown' });
  });
  it('counts shipped with every answer in as ready, shipped with questions open as not', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(1, '2026-04-01T10:00:00Z', SHIPPED)], TODAY).readyOn).toEqual({ state: 'on', date: '2026-04-01' });
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(1, '2026-04-01T10:00:00Z', SHIPPED_OPEN)], TODAY).readyOn).toEqual({ state: 'not-yet' });
  });
  it('orders entries by time, whatever order they come in and however their offsets are written', () => {
    const flow = initiativeFlow(initiative(), [entry(3, '2026-03-10T10:00:00Z', READY), entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(2, '2026-03-10T12:00:00+05:00', DECIDING)], TODAY);
    expect(flow.readyOn).toEqual({ state: 'on', date: '2026-03-10' });
  });
});

describe('initiativeFlow: when it shipped', () => {
  it('is not yet while the epic is not done', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z', SHIPPED)], TODAY).shippedOn).toEqual({ state: 'not-yet' });
  });
  it("takes Jira's status category change date of a done epic, in UTC", () => {
    expect(initiativeFlow(initiative({ statusCategory: 'done', doneSince: '2026-04-30T22:00:00.000-0600' }), [], TODAY).shippedOn).toEqual({ state: 'on', date: '2026-05-01' });
  });
  it('else the audited move into Done', () => {
    const entries = [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(2, '2026-03-01T10:00:00Z', READY), entry(2, '2026-04-02T10:00:00Z', { ...SHIPPED, before: READY })];
    expect(initiativeFlow(initiative({ statusCategory: 'done' }), entries, TODAY).shippedOn).toEqual({ state: 'on', date: '2026-04-02' });
  });
  it('is unknown for a done epic whose move into Done nothing recorded', () => {
    expect(initiativeFlow(initiative({ statusCategory: 'done' }), [entry(1, '2026-01-05T10:00:00Z', READY)], TODAY).shippedOn).toEqual({
      state: 'unknown',
      reason: 'the audit trail does not record when the epic reached Done',
    });
    expect(initiativeFlow(initiative({ statusCategory: 'done', doneSince: 'yesterday' }), [], TODAY).shippedOn).toMatchObject({ state: 'unknown' });
  });
});

describe('initiativeFlow: the pilot close and the questions at close', () => {
  it('takes the actual close date, or a planned one that has passed (as the pilot clock does)', () => {
    expect(initiativeFlow(initiative(), [], TODAY).closedOn).toBe('2026-02-01');
    expect(initiativeFlow(initiative({ record: { createdAt: 'x', pilot: { plannedCloseDate: '2026-06-30' } } }), [], TODAY).closedOn).toBe('2026-06-30');
    expect(initiativeFlow(initiative({ record: { createdAt: 'x', pilot: { plannedCloseDate: '2026-07-01' } } }), [], TODAY).closedOn).toBeUndefined();
    expect(initiativeFlow(initiative({ record: null }), [], TODAY).closedOn).toBeUndefined();
  });
  it('reads the readiness after the last save on or before the close day (UTC)', () => {
    const entries = [entry(1, '2026-01-05T10:00:00Z', DECIDING), entry(2, '2026-02-01T23:59:00Z', READY), entry(3, '2026-02-02T00:01:00Z', DECIDING)];
    expect(initiativeFlow(initiative(), entries, TODAY).answeredAtClose).toBe(true);
    expect(initiativeFlow(initiative(), entries.slice(0, 1).concat(entries.slice(2)), TODAY).answeredAtClose).toBe(false);
  });
  it('reads the next save\'s "before" when the last save before close has no readiness', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z'), entry(2, '2026-03-01T10:00:00Z', { ...DECIDING, before: READY })], TODAY).answeredAtClose).toBe(true);
    expect(initiativeFlow(initiative(), [entry(1, '2026-01-05T10:00:00Z'), entry(2, '2026-03-01T10:00:00Z', DECIDING)], TODAY).answeredAtClose).toBe('unknown');
  });
  it('is not answered when the record began after the close', () => {
    expect(initiativeFlow(initiative(), [entry(1, '2026-03-01T10:00:00Z', READY)], TODAY).answeredAtClose).toBe(false);
    expect(initiativeFlow(initiative({ record: { createdAt: '2026-03-01T10:00:00Z', pilot: { actualCloseDate: '2026-02-01' } } }), [], TODAY).answeredAtClose).toBe(false);
  });
  it('is unknown when nothing in the trail covers the close, and undefined for an open pilot', () => {
    expect(initiativeFlow(initiative(), [], TODAY).answeredAtClose).toBe('unknown');
    expect(initiativeFlow(initiative({ record: { createdAt: 'x', pilot: {} } }), [], TODAY).answeredAtClose).toBeUndefined();
  });
});

describe('trailReadiness', () => {
  it('keeps the level and open questions after the event, and those before it', () => {
    expect(trailReadiness({ level: 'deciding', openQuestions: 1 }, { level: 'ready', openQuestions: 0 })).toEqual({
      level: 'ready',
      openQuestions: 0,
      before: { level: 'deciding', openQuestions: 1 },
    });
  });
  it('is what the trail schema accepts', () => {
    expect(AuditReadiness.safeParse(trailReadiness({ level: 'not-started', openQuestions: 3 }, { level: 'deciding', openQuestions: 3 })).success).toBe(true);
  });
});
