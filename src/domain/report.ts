/**
 * Report rows: one per initiative, built from the epic (live from the search) and its stored summary.
 * Pure helpers the report page imports for sorting, filtering and the summary chart.
 */
import type { ReadinessLevel, StatusCategoryKey } from './readiness-types';
import { READINESS_LEVELS } from './readiness-types';
import type { ReportFlag, ReportRow, SearchSummary } from './report-types';
import { daysBetween } from './dates';

export interface ReportIssue {
  id: string;
  key: string;
  summary: string;
  statusName: string;
  statusCategory: StatusCategoryKey;
}

/** A pilot closing within this many days with questions open is flagged. */
const PILOT_CLOSING_DAYS = 14;

export function toReportRow(issue: ReportIssue, summary: SearchSummary | undefined, today: string, settings: { stallDays: number }): ReportRow {
  const shipped = issue.statusCategory === 'done';
  const row: ReportRow = {
    issueId: issue.id,
    key: issue.key,
    summary: issue.summary,
    statusName: issue.statusName,
    statusCategory: issue.statusCategory,
    conditions: {
      decided: summary?.conditionsDecided ?? 0,
      total: summary?.conditionsTotal ?? 0,
      permanent: summary?.conditionsPermanent ?? 0,
      withdrawn: summary?.conditionsWithdrawn ?? 0,
    },
    kpis: { agreed: summary?.kpisAgreed ?? 0, total: summary?.kpisTotal ?? 0 },
    workstreams: {
      done: summary?.workstreamsDone ?? 0,
      total: summary?.workstreamsTotal ?? 0,
      subtasksDone: summary?.subtasksDone ?? 0,
      subtasksTotal: summary?.subtasksTotal ?? 0,
    },
    level: liveLevel(shipped, summary),
    missing: summary?.missing ?? [],
    missingCount: summary?.missingCount ?? 0,
    purgatoryDays: purgatoryDays(shipped, summary, today),
    flags: [],
  };
  if (summary?.ownerAccountId) {
    row.owner = { accountId: summary.ownerAccountId, displayName: summary.ownerName, accepted: summary.ownerAccepted === 'yes' };
  }
  if (summary?.updatedAt) row.lastChange = summary.updatedAt;
  row.flags = flagsOf(row, shipped, summary, today, settings.stallDays);
  return row;
}

/**
 * The epic's live status wins over the stored level: an epic done since the last save is shipped,
 * and a reopened epic stored as shipped falls back to what its missing answers say.
 */
function liveLevel(shipped: boolean, summary: SearchSummary | undefined): ReadinessLevel {
  if (shipped) return 'shipped';
  if (!summary) return 'not-started';
  // The summary is an issue property anyone with edit rights can overwrite: never trust its level blindly.
  if (summary.level !== 'shipped' && READINESS_LEVELS.includes(summary.level)) return summary.level;
  return summary.missingCount === 0 ? 'ready' : 'deciding';
}

function closeDateOf(summary: SearchSummary | undefined): string {
  return summary?.actualCloseDate || summary?.plannedCloseDate || '';
}

/** Days between two stored dates, or null when a (user-editable) property holds something else. */
function safeDays(from: string, to: string): number | null {
  try {
    return daysBetween(from, to);
  } catch {
    return null;
  }
}

function purgatoryDays(shipped: boolean, summary: SearchSummary | undefined, today: string): number | null {
  const closeDate = closeDateOf(summary);
  if (shipped || !closeDate || closeDate > today) return null;
  return safeDays(closeDate, today);
}

function flagsOf(row: ReportRow, shipped: boolean, summary: SearchSummary | undefined, today: string, stallDays: number): ReportFlag[] {
  const flags: ReportFlag[] = [];
  // After shipping, "not yet decided to ship" is no longer true; the warning would mislead.
  if (!shipped && summary?.shipSignal === 'yes') flags.push('ship-signal');
  // Without a record there is no change to date a stall from; the no-owner flag covers those epics.
  if (!shipped && summary?.updatedAt && (safeDays(summary.updatedAt, today) ?? 0) >= stallDays) flags.push('stalled');
  if (!shipped && !row.owner) flags.push('no-owner');
  // KPIs govern production, so a missed first review matters after shipping too.
  if (summary?.nextKpiReviewDate && summary.nextKpiReviewDate < today) flags.push('kpi-review-past');
  if (!shipped && pilotClosingSoon(summary, today)) flags.push('pilot-closing');
  // Done is a milestone: a reopened handoff is flagged until decided again, and an epic that reached Done
  // with questions open (gate added later, or not on its workflow) until someone reopens and decides it.
  const reopened = summary?.reopened === 'yes';
  if (reopened) flags.push('reopened');
  if (shipped && !reopened && row.missingCount > 0) flags.push('done-undecided');
  return flags;
}

