/**
 * Progress of a production KPI through its horizon: on track, off track, no data, not yet due or not
 * measurable, in one sentence; the data a small chart needs; and "KPIs on track n/m" for the report.
 *
 * The path is straight: from the baseline at the first review date to the target at the horizon's end,
 * flat before and after. The latest reading (not after today) is judged against the path on its own date,
 * so a reading taken a month ago is not held to today's expectation.
 */
import type { ProductionKpi } from './record';
import { latestReading, type KpiReading } from './kpi-reading';
import { parseKpiNumber } from './kpi-number';
import { dueReview, horizonEnd, nextReviewDate, reviewDates, type ReviewDue } from './kpi-schedule';
import { daysBetween, humanDate } from './dates';
import { pushTo } from './group';

export const KPI_PROGRESS_STATUSES = ['on-track', 'off-track', 'no-data', 'not-yet-due', 'not-measurable'] as const;
export type KpiProgressStatus = (typeof KPI_PROGRESS_STATUSES)[number];

export type Direction = ProductionKpi['direction'];
export interface PathPoint {
  date: string;
  value: number;
}
export interface KpiPath {
  from: PathPoint;
  to: PathPoint;
  direction: Direction;
}

type ReadingLike = Pick<KpiReading, 'date' | 'value' | 'recorded'>;

/** The path, or every reason it cannot be drawn, each a sentence. */
export function kpiPath(kpi: ProductionKpi): { ok: true; path: KpiPath } | { ok: false; problems: string[] } {
  const baseline = parseKpiNumber(kpi.baseline, 'Baseline');
  const target = parseKpiNumber(kpi.target, 'Target');
  const end = horizonEnd(kpi);
  const problems: string[] = [];
  if (!baseline.ok) problems.push(baseline.sentence);
  if (!target.ok) problems.push(target.sentence);
  if (!kpi.firstReviewDate) problems.push('It has no first review date.');
  if (!kpi.horizon) problems.push('It has no time horizon.');
  if (baseline.ok && target.ok) {
    const b = formatValue(baseline.value, kpi.unit);
    const t = formatValue(target.value, kpi.unit);
    if (kpi.direction === 'higher-is-better' && target.value < baseline.value) problems.push(`The target (${t}) is below the baseline (${b}), but higher is better.`);
    if (kpi.direction === 'lower-is-better' && target.value > baseline.value) problems.push(`The target (${t}) is above the baseline (${b}), but lower is better.`);
  }
  if (problems.length > 0 || !baseline.ok || !target.ok || !kpi.firstReviewDate || !end) return { ok: false, problems };
  return { ok: true, path: { from: { date: kpi.firstReviewDate, value: baseline.value }, to: { date: end, value: target.value }, direction: kpi.direction } };
}

/** The path's value on a date, by calendar days (a leap day is a day). */
export function expectedOnPath(path: KpiPath, date: string): number {
  if (date <= path.from.date) return path.from.value;
  if (date >= path.to.date) return path.to.value;
  const share = daysBetween(path.from.date, date) / daysBetween(path.from.date, path.to.date);
  return path.from.value + (path.to.value - path.from.value) * share;
}

/** At or ahead of the path; a rounding error's worth behind still counts as on it (0.1 + 0.2 is 0.3 here). */
function onTrack(path: KpiPath, value: number, expected: number): boolean {
  const tolerance = 1e-9 * Math.max(1, Math.abs(path.from.value), Math.abs(path.to.value));
  return path.direction === 'higher-is-better' ? value >= expected - tolerance : value <= expected + tolerance;
}

export interface KpiProgress {
  kpiId: string;
  kpiName: string;
  status: KpiProgressStatus;
  sentence: string;
  /** Why the path cannot be drawn; listed before the KPI is due too, so it can be fixed in time. */
  problems: string[];
  latest?: PathPoint;
  /** The path's value on the latest reading's date (on and off track only). */
  expected?: number;
  path?: KpiPath;
  dueReview?: ReviewDue;
  nextReview?: string;
  horizonEnd?: string;
}

