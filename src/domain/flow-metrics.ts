/**
 * Flow metrics, per project or across the portfolio (the caller passes the initiatives it wants counted):
 * days from pilot close to ready and to shipped (median and 80th percentile per quarter), initiatives
 * entering and leaving pilot purgatory per month, and the share of pilots closed with the three questions
 * answered. Built from each initiative's flow (flow-history.ts); what the data cannot tell is counted as
 * unknown and said, never estimated.
 */
import { initiativeFlow, type FlowAuditEntry, type FlowInitiative, type FlowMoment, type InitiativeFlow } from './flow-history';
import { addMonths, monthOf, quarterOf } from './calendar';
import { daysBetween } from './dates';
import { plural } from './sentences';
import { pushTo } from './group';

export interface DurationStat {
  /** "2026-Q1", or "all". */
  period: string;
  count: number;
  /** Days; null without measurements. */
  median: number | null;
  p80: number | null;
}

export interface DurationMetric {
  /** Per quarter of the day the wait ended (ready or shipped, or the close itself when that came first), oldest first. */
  byQuarter: DurationStat[];
  /** Every measurement, also those before the window. */
  overall: DurationStat;
  measured: number;
  /** Closed pilots not ready (or not shipped) yet. */
  notYet: number;
  /** Closed pilots for which the audit trail or Jira does not say when. */
  unknown: number;
  sentence: string;
}

export interface PurgatoryMonth {
  month: string;
  entered: number;
  left: number;
}

export interface FlowMetrics {
  initiatives: number;
  closedPilots: number;
  closeToReady: DurationMetric;
  closeToShipped: DurationMetric;
  purgatory: { byMonth: PurgatoryMonth[]; entered: number; left: number; /** Done, but the data does not say whether before the close or when. */ unknown: number };
  answeredAtClose: { closed: number; answered: number; notAnswered: number; unknown: number; /** answered / (answered + notAnswered); null when none is known. */ share: number | null; sentence: string };
}

export interface FlowWindow {
  /** Quarters listed, ending with today's (default 8). */
  quarters?: number;
  /** Months listed, ending with today's (default 12). */
  months?: number;
}

export function flowMetrics(initiatives: readonly FlowInitiative[], audit: readonly FlowAuditEntry[], today: string, window: FlowWindow = {}): FlowMetrics {
  const byIssue = new Map<string, FlowAuditEntry[]>();
  for (const e of audit) {
    if (e.issueId !== undefined) pushTo(byIssue, e.issueId, e); // entries without an issue are project settings changes
  }
  const flows = initiatives.map((i) => initiativeFlow(i, byIssue.get(i.issueId) ?? [], today));
  const closed = flows.filter((f): f is InitiativeFlow & { closedOn: string } => f.closedOn !== undefined);
  const quarters = quartersUpTo(today, window.quarters ?? 8);
  return {
    initiatives: initiatives.length,
    closedPilots: closed.length,
    closeToReady: duration(closed, (f) => f.readyOn, quarters, 'ready'),
    closeToShipped: duration(closed, (f) => f.shippedOn, quarters, 'shipped'),
    purgatory: purgatory(closed, monthsUpTo(today, window.months ?? 12)),
    answeredAtClose: answered(closed),
  };
}

function duration(closed: Array<InitiativeFlow & { closedOn: string }>, moment: (f: InitiativeFlow) => FlowMoment, quarters: string[], word: string): DurationMetric {
  const days = new Map<string, number[]>();
  const all: number[] = [];
  let notYet = 0;
  let unknown = 0;
  for (const f of closed) {
    const m = moment(f);
    if (m.state === 'not-yet') notYet += 1;
    else if (m.state === 'unknown') unknown += 1;
    else {
      // Ready (or shipped) before the pilot closed means no wait: 0 days, counted when the pilot closed.
      const ended = m.date > f.closedOn ? m.date : f.closedOn;
      const d = daysBetween(f.closedOn, ended);
      all.push(d);
      pushTo(days, quarterOf(ended), d);
    }
  }
  const overall = stat('all', all);
  const parts = [
    overall.count === 0 ? 'no measurement yet' : `median ${plural(overall.median ?? 0, 'day')}, 80th percentile ${plural(overall.p80 ?? 0, 'day')}, over ${plural(overall.count, 'initiative')}`,
    ...(notYet ? [`${notYet} not ${word} yet`] : []),
    ...(unknown ? [`unknown for ${unknown} (the audit trail does not say)`] : []),
  ];
  return {
    byQuarter: quarters.map((q) => stat(q, days.get(q) ?? [])),
    overall,
    measured: all.length,
    notYet,
    unknown,
    sentence: `From pilot close to ${word}: ${parts.join('; ')}.`,
  };
}

function stat(period: string, days: number[]): DurationStat {
  return { period, count: days.length, median: percentile(days, 0.5), p80: percentile(days, 0.8) };
}

/** Linear between closest ranks (spreadsheets' PERCENTILE.INC), to one decimal; null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const xs = [...values].sort((a, b) => a - b);
  const h = (xs.length - 1) * p;
  const lo = Math.floor(h);
  const value = lo + 1 < xs.length ? xs[lo] + (h - lo) * (xs[lo + 1] - xs[lo]) : xs[lo];
  return Math.round(value * 10) / 10;
}

function purgatory(closed: Array<InitiativeFlow & { closedOn: string }>, months: string[]): FlowMetrics['purgatory'] {
  const rows = new Map(months.map((month) => [month, { month, entered: 0, left: 0 }]));
  let entered = 0;
  let left = 0;
  let unknown = 0;
  for (const f of closed) {
    const shipped = f.shippedOn;
    if (shipped.state === 'unknown') {
      unknown += 1;
      continue;
    }
    // The pilot clock: closed and not shipped is purgatory, answers or not. Shipped by the close day: never in it.
    if (shipped.state === 'on' && shipped.date <= f.closedOn) continue;
    entered += 1;
    const inMonth = rows.get(monthOf(f.closedOn));
    if (inMonth) inMonth.entered += 1;
    if (shipped.state === 'on') {
      left += 1;
      const outMonth = rows.get(monthOf(shipped.date));
      if (outMonth) outMonth.left += 1;
    }
  }
  return { byMonth: [...rows.values()], entered, left, unknown };
}

function answered(closed: InitiativeFlow[]): FlowMetrics['answeredAtClose'] {
  const yes = closed.filter((f) => f.answeredAtClose === true).length;
  const no = closed.filter((f) => f.answeredAtClose === false).length;
  const unknown = closed.length - yes - no;
  const known = yes + no;
  const share = known === 0 ? null : yes / known;
  let sentence: string;
  if (closed.length === 0) sentence = 'No pilot has closed yet.';
  else if (known === 0) sentence = `Unknown for ${closed.length === 1 ? 'the one closed pilot' : `all ${closed.length} closed pilots`}: the audit trail does not say.`;
  else sentence = `${yes} of ${plural(known, 'pilot')} closed with the three questions answered (${Math.round((share ?? 0) * 100)}%)${unknown ? `; unknown for ${unknown}` : ''}.`;
  return { closed: closed.length, answered: yes, notAnswered: no, unknown, share, sentence };
}

/** The last `count` quarters up to today's, oldest first. */
export function quartersUpTo(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => quarterOf(addMonths(today.slice(0, 8) + '01', -3 * (count - 1 - i))));
}

/** The last `count` months up to today's, oldest first. */
export function monthsUpTo(today: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => monthOf(addMonths(today.slice(0, 8) + '01', -(count - 1 - i))));
}
