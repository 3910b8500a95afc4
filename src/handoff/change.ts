/**
 * The one path every change to a handoff record takes:
 * permission (as the user) → load → baseVersion check → command → whole-record validation → size
 * check → versioned save with history and audit (one transaction) → publish the searchable summary → fresh view.
 * Other features (e.g. workstreams) reuse it with their own command and permission.
 */
import { diffRecords, describeChange } from '../domain/history';
import { emptyRecord, HandoffRecord, type HistoryEntry } from '../domain/record';
import { idsOf, shortId, type CommandContext, type CommandResult } from '../domain/commands';
import { isLocked, lockedMessage, settleReopening } from '../domain/done';
import type { JiraPermission } from '../jira/types';
import type { HandoffView } from '../shared/contract';
import { assertRecordFits, saveRecord, type Conflict } from '../storage';
import { AppError, validationError } from '../resolvers/errors';
import type { CallContext } from '../resolvers/context';
import { loadHandoff, type LoadedHandoff } from './load';
import { syncSummary, workstreamCounts } from '../summary/sync';
import { buildView, viewReadiness } from './view';

export interface ChangeRequest {
  /** Resolver name; names the change in history ("Decided a pilot condition: ..."). */
  action: string;
  baseVersion: number;
  /** Defaults to EDIT_ISSUES. */
  permission?: JiraPermission;
  /** Applies the change; may call Jira (e.g. to resolve a named user) through `loaded`. */
  apply: (record: HandoffRecord, cmd: CommandContext, loaded: LoadedHandoff) => CommandResult | Promise<CommandResult>;
}

export async function changeHandoff(ctx: CallContext, request: ChangeRequest): Promise<HandoffView> {
  const loaded = await loadHandoff(ctx, request.permission ?? 'EDIT_ISSUES');
  const { epic, record: before, version, me } = loaded;
  // Done is a milestone: a Done epic's handoff takes no change until an editor reopens it.
  if (request.action !== 'reopenHandoff' && isLocked(before, epic.statusCategory)) throw new AppError('LOCKED', lockedMessage(epic.key));
  if (request.baseVersion !== version) throw conflictError(conflictOf(loaded), ctx.timezone);

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

  const changes = diffRecords(before, next);
  const history: HistoryEntry = { version: next.version, at: now, by: me, action: request.action, summary: describeChange(request.action, changes), changes };
  // The summary's workstream counts are searched while the save runs: they do not depend on it.
  const counts = workstreamCounts(ctx.appJira, epic.id, next, loaded.published).catch(() => undefined);
  const saved = await saveRecord({ issueId: epic.id, issueKey: epic.key, projectId: epic.projectId, baseVersion: version, record: next, history });
  if (!saved.ok) throw conflictError(saved.conflict, ctx.timezone);

  const { settings, published } = loaded;
  const live = await counts;
  await syncSummary(ctx.appJira, { epic, record: next, settings, published }, live ?? (() => workstreamCounts(ctx.appJira, epic.id, next, published)));
  return buildView({ ...loaded, record: next, timezone: ctx.timezone });
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

export function conflictError(conflict: Conflict, timezone: string): AppError {
  return new AppError('CONFLICT', conflictMessage(conflict, timezone), { conflict });
}