export function kpiProgress(kpi: ProductionKpi, readings: readonly ReadingLike[], today: string): KpiProgress {
  const drawn = kpiPath(kpi);
  const latest = latestReading(readings, today);
  const due = dueReview(kpi, readings.map((r) => r.date), today);
  const progress: KpiProgress = { kpiId: kpi.id, kpiName: kpi.name, status: 'not-measurable', sentence: '', problems: drawn.ok ? [] : drawn.problems };
  if (latest) progress.latest = { date: latest.date, value: latest.value };
  if (drawn.ok) progress.path = drawn.path;
  if (due) progress.dueReview = due;
  const next = nextReviewDate(kpi, today);
  if (next) progress.nextReview = next;
  const end = horizonEnd(kpi);
  if (end) progress.horizonEnd = end;

  if (!kpi.firstReviewDate) return withStatus(progress, 'not-measurable', cannotTrack(kpi, progress.problems));
  if (!due) return withStatus(progress, 'not-yet-due', `${kpi.name} is first reviewed on ${humanDate(kpi.firstReviewDate)}.`);
  // Asking for a reading comes first: it is what the review needs, measurable or not.
  if (!due.hasReading) {
    const sentence = due.previousReview
      ? `${kpi.name} has no reading since the review on ${humanDate(due.previousReview)}; the review on ${humanDate(due.reviewDate)} needs one.`
      : `${kpi.name} has no reading for its first review on ${humanDate(due.reviewDate)}.`;
    return withStatus(progress, 'no-data', sentence);
  }
  if (!drawn.ok || !latest) return withStatus(progress, 'not-measurable', cannotTrack(kpi, progress.problems));
  const path = drawn.path;
  const expected = expectedOnPath(path, latest.date);
  progress.expected = expected;
  const value = formatValue(latest.value, kpi.unit);
  const goal = `target ${formatValue(path.to.value, kpi.unit)} by ${humanDate(path.to.date)}`;
  const shown = formatValue(expected, kpi.unit);
  return onTrack(path, latest.value, expected)
    ? withStatus(progress, 'on-track', `${kpi.name}: ${value} on ${humanDate(latest.date)}, on track (the path expects ${shown} by then; ${goal}).`)
    : withStatus(progress, 'off-track', `${kpi.name}: ${value} on ${humanDate(latest.date)}, behind the path (it expects ${shown} by then; ${goal}).`);
}

function withStatus(progress: KpiProgress, status: KpiProgressStatus, sentence: string): KpiProgress {
  return { ...progress, status, sentence };
}

function cannotTrack(kpi: ProductionKpi, problems: string[]): string {
  return `${kpi.name} cannot be tracked yet. ${problems.join(' ')}`.trimEnd();
}

/** "49.94 claims/h", "3%", "0.00125 s": two decimals, or three significant digits below 1. */
export function formatValue(value: number, unit: string): string {
  const digits = Math.abs(value) >= 1 || value === 0 ? { maximumFractionDigits: 2 } : { maximumSignificantDigits: 3 };
  const number = new Intl.NumberFormat('en-US', digits).format(value);
  if (!unit) return number;
  return unit === '%' ? `${number}%` : `${number} ${unit}`;
}

// ---- the chart ---------------------------------------------------------------------------------------
export interface KpiChart {
  kpiId: string;
  unit: string;
  direction: Direction;
  status: KpiProgressStatus;
  /** One point per date (the reading recorded last that day), ascending, none after today. */
  points: PathPoint[];
  /** From (first review, baseline) to (horizon end, target); absent when the path cannot be drawn. */
  targetLine?: [PathPoint, PathPoint];
  firstReview?: string;
  horizonEnd?: string;
  reviewDates: string[];
  today: string;
  /** What the axes must show: every point, the target line and (once due) today. */
  domain: { from: string; to: string; min: number; max: number };
}

