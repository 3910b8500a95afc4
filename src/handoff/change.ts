/**
 * The one path every change to a handoff record takes, whoever asks (the panel's resolvers, workstream
 * creation linking its issues, reopening a Done epic's handoff):
 * permission (as the user) → load → lock (a Done epic's handoff takes no change until reopened) → version
 * check → pure command → whole-record validation → size check → one transaction with the record, its
 * history and the audit entry → the searchable summary written if it differs → the fresh view.
 */
import { diffRecords, describeChange, type RecordAction, type RecordChange } from '../domain/history';
import { humanDate } from '../domain/dates';
import { changedItems, itemLabel, itemSnapshots, removedSince, stampItems, staleItem, type StaleItem } from '../domain/item-versions';
import { emptyRecord, HandoffRecord, type HistoryEntry } from '../domain/record';
import { idsOf, shortId, type CommandContext, type CommandResult } from '../domain/commands';
import { fillsMissingCloseDate, isLocked, lockedMessage, settleReopening } from '../domain/done';
import { trailReadiness } from '../domain/flow-history';
import type { WorkstreamFacts } from '../domain/readiness-types';
import type { JiraPermission } from '../jira';
import type { HandoffView } from '../shared/contract';
import { assertRecordFits, historyEntry, loadRecord, saveRecord, type Conflict } from '../storage';
import { AppError, validationError, type CallContext } from '../kernel';
import { syncSummary, workstreamCounts } from '../summary';
import { loadHandoff, type LoadedHandoff } from './load';
import { buildView, viewReadiness } from './view';

export interface ChangeRequest {
  /** Names the change in history ("Decided a pilot condition: ..."). */
  action: RecordAction;
  /**
   * The version the user's edit was based on, or 'latest' for a change the app makes on the user's behalf
   * with no edited version (linking workstream issues). Either way the change is applied to the newest
   * record; based on an older version it is a CONFLICT only when an item it changes changed since then
   * (src/domain/item-versions.ts). A save that slips in meanwhile makes it try again on that one.
   */
  baseVersion: number | 'latest';
  /** What `changeHandoff` checks as the caller; defaults to EDIT_ISSUES (acceptOwnership needs browse only). */
  permission?: JiraPermission;
  /** The existing item the change is about (itemKey), if any: an edit of it after someone removed it says who did. */
  target?: string;
  /** Applies the change; may call Jira (e.g. to resolve a named user) through `loaded`. */
  apply: (record: HandoffRecord, cmd: CommandContext, loaded: LoadedHandoff) => CommandResult | Promise<CommandResult>;
  /** The live workstream counts, when the caller has just counted them (the summary then needs no search). */
  workstreams?: WorkstreamFacts;
  /** What the change did beyond the record's own fields, for history and audit (a KPI reading's values). */
  changes?: () => RecordChange[];
  /** Plain keys written in the record's transaction (a KPI reading, stored outside the record). */
  alongside?: () => Array<{ key: string; value: unknown }>;
}

/**
 * Changes a Done epic's locked handoff still takes: reopening it, and KPI readings (the KPIs govern
 * production, which is what follows Done). Recording a missing close date is judged on what it changes.
 */
const TAKEN_WHILE_LOCKED: readonly RecordAction[] = ['reopenHandoff', 'addKpiReading'];

/** How often a change is applied again after a save slipped in between its read and its write. */
const TRIES = 5;

export async function changeHandoff(ctx: CallContext, request: ChangeRequest): Promise<HandoffView> {
  return applyChange(ctx, await loadHandoff(ctx, request.permission ?? 'EDIT_ISSUES'), request);
}

/** The path from a loaded handoff on: for a caller that has loaded it already, checking the permission it needed (workstream creation: create issues). */
export async function applyChange(ctx: CallContext, loaded: LoadedHandoff, request: ChangeRequest): Promise<HandoffView> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await saveChange(ctx, loaded, request);
    if (outcome.ok) return outcome.view;
    if (!outcome.raced || attempt >= TRIES) throw conflictError(outcome.conflict, ctx.timezone);
    const latest = await loadRecord(loaded.epic.id);
    loaded = { ...loaded, record: latest?.record ?? null, version: latest?.version ?? 0 };
  }
}

/** A refusal says who changed what and when; `raced` when a save slipped in after this one read the record (worth a retry). */
type SaveAttempt = { ok: true; view: HandoffView } | { ok: false; conflict: Conflict; raced: boolean };

