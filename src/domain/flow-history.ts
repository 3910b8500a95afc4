/**
 * What the audit trail says about one initiative's road from pilot to production: when it became ready,
 * when it shipped, and whether the three questions were answered when the pilot closed.
 *
 * The audit trail as stored today holds who changed which field from what to what, with values clipped
 * for reading: a record cannot be rebuilt from it, so readiness cannot be replayed. What the metrics need
 * is the readiness right after each audited event; the change path adds it to every audit entry as
 * `readiness` (see AuditReadiness), and the issue-event trigger adds an entry with it when the epic moves
 * into or out of Done. Entries written before that field existed make a moment "unknown", never guessed.
 */
import { z } from 'zod';
import type { HandoffRecord } from './record';
import { READINESS_LEVELS, type StatusCategoryKey } from './readiness-types';
import { utcDateOf } from './calendar';

export const AuditReadinessLevel = z
  .object({
    level: z.enum(READINESS_LEVELS),
    /** Readiness.openQuestions: 0 means every question was answered. */
    openQuestions: z.number().int().min(0).max(4),
  })
  .strict();
export type AuditReadinessLevel = z.infer<typeof AuditReadinessLevel>;

/**
 * The field `readiness` each audit entry gains: readiness after the event, and before it (the change
 * path holds both records, so a transition is known from one entry even across older entries without it).
 */
export const AuditReadiness = AuditReadinessLevel.extend({ before: AuditReadinessLevel.optional() }).strict();
export type AuditReadiness = z.infer<typeof AuditReadiness>;

/** The `readiness` of the audit entry of an event that took the initiative from `before` to `after`. */
export function trailReadiness(before: Pick<AuditReadinessLevel, 'level' | 'openQuestions'>, after: Pick<AuditReadinessLevel, 'level' | 'openQuestions'>): AuditReadiness {
  return { level: after.level, openQuestions: after.openQuestions, before: { level: before.level, openQuestions: before.openQuestions } };
}

/** What flow metrics read of an audit entry (AuditEntry plus the new field). */
export interface FlowAuditEntry {
  issueId?: string;
  at: string;
  version: number;
  readiness?: AuditReadiness;
}

export interface FlowInitiative {
  issueId: string;
  record: Pick<HandoffRecord, 'pilot' | 'createdAt'> | null;
  /** The epic's status category now, from the search. */
  statusCategory: StatusCategoryKey;
  /** Jira's `statuscategorychangedate` of the epic: when a done epic last reached Done. */
  doneSince?: string;
}

export type FlowMoment = { state: 'on'; date: string } | { state: 'not-yet' } | { state: 'unknown'; reason: string };

export interface InitiativeFlow {
  issueId: string;
  /** The actual close date, or the planned one once it has passed (as the pilot clock counts); undefined while open. */
  closedOn?: string;
  readyOn: FlowMoment;
  shippedOn: FlowMoment;
  /** Were the three questions answered at the end of the close day (UTC)? Undefined while the pilot is open. */
  answeredAtClose?: boolean | 'unknown';
}

const NOT_STARTED: AuditReadinessLevel = { level: 'not-started', openQuestions: 3 };

const isReady = (r: AuditReadinessLevel) => r.level === 'ready' || (r.level === 'shipped' && r.openQuestions === 0);
const isShipped = (r: AuditReadinessLevel) => r.level === 'shipped';

export function initiativeFlow(initiative: FlowInitiative, entries: readonly FlowAuditEntry[], today: string): InitiativeFlow {
  // Time and day are read once per entry: parsing dates dominates when a portfolio has hundreds of thousands of entries.
  const sorted: Dated[] = entries.map((e) => ({ e, time: timeOf(e), day: utcDateOf(e.at) ?? e.at.slice(0, 10) })).sort((a, b) => a.time - b.time || a.e.version - b.e.version);
  const flow: InitiativeFlow = {
    issueId: initiative.issueId,
    readyOn: initiative.record === null && sorted.length === 0 ? { state: 'not-yet' } : lastMomentWhen(sorted, isReady, 'ready'),
    shippedOn: shippedOn(initiative, sorted),
  };
  const pilot = initiative.record?.pilot;
  const close = pilot?.actualCloseDate ?? pilot?.plannedCloseDate;
  if (close && close <= today) {
    flow.closedOn = close;
    flow.answeredAtClose = answeredAt(close, initiative, sorted);
  }
  return flow;
}

