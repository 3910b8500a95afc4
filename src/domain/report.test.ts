import { filterRows, sortRows, summarizeRows, toReportRow, compareKeys, topBlocker, type ReportIssue } from './report';
import type { SearchSummary } from './report-types';

const TODAY = '2026-03-10';
const issue = (over: Partial<ReportIssue> = {}): ReportIssue => ({ id: '10001', key: 'AIP-12', summary: 'Claims triage', statusName: 'In Progress', statusCategory: 'indeterminate', ...over });
const summary = (over: Partial<SearchSummary> = {}): SearchSummary => ({
  v: 1,
  level: 'deciding',
  missingCount: 1,
  missing: ['No delivery owner is named.'],
  shipSignal: 'no',
  ownerAccountId: 'acc-priya',
  ownerName: 'Priya Raman',
  ownerAccepted: 'yes',
  conditionsTotal: 4,
  conditionsDecided: 3,
  conditionsPermanent: 1,
  conditionsWithdrawn: 2,
  kpisTotal: 3,
  kpisAgreed: 2,
  workstreamsTotal: 5,
  workstreamsDone: 1,
  subtasksTotal: 19,
  subtasksDone: 12,
  nextKpiReviewDate: '',
  kpiReviewPast: 'no',
  plannedCloseDate: '',
  actualCloseDate: '',
  updatedAt: '2026-03-09T12:00:00.000Z',
  version: 4,
  reopened: 'no',
  doneUndecided: 'no',
  kpiFacts: [],
  remindOn: '',
  ...over,
});
const settings = { stallDays: 14 };

