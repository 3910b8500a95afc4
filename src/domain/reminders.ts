/**
 * Reminders, the forcing function: what is due today for one initiative, and for whom. Pure: the daily
 * run passes the epic, its record, the project's settings, the KPI readings and today (UTC, as the gate
 * and the triggers count days).
 *
 * Each item carries a dedupe key built from the item and its anchor date: the deadline or event it is
 * about (close date, review date, the day the owner was named, the day of the last change), never the
 * day it fires. So an item is due on every run until it is recorded as sent; changing N in the settings
 * never sends it again; and a moved date is a new item. Storage records (key, recipient) once Jira took
 * the message, which is what "exactly once per item and due date" means across retries and reruns.
 */
import type { HandoffRecord, HistoryEntry, UserRef } from './record';
import type { ReadinessPolicy, StatusCategoryKey } from './readiness-types';
import { computeReadiness, isEmpty, ownerAccepted, readinessPolicy } from './readiness';
import type { ProjectSettings } from './policy';
import { digestReadings } from './kpi-facts';
import { REMINDER_KINDS, type ReminderKind, type ReminderSettings } from './reminder-settings';
import type { KpiReading } from './kpi-reading';
import { kpiProgress } from './kpi-progress';
import { nextReviewDate } from './kpi-schedule';
import { utcDateOf } from './calendar';
import { addDays, daysBetween, humanDate } from './dates';
import { plural } from './sentences';

export interface ReminderEpic {
  issueId: string;
  key: string;
  summary: string;
  statusCategory: StatusCategoryKey;
  /** Link to the epic, e.g. `${siteUrl}/browse/${key}`. */
  url: string;
}

export interface ReminderInput {
  epic: ReminderEpic;
  record: HandoffRecord | null;
  settings: ReminderSettings;
  /** The project's readiness policy (readinessPolicy(projectSettings)): which questions are open. */
  policy: ReadinessPolicy;
  /** The project's stall threshold (ProjectSettings.stallDays). */
  stallDays: number;
  /** This epic's KPI readings. */
  readings: readonly Pick<KpiReading, 'kpiId' | 'date' | 'value' | 'recorded'>[];
  /** When the current delivery owner was named (ownerNamedAt of the history); unknown: no acceptance reminder. */
  ownerNamedAt?: string;
  /** The last change to the handoff; defaults to record.updated.at. */
  lastChangeAt?: string;
  /**
   * Jira users behind the record's free-text "who sustains it" (by condition id) and "KPI owner" (by KPI
   * id), where the wiring knows them. Without one, the delivery owner is told and the line names them.
   */
  contacts?: { sustainers?: Record<string, UserRef>; kpiOwners?: Record<string, UserRef> };
  /** YYYY-MM-DD in UTC. */
  today: string;
}

export interface ReminderItem {
  kind: ReminderKind;
  /** `${kind}:${issueId}[:${subject}]:${anchorDate}`, subject being a condition, KPI or owner id. */
  key: string;
  issueId: string;
  epic: ReminderEpic;
  /** The deadline or event the reminder is about. */
  anchorDate: string;
  /** The first day it is due. */
  dueSince: string;
  /** Account ids, each once, in the order the kind names them; empty when nobody is known to tell. */
  recipients: string[];
  /** One plain-text sentence; user-written names inside are escaped where it is rendered as HTML. */
  line: string;
  details: string[];
}