export function kpiChart(kpi: ProductionKpi, readings: readonly ReadingLike[], today: string): KpiChart {
  const progress = kpiProgress(kpi, readings, today);
  const byDate = new Map<string, ReadingLike>();
  for (const r of readings) {
    if (r.date > today) continue;
    const seen = byDate.get(r.date);
    if (!seen || r.recorded.at > seen.recorded.at) byDate.set(r.date, r);
  }
  const points = [...byDate.values()].map((r) => ({ date: r.date, value: r.value })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const chart: KpiChart = { kpiId: kpi.id, unit: kpi.unit, direction: kpi.direction, status: progress.status, points, reviewDates: reviewDates(kpi), today, domain: { from: today, to: today, min: 0, max: 0 } };
  if (progress.path) chart.targetLine = [progress.path.from, progress.path.to];
  if (kpi.firstReviewDate) chart.firstReview = kpi.firstReviewDate;
  if (progress.horizonEnd) chart.horizonEnd = progress.horizonEnd;
  chart.domain = domainOf(chart);
  return chart;
}

function domainOf(chart: KpiChart): KpiChart['domain'] {
  const all = [...chart.points, ...(chart.targetLine ?? [])];
  const dates = [...all.map((p) => p.date), ...(chart.firstReview ? [chart.firstReview] : [])];
  // Today belongs on the axis once the KPI is due; before that the horizon is what matters.
  if (dates.length === 0 || (chart.firstReview !== undefined && chart.firstReview <= chart.today)) dates.push(chart.today);
  const values = all.map((p) => p.value);
  return {
    from: dates.reduce((a, b) => (b < a ? b : a)),
    to: dates.reduce((a, b) => (b > a ? b : a)),
    min: values.length ? Math.min(...values) : 0,
    max: values.length ? Math.max(...values) : 0,
  };
}

// ---- the report's column -----------------------------------------------------------------------------
export interface KpiTally {
  /** Agreed KPIs: the ones that govern production. */
  total: number;
  onTrack: number;
  offTrack: number;
  noData: number;
  notYetDue: number;
  notMeasurable: number;
  /** On track + off track + no data: the m of "n/m". */
  due: number;
  /** The report's "KPI off track" flag. */
  offTrackFlag: boolean;
  text: string;
}

export function kpiTally(kpis: readonly ProductionKpi[], readings: readonly (ReadingLike & { kpiId: string })[], today: string): KpiTally {
  const byKpi = new Map<string, ReadingLike[]>();
  for (const r of readings) pushTo(byKpi, r.kpiId, r);
  const count: Record<KpiProgressStatus, number> = { 'on-track': 0, 'off-track': 0, 'no-data': 0, 'not-yet-due': 0, 'not-measurable': 0 };
  const agreed = kpis.filter((k) => k.status === 'agreed');
  for (const kpi of agreed) count[kpiProgress(kpi, byKpi.get(kpi.id) ?? [], today).status] += 1;
  const due = count['on-track'] + count['off-track'] + count['no-data'];
  const aside = [
    ...(count['not-yet-due'] ? [`${count['not-yet-due']} not yet due`] : []),
    ...(count['not-measurable'] ? [`${count['not-measurable']} not measurable`] : []),
  ];
  const rest = aside.length ? ` (${aside.join(', ')})` : '';
  const text = agreed.length === 0 ? 'No agreed KPIs' : due === 0 ? `No KPI is due for review yet${rest}` : `KPIs on track ${count['on-track']}/${due}${rest}`;
  return {
    total: agreed.length,
    onTrack: count['on-track'],
    offTrack: count['off-track'],
    noData: count['no-data'],
    notYetDue: count['not-yet-due'],
    notMeasurable: count['not-measurable'],
    due,
    offTrackFlag: count['off-track'] > 0,
    text,
  };
}