describe('toReportRow', () => {
  it('copies the summary into a row', () => {
    expect(toReportRow(issue(), summary(), TODAY, settings)).toEqual({
      issueId: '10001',
      key: 'AIP-12',
      summary: 'Claims triage',
      statusName: 'In Progress',
      statusCategory: 'indeterminate',
      owner: { accountId: 'acc-priya', displayName: 'Priya Raman', accepted: true },
      conditions: { decided: 3, total: 4, permanent: 1, withdrawn: 2 },
      kpis: { agreed: 2, total: 3 },
      kpiProgress: { onTrack: 0, due: 0, offTrack: 0, text: 'No agreed KPIs' },
      workstreams: { done: 1, total: 5, subtasksDone: 12, subtasksTotal: 19 },
      level: 'deciding',
      missing: ['No delivery owner is named.'],
      missingCount: 1,
      purgatoryDays: null,
      lastChange: '2026-03-09T12:00:00.000Z',
      flags: [],
    });
  });
  it('counts KPIs on track on its own day from the summary\'s KPI facts, and flags one off track', () => {
    const kpiFacts: SearchSummary['kpiFacts'] = [
      // Higher is better, 100 → 200 over two quarters from 2026-01-10: 180 on 1 Mar 2026 is ahead of the path.
      ['2026-01-10', 2, 'quarter', 100, 200, 'h', '2026-03-01', 180],
      // Lower is better, 10 → 5: still 10 on 1 Mar 2026 is behind.
      ['2026-01-10', 2, 'quarter', 10, 5, 'l', '2026-03-01', 10],
      // Not reviewed yet: aside from the tally.
      ['2026-06-01', 1, 'month', 1, 2, 'h', '', null],
    ];
    const row = toReportRow(issue(), summary({ kpiFacts, kpisAgreed: 3 }), TODAY, settings);
    expect(row.kpiProgress).toEqual({ onTrack: 1, due: 2, offTrack: 1, text: 'KPIs on track 1/2 (1 not yet due)' });
    expect(row.flags).toContain('kpi-off-track');
    // Before the first review date nothing is due, so nothing is off track.
    expect(toReportRow(issue(), summary({ kpiFacts, kpisAgreed: 3 }), '2026-01-05', settings).flags).not.toContain('kpi-off-track');
  });
  it('shows an epic without a record as not started with no owner, not stalled', () => {
    const row = toReportRow(issue(), undefined, TODAY, settings);
    expect(row).toMatchObject({ level: 'not-started', missing: [], missingCount: 0, purgatoryDays: null, flags: ['no-owner'] });
    expect(row.owner).toBeUndefined();
    expect(row.lastChange).toBeUndefined();
  });
  it('trusts the live status over the stored level', () => {
    expect(toReportRow(issue({ statusCategory: 'done' }), summary({ level: 'ready', missingCount: 0 }), TODAY, settings).level).toBe('shipped');
    expect(toReportRow(issue(), summary({ level: 'shipped', missingCount: 0 }), TODAY, settings).level).toBe('ready');
    expect(toReportRow(issue(), summary({ level: 'shipped', missingCount: 2 }), TODAY, settings).level).toBe('deciding');
  });
  it('counts purgatory from the actual close, else the planned close, while unshipped', () => {
    expect(toReportRow(issue(), summary({ plannedCloseDate: '2026-01-01', actualCloseDate: '2026-01-29' }), TODAY, settings).purgatoryDays).toBe(40);
    expect(toReportRow(issue(), summary({ plannedCloseDate: '2026-03-01' }), TODAY, settings).purgatoryDays).toBe(9);
    expect(toReportRow(issue(), summary({ plannedCloseDate: '2026-03-11' }), TODAY, settings).purgatoryDays).toBeNull();
    expect(toReportRow(issue({ statusCategory: 'done' }), summary({ actualCloseDate: '2026-01-29' }), TODAY, settings).purgatoryDays).toBeNull();
  });
  it('flags the ship signal, a stall, a missing owner and a past KPI review', () => {
    const row = toReportRow(issue(), summary({ shipSignal: 'yes', updatedAt: '2026-02-24T08:00:00Z', ownerAccountId: '', nextKpiReviewDate: '2026-03-09' }), TODAY, settings);
    expect(row.flags).toEqual(['ship-signal', 'stalled', 'no-owner', 'kpi-review-past']);
  });
  it('is not stalled one day before the stall threshold', () => {
    expect(toReportRow(issue(), summary({ updatedAt: '2026-02-25T23:00:00Z' }), TODAY, settings).flags).toEqual([]);
  });
  it('drops warnings about deciding once shipped, but keeps a past KPI review', () => {
    const row = toReportRow(issue({ statusCategory: 'done' }), summary({ shipSignal: 'yes', updatedAt: '2025-01-01T00:00:00Z', ownerAccountId: '', nextKpiReviewDate: '2026-03-01', missingCount: 0, missing: [] }), TODAY, settings);
    expect(row.flags).toEqual(['kpi-review-past']);
  });
  it('flags an epic Done without a decided handoff, and a reopened handoff until it is decided again', () => {
    const flagsFor = (statusCategory: ReportIssue['statusCategory'], over: Partial<SearchSummary>) => toReportRow(issue({ statusCategory }), summary(over), TODAY, settings).flags;
    expect(flagsFor('done', { missingCount: 1 })).toEqual(['done-undecided']);
    expect(toReportRow(issue({ statusCategory: 'done' }), undefined, TODAY, settings).flags).toEqual([]);
    expect(flagsFor('done', { missingCount: 1, reopened: 'yes' })).toEqual(['reopened']);
    expect(flagsFor('done', { missingCount: 0, missing: [], reopened: 'yes' })).toEqual(['reopened']);
    expect(flagsFor('indeterminate', { missingCount: 0, missing: [], reopened: 'yes' })).toEqual(['reopened']);
    expect(flagsFor('indeterminate', { missingCount: 1 })).toEqual([]);
  });
  it('flags a pilot closing within 14 days with questions open', () => {
    const flagsFor = (over: Partial<SearchSummary>) => toReportRow(issue(), summary(over), TODAY, settings).flags;
    expect(flagsFor({ plannedCloseDate: '2026-03-24' })).toEqual(['pilot-closing']);
    expect(flagsFor({ plannedCloseDate: '2026-03-25' })).toEqual([]);
    expect(flagsFor({ plannedCloseDate: '2026-03-20', missingCount: 0, missing: [] })).toEqual([]);
    expect(flagsFor({ plannedCloseDate: '2026-03-20', actualCloseDate: '2026-03-05' })).toEqual([]);
    expect(flagsFor({ plannedCloseDate: TODAY })).toEqual([]);
  });

  it('survives a hand-edited summary with nonsense dates and level', () => {
    const row = toReportRow(issue(), summary({ level: 'bogus' as never, missingCount: 2, updatedAt: 'yesterday', plannedCloseDate: '2026-00-00', actualCloseDate: '' }), TODAY, settings);
    expect(row.level).toBe('deciding');
    expect(row.purgatoryDays).toBeNull();
    expect(row.flags).toEqual([]);
  });
});

const rows = [
  toReportRow(issue({ id: '1', key: 'AIP-10', summary: 'Fraud scoring' }), summary({ level: 'ready', missingCount: 0, missing: [], shipSignal: 'yes' }), TODAY, settings),
  toReportRow(issue({ id: '2', key: 'AIP-9', summary: 'Claims triage' }), summary({ ownerAccountId: '', ownerName: '', actualCloseDate: '2026-02-01' }), TODAY, settings),
  toReportRow(issue({ id: '3', key: 'AIP-2', summary: 'Chat assistant', statusCategory: 'done', statusName: 'Done' }), summary({ ownerName: 'Marcus Lee', ownerAccountId: 'acc-marcus' }), TODAY, settings),
  toReportRow(issue({ id: '4', key: 'AIP-11', summary: 'Document OCR' }), undefined, TODAY, settings),
];

