/**
 * Time in the report, from the audit trail of the last 12 weeks: how many initiatives stood at each level
 * at the end of each week, and how long each initiative has been at its level now. Pure.
 *
 * Each audit entry says the readiness right after its event and right before it (`readiness`, added by the
 * change path and by the trigger on a move into or out of Done). A level changes without an entry only
 * when the project's readiness policy changes (a settings change, audited without per-initiative levels)
 * or, before the trigger recorded such moves, when an epic moved into or out of Done. So the level at a
 * moment is known from the nearest entry on either side of it, and from the level now, as long as no
 * policy change lies in between; where those disagree, or only an entry without the field is near, the
 * answer is "unknown", never a guess.
 */
import { READINESS_LEVELS, type ReadinessLevel } from './readiness-types';
import type { AuditReadiness } from './flow-history';
import { daysBetween, isoToday } from './dates';

export const TREND_WEEKS = 12;
/** How far back the trail is read: the oldest week end and the week before it. */
export const TREND_DAYS = TREND_WEEKS * 7;
const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_MS = 7 * DAY_MS;

/** What the trend reads of one audit entry of an initiative. */
export interface TrailPoint {
  issueId: string;
  /** ISO time of the event. */
  at: string;
  /** Absent in entries written before audit entries carried it. */
  readiness?: AuditReadiness;
}

/** What the trend reads of a report row: the level now and whether a handoff was ever saved. */
export interface TrendRow {
  issueId: string;
  level: ReadinessLevel;
  lastChange?: string;
}

interface Timed {
  time: number;
  readiness?: AuditReadiness;
}

export type TrailByIssue = ReadonlyMap<string, readonly Timed[]>;

/** The points of each initiative, oldest first: built once, read by the trend and by every row's days. */
export function trailByIssue(points: readonly TrailPoint[]): TrailByIssue {
  const byIssue = new Map<string, Timed[]>();
  for (const p of points) {
    const time = Date.parse(p.at);
    if (Number.isNaN(time)) continue;
    const list = byIssue.get(p.issueId) ?? [];
    list.push({ time, ...(p.readiness ? { readiness: p.readiness } : {}) });
    byIssue.set(p.issueId, list);
  }
  for (const list of byIssue.values()) list.sort((a, b) => a.time - b.time);
  return byIssue;
}

/** Settings changes that can move levels: the ones readiness depends on (readinessPolicy), or any we cannot read. */
const LEVEL_POLICY_FIELDS = new Set(['settings.kpiMinimums', 'settings.requireOwnerAcceptance']);
export function settingsChangeMovesLevels(changes: ReadonlyArray<{ field: string }>): boolean {
  return changes.some((c) => LEVEL_POLICY_FIELDS.has(c.field) || !c.field.startsWith('settings.'));
}

export interface TrendWeek {
  /** ISO time the week ends at (the last one is now). */
  end: string;
  byLevel: Record<ReadinessLevel, number>;
  /** Initiatives whose level then the trail cannot tell. */
  unknown: number;
}

export interface TrendInput {
  rows: readonly TrendRow[];
  trail: TrailByIssue;
  /** ISO times of settings changes that can move levels (settingsChangeMovesLevels). */
  policyChanges: readonly string[];
  now: Date;
}

/** Today's initiatives at the end of each of the last 12 weeks, oldest week first. */
export function readinessTrend({ rows, trail, policyChanges, now }: TrendInput): TrendWeek[] {
  const policy = policyTimes(policyChanges);
  const ends = Array.from({ length: TREND_WEEKS }, (_, i) => now.getTime() - (TREND_WEEKS - 1 - i) * WEEK_MS);
  const weeks: TrendWeek[] = ends.map((end) => ({ end: new Date(end).toISOString(), byLevel: emptyCounts(), unknown: 0 }));
  for (const row of rows) {
    const points = trail.get(row.issueId) ?? [];
    ends.forEach((end, i) => {
      const level = levelAt(end, points, row.level, now.getTime(), policy);
      if (level === undefined) weeks[i].unknown += 1;
      else weeks[i].byLevel[level] += 1;
    });
  }
  return weeks;
}

const emptyCounts = () => Object.fromEntries(READINESS_LEVELS.map((l) => [l, 0])) as Record<ReadinessLevel, number>;
const policyTimes = (changes: readonly string[]) => changes.map(Date.parse).filter((t) => !Number.isNaN(t));
/** A policy change in (from, to]. */
const policyBetween = (policy: readonly number[], from: number, to: number) => policy.some((t) => t > from && t <= to);

/**
 * The level at `time`: the entry at or before it says what followed it, the entry after it what preceded
 * it, and with no later entry the level now stands in. Each counts only without a policy change between it
 * and `time`; two that count must agree.
 */
function levelAt(time: number, points: readonly Timed[], levelNow: ReadinessLevel, now: number, policy: readonly number[]): ReadinessLevel | undefined {
  let next = points.findIndex((p) => p.time > time);
  if (next === -1) next = points.length;
  const prev = next - 1 >= 0 ? points[next - 1] : undefined;
  const after = next < points.length ? points[next] : undefined;
  const fromLeft = prev && !policyBetween(policy, prev.time, time) ? prev.readiness?.level : undefined;
  const leftCounts = prev !== undefined && fromLeft !== undefined;
  let fromRight: ReadinessLevel | undefined;
  if (after) fromRight = !policyBetween(policy, time, after.time - 1) ? after.readiness?.before?.level : undefined;
  else fromRight = !policyBetween(policy, time, now) ? levelNow : undefined;
  if (leftCounts && fromRight !== undefined) return fromLeft === fromRight ? fromLeft : undefined;
  return fromLeft ?? fromRight;
}

export type AtLevel =
  | { state: 'days'; days: number }
  /** At this level for all of the trail read (12 weeks) and maybe longer. */
  | { state: 'over'; days: number }
  | { state: 'unknown'; reason: string };

/**
 * Calendar days (in the viewer's time zone) since the initiative moved into the level it is at now,
 * from its trail of the last 12 weeks.
 */
export function daysAtLevel(row: TrendRow, points: readonly Timed[], opts: { policyChanges: readonly string[]; now: Date; timeZone: string }): AtLevel {
  const today = isoToday(opts.now, opts.timeZone);
  for (let i = points.length - 1; i >= 0; i--) {
    const r = points[i].readiness;
    if (!r?.before) return { state: 'unknown', reason: 'an audit entry from before readiness was recorded' };
    if (r.level !== row.level) return { state: 'unknown', reason: 'the level changed without an audited change' };
    if (r.before.level !== row.level) return { state: 'days', days: Math.max(0, daysBetween(isoToday(new Date(points[i].time), opts.timeZone), today)) };
  }
  if (!row.lastChange) return { state: 'unknown', reason: 'no handoff saved yet' };
  if (policyTimes(opts.policyChanges).some((t) => t > opts.now.getTime() - TREND_DAYS * DAY_MS)) return { state: 'unknown', reason: 'the readiness policy changed in the last 12 weeks' };
  return { state: 'over', days: TREND_DAYS };
}