function timeOf(e: FlowAuditEntry): number {
  const ms = Date.parse(e.at);
  return Number.isNaN(ms) ? 0 : ms;
}

interface Dated {
  e: FlowAuditEntry;
  time: number;
  day: string;
}
const dayOf = (e: Dated) => e.day;

type State = FlowMoment | { state: 'unknown'; reason: string; fixed?: boolean };

/** The readiness just before an entry: its own `before`, else the previous entry's, else "not started" before version 1. */
function beforeOf(sorted: readonly Dated[], i: number): AuditReadinessLevel | undefined {
  const { e } = sorted[i];
  if (e.readiness?.before) return e.readiness.before;
  if (i > 0) return sorted[i - 1].e.readiness;
  return e.version === 1 ? NOT_STARTED : undefined;
}

/** The day of the last move into the state `holds` describes, if it still holds after the last entry. */
function lastMomentWhen(sorted: readonly Dated[], holds: (r: AuditReadinessLevel) => boolean, word: string): FlowMoment {
  let state: State = { state: 'unknown', reason: 'the audit trail has no entry' };
  sorted.forEach((e, i) => {
    const before = beforeOf(sorted, i);
    if (before && !holds(before)) state = { state: 'not-yet' };
    else if (before && state.state === 'not-yet') {
      // It held before this save but not after the last one: it changed without a save (a policy change).
      const since = i > 0 ? `between the saves of ${dayOf(sorted[i - 1])} and ${dayOf(e)}` : `before ${dayOf(e)}`;
      state = { state: 'unknown', reason: `it became ${word} ${since}`, fixed: true };
    }
    const after = e.e.readiness;
    if (!after) state = { state: 'unknown', reason: `the audit trail has no readiness level after ${dayOf(e)}` };
    else if (!holds(after)) state = { state: 'not-yet' };
    else if (state.state === 'not-yet') state = { state: 'on', date: dayOf(e) };
    else if (state.state === 'unknown' && !('fixed' in state && state.fixed)) state = { state: 'unknown', reason: `the audit trail has no readiness level before ${dayOf(e)}` };
  });
  return state.state === 'unknown' ? { state: 'unknown', reason: state.reason } : state;
}

function shippedOn(initiative: FlowInitiative, sorted: readonly Dated[]): FlowMoment {
  if (initiative.statusCategory !== 'done') return { state: 'not-yet' };
  if (initiative.doneSince !== undefined) {
    const date = utcDateOf(initiative.doneSince);
    return date ? { state: 'on', date } : { state: 'unknown', reason: `Jira's date of the move into Done is unreadable (${initiative.doneSince.slice(0, 40)})` };
  }
  const audited = lastMomentWhen(sorted, isShipped, 'shipped');
  return audited.state === 'not-yet' ? { state: 'unknown', reason: 'the audit trail does not record when the epic reached Done' } : audited;
}

function answeredAt(close: string, initiative: FlowInitiative, sorted: readonly Dated[]): boolean | 'unknown' {
  const next = sorted.findIndex((e) => dayOf(e) > close);
  const last = next === -1 ? sorted.length - 1 : next - 1;
  const atClose = last >= 0 ? sorted[last].e.readiness : undefined;
  if (atClose) return atClose.openQuestions === 0;
  // The record did not change between the last save before close and the next one: what that save found before it is what stood at close.
  const before = next === -1 ? undefined : beforeOf(sorted, next);
  if (before) return before.openQuestions === 0;
  const created = initiative.record ? utcDateOf(initiative.record.createdAt) : undefined;
  if (last < 0 && created !== undefined && created > close) return false;
  return 'unknown';
}
