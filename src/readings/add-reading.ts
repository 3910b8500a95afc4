/**
 * Adding a KPI reading, from the panel (an editor of the epic) or the KPI feed (a token of the epic's
 * project): through the one change path, so it is permission-checked, validated, versioned and audited like
 * every change. The reading is stored outside the record, in the record's own transaction; the record keeps
 * the KPI's digest (count, latest). Readings are refused when dated after the caller's today.
 */
import { randomUUID } from 'node:crypto';
import * as commands from '../domain/commands';
import { READING_LIMITS, readingDateProblem, type KpiReading, type KpiReadingInput, type ReadingRecorded } from '../domain/kpi-reading';
import { isoToday } from '../domain/dates';
import { clip } from '../domain/sentences';
import type { RecordChange } from '../domain/history';
import type { HandoffView } from '../shared/contract';
import { applyChange, changeHandoff, type ChangeRequest, type LoadedHandoff } from '../handoff';
import { readingEntry } from '../storage';
import { AppError, type CallContext } from '../kernel';

export interface ReadingChange {
  baseVersion: number | 'latest';
  kpiId: string;
  reading: KpiReadingInput;
}

export function addKpiReading(ctx: CallContext, change: ReadingChange): Promise<HandoffView> {
  return changeHandoff(ctx, readingRequest(ctx, change, (loaded, at) => ({ via: 'panel', by: loaded.me, at })));
}

/** The feed's change: the epic is loaded already (as the app, within the token's project). */
export function addFeedReading(ctx: CallContext, loaded: LoadedHandoff, change: ReadingChange, tokenId: string): Promise<HandoffView> {
  return applyChange(ctx, loaded, readingRequest(ctx, change, (_loaded, at) => ({ via: 'feed', tokenId, at })));
}

function readingRequest(ctx: CallContext, change: ReadingChange, recordedBy: (loaded: LoadedHandoff, at: string) => ReadingRecorded): ChangeRequest {
  const tooLate = readingDateProblem(change.reading.date, isoToday(new Date(), ctx.timezone));
  if (tooLate) throw new AppError('VALIDATION', tooLate, { fieldErrors: { 'reading.date': tooLate } });
  // The reading is built once the change applies (inside the change path, after the permission check).
  let reading: KpiReading | undefined;
  let issueId = '';
  let kpiName = '';
  return {
    action: 'addKpiReading',
    baseVersion: change.baseVersion,
    apply: (record, cmd, loaded) => {
      const outcome = commands.addKpiReading(record, change.kpiId, change.reading, cmd, READING_LIMITS.perKpi);
      if (outcome.ok) {
        reading ??= { ...change.reading, id: randomUUID().replace(/-/g, '').slice(0, 12), kpiId: change.kpiId, recorded: recordedBy(loaded, cmd.now) };
        issueId = loaded.epic.id;
        kpiName = record.kpis.find((k) => k.id === change.kpiId)?.name ?? change.kpiId;
      }
      return outcome;
    },
    changes: (): RecordChange[] => (reading ? [{ field: `KPI '${clip(kpiName, 80)}' reading`, to: readingText(reading) }] : []),
    alongside: () => (reading ? [readingEntry(issueId, reading)] : []),
  };
}

/** The reading as the audit trail exports it: every value the reading holds. */
function readingText(r: KpiReading): string {
  const parts = [`${r.date}: ${r.value}`, r.note ? `note: ${r.note}` : '', r.source ? `source: ${r.source}` : '', r.recorded.via === 'feed' ? `via the KPI feed (token ${r.recorded.tokenId})` : 'via the panel'];
  return parts.filter(Boolean).join('; ');
}