export function dueReminders(input: ReminderInput): ReminderItem[] {
  const { record, settings } = input;
  if (!record) return [];
  const items: ReminderItem[] = [];
  const add = (kind: ReminderKind, subject: string | undefined, anchorDate: string, dueSince: string, recipients: Array<UserRef | undefined>, line: string, details: string[] = []) => {
    const key = [kind, input.epic.issueId, ...(subject === undefined ? [] : [subject]), anchorDate].join(':');
    items.push({ kind, key, issueId: input.epic.issueId, epic: input.epic, anchorDate, dueSince, recipients: accountIds(recipients), line, details });
  };
  const done = input.epic.statusCategory === 'done';
  const today = input.today;
  const owner = record.ownership.deliveryOwner;
  const readiness = computeReadiness(record, { key: input.epic.key, statusCategory: input.epic.statusCategory, today }, input.policy);
  const open = readiness.openQuestions;
  const questions = `${plural(open, 'question')} open`;
  const missing = readiness.missing.map((m) => m.sentence);
  const close = record.pilot.actualCloseDate ?? record.pilot.plannedCloseDate;

  if (settings.pilotClosing.enabled && !done && close && open > 0) {
    const days = daysBetween(today, close);
    if (days >= 1 && days <= settings.pilotClosing.days) {
      add('pilot-closing', undefined, close, addDays(close, -settings.pilotClosing.days), [record.ownership.pilotChampion, owner], `The pilot closes in ${plural(days, 'day')}, on ${humanDate(close)}, with ${questions}.`, missing);
    }
  }
  if (settings.pilotClosed.enabled && !done && close && close <= today && open > 0) {
    const since = daysBetween(close, today);
    const line = since === 0 ? `The pilot closed today with ${questions}: the purgatory clock has started.` : `The pilot closed on ${humanDate(close)} with ${questions}: in pilot purgatory for ${plural(since, 'day')}.`;
    add('pilot-closed', undefined, close, close, [owner, settings.sponsorContact], line, missing);
  }
  if (settings.conditionReview.enabled) {
    for (const c of record.conditions) {
      if (c.decision.status !== 'permanent' || !c.decision.reviewDate || c.decision.reviewDate > today) continue;
      const date = c.decision.reviewDate;
      const when = date === today ? 'is due for review today' : `was due for review on ${humanDate(date)}`;
      add('condition-review', c.id, date, date, [input.contacts?.sustainers?.[c.id], owner], `The permanent pilot condition "${c.name}" (sustained by ${c.decision.sustainedBy}) ${when}.`);
    }
  }
  if (settings.kpiReview.enabled) {
    for (const kpi of record.kpis) {
      if (kpi.status !== 'agreed') continue;
      const progress = kpiProgress(kpi, input.readings.filter((r) => r.kpiId === kpi.id), today);
      if (progress.status !== 'no-data' || !progress.dueReview) continue;
      const date = progress.dueReview.reviewDate;
      add('kpi-review', kpi.id, date, date, [input.contacts?.kpiOwners?.[kpi.id], owner], progress.sentence);
    }
  }
  const named = input.ownerNamedAt ? utcDateOf(input.ownerNamedAt) : undefined;
  if (settings.ownerNotAccepted.enabled && !done && owner && named && input.policy.requireOwnerAcceptance && !ownerAccepted(record)) {
    const dueSince = addDays(named, settings.ownerNotAccepted.days);
    if (dueSince <= today) {
      const who = owner.displayName ? `${owner.displayName} was named delivery owner on ${humanDate(named)} and has` : `You were named delivery owner on ${humanDate(named)} and have`;
      const line = `${who} not accepted yet: open the epic and press "I own this delivery".`;
      add('owner-not-accepted', owner.accountId, named, dueSince, [owner], line);
    }
  }
  const lastChange = utcDateOf(input.lastChangeAt ?? record.updated.at);
  if (settings.stalled.enabled && !done && !isEmpty(record) && lastChange) {
    const days = daysBetween(lastChange, today);
    if (days >= input.stallDays) add('stalled', undefined, lastChange, addDays(lastChange, input.stallDays), [owner], `No change to the handoff for ${plural(days, 'day')} (last on ${humanDate(lastChange)}).`);
  }
  return items.sort((a, b) => REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind));
}

function accountIds(users: Array<UserRef | undefined>): string[] {
  return [...new Set(users.filter((u): u is UserRef => u !== undefined).map((u) => u.accountId))];
}

export interface ReminderFailure {
  issueId: string;
  key: string;
  message: string;
}