function pilotClosingSoon(summary: SearchSummary | undefined, today: string): boolean {
  if (!summary?.plannedCloseDate || summary.actualCloseDate || summary.missingCount === 0) return false;
  const days = safeDays(today, summary.plannedCloseDate);
  return days !== null && days > 0 && days <= PILOT_CLOSING_DAYS;
}

// ---- summary over rows -----------------------------------------------------------------------------
export interface ReportTotals {
  total: number;
  byLevel: Record<ReadinessLevel, number>;
  stalled: number;
  shipSignal: number;
  noOwner: number;
  inPurgatory: number;
}

export function summarizeRows(rows: ReportRow[]): ReportTotals {
  const byLevel = Object.fromEntries(READINESS_LEVELS.map((l) => [l, 0])) as Record<ReadinessLevel, number>;
  const totals: ReportTotals = { total: rows.length, byLevel, stalled: 0, shipSignal: 0, noOwner: 0, inPurgatory: 0 };
  for (const row of rows) {
    byLevel[row.level] += 1;
    if (row.flags.includes('stalled')) totals.stalled += 1;
    if (row.flags.includes('ship-signal')) totals.shipSignal += 1;
    if (row.flags.includes('no-owner')) totals.noOwner += 1;
    if (row.purgatoryDays !== null) totals.inPurgatory += 1;
  }
  return totals;
}

// ---- sorting and filtering -------------------------------------------------------------------------
export const REPORT_SORT_COLUMNS = ['key', 'summary', 'status', 'owner', 'conditions', 'kpis', 'workstreams', 'level', 'missing', 'purgatory', 'lastChange', 'flags'] as const;
export type ReportSortColumn = (typeof REPORT_SORT_COLUMNS)[number];
export type SortDirection = 'asc' | 'desc';

type SortValue = string | number | null;

function sortValue(row: ReportRow, by: ReportSortColumn): SortValue {
  switch (by) {
    case 'key':
      return row.key;
    case 'summary':
      return row.summary.toLowerCase();
    case 'status':
      return row.statusName.toLowerCase();
    case 'owner':
      return row.owner ? row.owner.displayName.toLowerCase() : null;
    case 'conditions':
      return row.conditions.total === 0 ? null : row.conditions.decided / row.conditions.total;
    case 'kpis':
      return row.kpis.agreed;
    case 'workstreams':
      return row.workstreams.total === 0 ? null : row.workstreams.done / row.workstreams.total;
    case 'level':
      return READINESS_LEVELS.indexOf(row.level);
    case 'missing':
      return row.missingCount;
    case 'purgatory':
      return row.purgatoryDays;
    case 'lastChange':
      return row.lastChange ?? null;
    case 'flags':
      return row.flags.length;
  }
}

/** Issue keys compare by project, then number, so AIP-9 comes before AIP-10. */
export function compareKeys(a: string, b: string): number {
  const [pa, na] = splitKey(a);
  const [pb, nb] = splitKey(b);
  if (pa !== pb) return pa < pb ? -1 : 1;
  return na - nb;
}

function splitKey(key: string): [string, number] {
  const match = /^(.*)-(\d+)$/.exec(key);
  return match ? [match[1], Number(match[2])] : [key, 0];
}

function compareValues(a: SortValue, b: SortValue, by: ReportSortColumn): number {
  if (by === 'key' && typeof a === 'string' && typeof b === 'string') return compareKeys(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b));
}

/** A new sorted array; empty values last in either direction, ties broken by key. */
export function sortRows(rows: readonly ReportRow[], by: ReportSortColumn, dir: SortDirection = 'asc'): ReportRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = sortValue(x, by);
    const b = sortValue(y, by);
    if (a === null || b === null) {
      if (a !== b) return a === null ? 1 : -1;
    } else {
      const c = compareValues(a, b, by);
      if (c !== 0) return sign * c;
    }
    return compareKeys(x.key, y.key);
  });
}

export interface ReportFilter {
  level?: ReadinessLevel;
  /** An account id, or null for rows without a delivery owner. */
  ownerAccountId?: string | null;
  flag?: ReportFlag;
  /** Case-insensitive match on key, summary, status, owner and missing answers. */
  text?: string;
}

export function filterRows(rows: readonly ReportRow[], filter: ReportFilter): ReportRow[] {
  const text = filter.text?.trim().toLowerCase() ?? '';
  return rows.filter((row) => {
    if (filter.level && row.level !== filter.level) return false;
    if (filter.ownerAccountId !== undefined && (row.owner?.accountId ?? null) !== filter.ownerAccountId) return false;
    if (filter.flag && !row.flags.includes(filter.flag)) return false;
    if (text && !searchableText(row).includes(text)) return false;
    return true;
  });
}

function searchableText(row: ReportRow): string {
  return [row.key, row.summary, row.statusName, row.owner?.displayName ?? '', ...row.missing].join('\n').toLowerCase();
}