describe('summarizeRows', () => {
  it('counts rows by level and flag', () => {
    expect(summarizeRows(rows)).toEqual({
      total: 4,
      byLevel: { 'not-started': 1, deciding: 1, ready: 1, shipped: 1 },
      stalled: 0,
      shipSignal: 1,
      noOwner: 2,
      inPurgatory: 1,
    });
    expect(summarizeRows([]).byLevel).toEqual({ 'not-started': 0, deciding: 0, ready: 0, shipped: 0 });
  });
});

describe('sortRows', () => {
  const keys = (rs: typeof rows) => rs.map((r) => r.key);
  it('sorts keys by number, not text', () => {
    expect(keys(sortRows(rows, 'key'))).toEqual(['AIP-2', 'AIP-9', 'AIP-10', 'AIP-11']);
    expect(keys(sortRows(rows, 'key', 'desc'))).toEqual(['AIP-11', 'AIP-10', 'AIP-9', 'AIP-2']);
    expect(compareKeys('ABC-1', 'AB-2')).toBeGreaterThan(0);
  });
  it('sorts by level in the order of progress', () => {
    expect(keys(sortRows(rows, 'level'))).toEqual(['AIP-11', 'AIP-9', 'AIP-10', 'AIP-2']);
  });
  it('puts empty values last in both directions', () => {
    expect(keys(sortRows(rows, 'purgatory'))).toEqual(['AIP-9', 'AIP-2', 'AIP-10', 'AIP-11']);
    expect(keys(sortRows(rows, 'owner', 'desc'))).toEqual(['AIP-10', 'AIP-2', 'AIP-9', 'AIP-11']);
  });
  it('does not change the array it was given', () => {
    const before = keys(rows);
    sortRows(rows, 'summary');
    expect(keys(rows)).toEqual(before);
  });
});

describe('filterRows', () => {
  const keys = (rs: typeof rows) => rs.map((r) => r.key);
  it('filters by level, flag and owner', () => {
    expect(keys(filterRows(rows, { level: 'ready' }))).toEqual(['AIP-10']);
    expect(keys(filterRows(rows, { flag: 'no-owner' }))).toEqual(['AIP-9', 'AIP-11']);
    expect(keys(filterRows(rows, { ownerAccountId: 'acc-marcus' }))).toEqual(['AIP-2']);
    expect(keys(filterRows(rows, { ownerAccountId: null }))).toEqual(['AIP-9', 'AIP-11']);
  });
  it('filters to the initiatives in pilot purgatory, as the counter counts them', () => {
    const inPurgatory = filterRows(rows, { inPurgatory: true });
    expect(inPurgatory.length).toBe(summarizeRows(rows).inPurgatory);
    expect(inPurgatory.every((r) => r.purgatoryDays !== null)).toBe(true);
  });
  it('searches key, summary, owner and missing answers case-insensitively', () => {
    expect(keys(filterRows(rows, { text: 'CLAIMS' }))).toEqual(['AIP-9']);
    expect(keys(filterRows(rows, { text: 'aip-1' }))).toEqual(['AIP-10', 'AIP-11']);
    expect(keys(filterRows(rows, { text: 'delivery owner' }))).toEqual(['AIP-9', 'AIP-2']);
    expect(keys(filterRows(rows, { text: '  ' }))).toHaveLength(4);
  });
});

describe('topBlocker', () => {
  const row = (over: Partial<SearchSummary>, status: Partial<ReportIssue> = {}) => toReportRow(issue(status), summary(over), TODAY, settings);
  it('is the first missing answer, in the order the questions are asked, with how many more there are', () => {
    expect(topBlocker(TODAY, row({ missing: ['2 pilot conditions have no decision.', 'No delivery owner is named.'], missingCount: 2 }))).toEqual({ text: '2 pilot conditions have no decision.', more: 1 });
    expect(topBlocker(TODAY, row({ missing: ['No delivery owner is named.'], missingCount: 1 }))).toEqual({ text: 'No delivery owner is named.', more: 0 });
  });
  it('names the weak commitment or the stall when every answer is in, and nothing once shipped without flags', () => {
    expect(topBlocker(TODAY, row({ missing: [], missingCount: 0, shipSignal: 'yes' }))?.text).toMatch(/most pilot conditions were withdrawn/);
    expect(topBlocker(TODAY, row({ missing: [], missingCount: 0, updatedAt: '2026-01-01T00:00:00.000Z' }))?.text).toMatch(/No change for 68 days/);
    expect(topBlocker(TODAY, row({ missing: [], missingCount: 0 }, { statusCategory: 'done', statusName: 'Done' }))).toBeUndefined();
  });
});