/** Every epic of a run; one whose data breaks the computation is reported and the others go on. */
export function dueRemindersForAll(inputs: readonly ReminderInput[]): { items: ReminderItem[]; failures: ReminderFailure[] } {
  const items: ReminderItem[] = [];
  const failures: ReminderFailure[] = [];
  for (const input of inputs) {
    try {
      items.push(...dueReminders(input));
    } catch (e) {
      failures.push({ issueId: input.epic.issueId, key: input.epic.key, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { items, failures };
}

/** The items still to send: recipients already told about an item (per the store) are dropped, then items nobody is left to tell. */
export function withoutSent(items: readonly ReminderItem[], wasSent: (key: string, accountId: string) => boolean): ReminderItem[] {
  return items.map((item) => ({ ...item, recipients: item.recipients.filter((id) => !wasSent(item.key, id)) })).filter((item) => item.recipients.length > 0);
}

/**
 * When the current delivery owner was named: the latest history change of the "delivery owner" field,
 * if it named someone (diffRecords writes one whenever the owner changes). Undefined when the history
 * never did, or the last such change cleared the owner.
 */
export function ownerNamedAt(history: readonly Pick<HistoryEntry, 'at' | 'version' | 'changes'>[]): string | undefined {
  const latest = [...history]
    .sort((a, b) => a.version - b.version)
    .reverse()
    .find((e) => e.changes.some((c) => c.field === 'delivery owner'));
  const change = latest?.changes.find((c) => c.field === 'delivery owner');
  return change && change.to !== undefined ? latest?.at : undefined;
}

// ---- what is due next (the panel) ------------------------------------------------------------------
export interface UpcomingReminder {
  kind: ReminderKind;
  /** The day it would fall due if nothing changes. */
  on: string;
  sentence: string;
}

/** Reminders that will fall due after today if nothing changes, earliest first; what is due today is dueReminders'. */
export function upcomingReminders(input: ReminderInput): UpcomingReminder[] {
  const { record, settings, today } = input;
  if (!record) return [];
  const out: UpcomingReminder[] = [];
  const add = (kind: ReminderKind, on: string | undefined, text: string) => {
    if (on && on > today) out.push({ kind, on, sentence: `On ${on}: ${text}` });
  };
  const done = input.epic.statusCategory === 'done';
  const owner = record.ownership.deliveryOwner;
  const open = computeReadiness(record, { key: input.epic.key, statusCategory: input.epic.statusCategory, today }, input.policy).openQuestions;
  const close = record.pilot.actualCloseDate ?? record.pilot.plannedCloseDate;
  if (!done && close && open > 0) {
    const n = settings.pilotClosing.days;
    if (settings.pilotClosing.enabled) add('pilot-closing', addDays(close, -n), `the pilot closes in ${plural(n, 'day')}; champion and delivery owner are reminded if questions are still open.`);
    if (settings.pilotClosed.enabled) add('pilot-closed', close, 'the pilot closes; the delivery owner is reminded if questions are still open.');
  }
  if (settings.conditionReview.enabled) {
    for (const c of record.conditions) {
      if (c.decision.status === 'permanent') add('condition-review', c.decision.reviewDate, `the review of the permanent pilot condition "${c.name}" falls due.`);
    }
  }
  if (settings.kpiReview.enabled) {
    for (const kpi of record.kpis) {
      if (kpi.status === 'agreed') add('kpi-review', nextReviewDate(kpi, today), `the delivery owner is reminded of the review of ${kpi.name} if it has no reading by then.`);
    }
  }
  const named = input.ownerNamedAt ? utcDateOf(input.ownerNamedAt) : undefined;
  if (settings.ownerNotAccepted.enabled && !done && owner && named && input.policy.requireOwnerAcceptance && !ownerAccepted(record)) {
    add('owner-not-accepted', addDays(named, settings.ownerNotAccepted.days), `${owner.displayName} is reminded to accept delivery ownership, if not accepted by then.`);
  }
  const lastChange = utcDateOf(input.lastChangeAt ?? record.updated.at);
  if (settings.stalled.enabled && !done && !isEmpty(record) && lastChange) {
    add('stalled', addDays(lastChange, input.stallDays), 'the handoff counts as stalled if nothing changes before then.');
  }
  return out.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind)));
}

// ---- wiring helpers ----------------------------------------------------------------------------------
/**
 * The input for one epic from what the daily run, the summary and the panel have: the record (with its
 * readings digest and the day the owner was named) and the project's settings.
 */
export function reminderInputFor(epic: ReminderEpic, record: HandoffRecord | null, settings: ProjectSettings, today: string): ReminderInput {
  const named = record?.ownership.named?.at;
  return {
    epic,
    record,
    settings: settings.reminders,
    policy: readinessPolicy(settings),
    stallDays: settings.stallDays,
    readings: digestReadings(record),
    ...(named ? { ownerNamedAt: named } : {}),
    today,
  };
}

/**
 * The first day on which any reminder of this epic is or becomes due if nothing changes, '' when none
 * ever will: what the searchable summary indexes so the daily run finds its epics with one JQL search.
 * An item already due (sent or not) keeps it at or before today, so the run sees the epic and its ledger
 * decides; every later date is one dueReminders will reach on that day.
 */
export function firstReminderOn(input: ReminderInput): string {
  const dates = [...dueReminders(input).map((i) => i.dueSince), ...upcomingReminders(input).map((u) => u.on)];
  return dates.reduce((a, b) => (a === '' || b < a ? b : a), '');
}