async function saveChange(ctx: CallContext, loaded: LoadedHandoff, request: ChangeRequest): Promise<SaveAttempt> {
  const { epic, record: before, version, me, settings, published } = loaded;
  const baseVersion = request.baseVersion === 'latest' ? version : request.baseVersion;
  // Done is a milestone: a Done epic's handoff takes no change until an editor reopens it (KPI readings and recording a missing close date aside).
  const locked = !TAKEN_WHILE_LOCKED.includes(request.action) && isLocked(before, epic.statusCategory);
  // A version the record never reached (it was removed and started again): nothing to merge with.
  if (baseVersion > version) {
    if (locked) throw new AppError('LOCKED', lockedMessage(epic.key));
    return { ok: false, conflict: conflictOf(loaded), raced: false };
  }

  const now = new Date().toISOString();
  const base = before ?? emptyRecord(epic.id, now, me);
  const taken = idsOf(base);
  const cmd: CommandContext = { by: me, now, newId: () => { const id = shortId(taken); taken.add(id); return id; } };
  const outcome = await request.apply(base, cmd, loaded);
  if (locked && !(outcome.ok && fillsMissingCloseDate(before, outcome.record))) throw new AppError('LOCKED', lockedMessage(epic.key));
  if (!outcome.ok) {
    // An edit of an item someone removed after the editor's version: say who removed it, not "not found".
    const removed = outcome.error.code === 'NOT_FOUND' && before && request.target ? removedSince(before, request.target, baseVersion) : undefined;
    if (removed) return { ok: false, conflict: await itemConflict(loaded, removed), raced: false };
    throw new AppError(outcome.error.code, outcome.error.message, outcome.error.fieldErrors ? { fieldErrors: outcome.error.fieldErrors } : {});
  }
  // Judged on what the editor's change does, before the app settles a reopening on its own.
  const touched = changedItems(before, outcome.record);
  const stale = before && baseVersion < version ? staleItem(before, touched, baseVersion) : undefined;
  if (stale) return { ok: false, conflict: await itemConflict(loaded, stale), raced: false };

  // A reopened handoff locks again with the first change after which every question is decided.
  const changed = request.action === 'reopenHandoff' ? outcome.record : settleReopening(outcome.record, viewReadiness({ ...loaded, record: outcome.record, timezone: ctx.timezone }));
  const stamped = { ...changed, issueId: epic.id, version: version + 1, createdAt: before?.createdAt ?? now, updated: { by: me, at: now } };
  const parsed = HandoffRecord.safeParse({ ...stamped, itemVersions: stampItems(before, stamped, changedItems(before, changed)) });
  if (!parsed.success) throw validationError(parsed.error);
  const next = parsed.data;
  assertRecordFits(next);

  const changes = [...(request.changes?.() ?? []), ...diffRecords(before, next)];
  // The app's own change that changes nothing (the issues were linked already) leaves no version behind.
  if (request.baseVersion === 'latest' && before && changes.length === 0) return { ok: true, view: buildView({ ...loaded, timezone: ctx.timezone }) };
  const history: HistoryEntry = { version: next.version, at: now, by: me, action: request.action, summary: describeChange(request.action, changes), changes };
  // The audit entry keeps the readiness before and after the change: the trail alone then tells when an
  // initiative reached each level (days at a level, the report's trend, flow metrics).
  const after = viewReadiness({ ...loaded, record: next, timezone: ctx.timezone });
  const readiness = trailReadiness(viewReadiness({ ...loaded, record: before, timezone: ctx.timezone }), after);
  // The summary's workstream counts are searched while the save runs: they do not depend on it.
  const counts = request.workstreams ?? workstreamCounts(ctx.appJira, epic.id, next, published).catch(() => undefined);
  const saved = await saveRecord({ issueId: epic.id, issueKey: epic.key, projectId: epic.projectId, baseVersion: version, record: next, history, readiness, alongside: request.alongside?.() ?? [] });
  if (!saved.ok) return { ok: false, conflict: saved.conflict, raced: true };

  const live = await counts;
  const { summary } = await syncSummary(ctx.appJira, { epic, record: next, settings, published }, live ?? (() => workstreamCounts(ctx.appJira, epic.id, next, published)));
  const workstreams = summary ? { total: summary.workstreamsTotal, done: summary.workstreamsDone, subtasksTotal: summary.subtasksTotal, subtasksDone: summary.subtasksDone } : live;
  // The live counts can change the readiness computed before the save: then it is computed again with them.
  return { ok: true, view: buildView({ ...loaded, record: next, timezone: ctx.timezone, ...(workstreams ? { workstreams } : {}) }, workstreams ? undefined : after) };
}

/** Who changed the item and when, from the history entry of the version that changed it (the record's last save if that cannot be read). */
async function itemConflict(loaded: LoadedHandoff, stale: StaleItem): Promise<Conflict> {
  const entry = stale.version === loaded.version ? null : await historyEntry(loaded.epic.id, stale.version).catch(() => null);
  const fallback = conflictOf(loaded);
  const removed = !itemSnapshots(loaded.record).has(stale.key);
  return {
    ...(entry ? { version: entry.version, by: entry.by, at: entry.at } : fallback),
    item: { label: itemLabel(stale.key, [loaded.record]), removed },
  };
}

function conflictOf(loaded: LoadedHandoff): Conflict {
  const r = loaded.record;
  return r ? { version: r.version, by: r.updated.by, at: r.updated.at } : { version: 0, by: loaded.me, at: new Date().toISOString() };
}

/**
 * "Lee Lead changed the decision on “X” at 17:03, after you opened it. ..." in the caller's time zone; a
 * conflict that names no item says the handoff changed.
 */
export function conflictMessage(conflict: Conflict, timezone: string, now: Date = new Date()): string {
  const when = formatWhen(conflict.at, timezone, now);
  const keep = 'Your changes are still on screen: review theirs and save again.';
  if (conflict.version === 0) return 'This handoff has no saved version yet (someone may have removed it). Your changes are still on screen: review and save again.';
  if (conflict.item?.removed) return `${conflict.by.displayName} removed ${conflict.item.label} ${when}, after you opened it. ${keep}`;
  if (conflict.item) return `${conflict.by.displayName} changed ${conflict.item.label} ${when}, after you opened it. ${keep}`;
  return `${conflict.by.displayName} saved a newer version of this handoff ${when}. ${keep}`;
}

function formatWhen(at: string, timezone: string, now: Date): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return 'recently';
  const zone = safeZone(timezone);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return day(date) === day(now) ? `at ${time}` : `on ${humanDate(day(date))} at ${time}`;
}

function safeZone(timezone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return timezone;
  } catch {
    return 'UTC';
  }
}

function conflictError(conflict: Conflict, timezone: string): AppError {
  return new AppError('CONFLICT', conflictMessage(conflict, timezone), { conflict });
}

