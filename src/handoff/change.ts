/**
 * The one path every change to a handoff record takes, whoever asks (the panel's resolvers, workstream
 * creation linking its issues, reopening a Done epic's handoff):
 * permission (as the user) → load → lock (a Done epic's handoff takes no change until reopened) → version
 * check → pure command → whole-record validation → size check → one transaction with the record, its
 * history and the audit entry → the searchable summary written if it differs → the fresh view.
 */
import { diffRecords, describeChange, type RecordAction, type RecordChange } from '../domain/history';
import { emptyRecord, HandoffRecord, type HistoryEntry } from '../domain/record';
import { idsOf, shortId, type CommandContext, type CommandResult } from '../domain/commands';
import { isLocked, lockedMessage, settleReopening } from '../domain/done';
import { trailReadiness } from '../domain/flow-history';
import type { WorkstreamFacts } from '../domain/readiness-types';
import type { JiraPermission } from '../jira';
import type { HandoffView } from '../shared/contract';
import { assertRecordFits, loadRecord, saveRecord, type Conflict } from '../storage';
import { AppError, validationError, type CallContext } from '../kernel';
import { syncSummary, workstreamCounts } from '../summary';
import { loadHandoff, type LoadedHandoff } from './load';
import { buildView, viewReadiness } from './view';

export interface ChangeRequest {
  /** Names the change in history ("Decided a pilot condition: ..."). */
  action: RecordAction;
  /**
   * The version the user's edit was based on (a newer one is a CONFLICT), or 'latest' for a change the app
   * makes on the user's behalf with no edited version (linking workstream issues): it is applied to the
   * newest record and, if a save slips in, re-applied to that one.
   */
  baseVersion: number | 'latest';
  /** What `changeHandoff` checks as the caller; defaults to EDIT_ISSUES (acceptOwnership needs browse only). */
  permission?: JiraPermission;
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
 * production, which is what follows Done).
 */
const TAKEN_WHILE_LOCKED: readonly RecordAction[] = ['reopenHandoff', 'addKpiReading'];

/** How often a 'latest' change is re-applied after a save slipped in before it is refused as a CONFLICT. */
const LATEST_TRIES = 4;

export async function changeHandoff(ctx: CallContext, request: ChangeRequest): Promise<HandoffView> {
  return applyChange(ctx, await loadHandoff(ctx, request.permission ?? 'EDIT_ISSUES'), request);
}

/** The path from a loaded handoff on: for a caller that has loaded it already, checking the permission it needed (workstream creation: create issues). */
export async function applyChange(ctx: CallContext, loaded: LoadedHandoff, request: ChangeRequest): Promise<HandoffView> {
  for (let attempt = 1; ; attempt++) {
    const outcome = await saveChange(ctx, loaded, request);
    if (outcome.ok) return outcome.view;
    if (request.baseVersion !== 'latest' || attempt >= LATEST_TRIES) throw conflictError(outcome.conflict, ctx.timezone);
    const latest = await loadRecord(loaded.epic.id);
    loaded = { ...loaded, record: latest?.record ?? null, version: latest?.version ?? 0 };
  }
}

type SaveAttempt = { ok: true; view: HandoffView } | { ok: false; conflict: Conflict };

async function saveChange(ctx: CallContext, loaded: LoadedHandoff, request: ChangeRequest): Promise<SaveAttempt> {
  const { epic, record: before, version, me, settings, published } = loaded;
  // Done is a milestone: a Done epic's handoff takes no change until an editor reopens it.
  if (!TAKEN_WHILE_LOCKED.includes(request.action) && isLocked(before, epic.statusCategory)) throw new AppError('LOCKED', lockedMessage(epic.key));
  if (request.baseVersion !== 'latest' && request.baseVersion !== version) return { ok: false, conflict: conflictOf(loaded) };

  const now = new Date().toISOString();
  const base = before ?? emptyRecord(epic.id, now, me);
  const taken = idsOf(base);
  const cmd: CommandContext = { by: me, now, newId: () => { const id = shortId(taken); taken.add(id); return id; } };
  const outcome = await request.apply(base, cmd, loaded);
  if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.fieldErrors ? { fieldErrors: outcome.error.fieldErrors } : {});

  // A reopened handoff locks again with the first change after which every question is decided.
  const changed = request.action === 'reopenHandoff' ? outcome.record : settleReopening(outcome.record, viewReadiness({ ...loaded, record: outcome.record, timezone: ctx.timezone }));
  const parsed = HandoffRecord.safeParse({ ...changed, issueId: epic.id, version: version + 1, createdAt: before?.createdAt ?? now, updated: { by: me, at: now } });
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
  if (!saved.ok) return { ok: false, conflict: saved.conflict };

  const live = await counts;
  await syncSummary(ctx.appJira, { epic, record: next, settings, published }, live ?? (() => workstreamCounts(ctx.appJira, epic.id, next, published)));
  return { ok: true, view: buildView({ ...loaded, record: next, timezone: ctx.timezone }, after) };
}

function conflictOf(loaded: LoadedHandoff): Conflict {
  const r = loaded.record;
  return r ? { version: r.version, by: r.updated.by, at: r.updated.at } : { version: 0, by: loaded.me, at: new Date().toISOString() };
}

/** "Lee Lead saved a newer version of this handoff at 17:03 (version 6). ..." in the caller's time zone. */
export function conflictMessage(conflict: Conflict, timezone: string, now: Date = new Date()): string {
  const when = formatWhen(conflict.at, timezone, now);
  if (conflict.version === 0) return 'This handoff has no saved version yet (someone may have removed it). Your changes are still on screen: review and save again.';
  return `${conflict.by.displayName} saved a newer version of this handoff ${when} (version ${conflict.version}). Your changes are still on screen: review and save again.`;
}

function formatWhen(at: string, timezone: string, now: Date): string {
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return 'recently';
  const zone = safeZone(timezone);
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(date);
  return day(date) === day(now) ? `at ${time}` : `on ${day(date)} at ${time}`;
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

