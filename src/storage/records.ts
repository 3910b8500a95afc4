/**
 * Handoff records: one `handoff` entity per epic plus its append-only history and the project's audit
 * trail, written together in one KVS transaction so a save is all-or-nothing.
 */
import { kvs } from '@forge/kvs';
import { HandoffRecord, type AuditEntry, type HistoryEntry, type UserRef } from '../domain/record';
import type { AuditReadiness } from '../domain/flow-history';
import { guarded, StorageError } from './errors';
import { versionCondition } from './versions';
import { auditKey, HANDOFF_ENTITY, handoffKey, historyKey } from './keys';
import { assertRecordFits, compactHistory } from './size';

/** What the `handoff` entity holds (attributes declared in manifest.yml `app.storage.entities`). */
export interface HandoffEntity {
  version: number;
  projectId: string;
  /** Epoch ms of the last save, indexed for project-wide queries: a `float` attribute (`integer` is 32-bit). */
  updatedAt: number;
  record: HandoffRecord;
}

export interface StoredRecord {
  record: HandoffRecord;
  version: number;
}

export interface Conflict {
  version: number;
  by: UserRef;
  at: string;
  /** The item the refused change ran into, in words, when it was one item (not the whole record). */
  item?: { label: string; removed: boolean };
}

export type SaveOutcome = { ok: true } | { ok: false; conflict: Conflict };

export interface SaveRecordInput {
  issueId: string;
  issueKey: string;
  projectId: string;
  /** The version the change was based on; 0 when the epic had no record. */
  baseVersion: number;
  /** The next record; its version must be baseVersion + 1. */
  record: HandoffRecord;
  history: HistoryEntry;
  /** Plain keys written in the same transaction (a KPI reading beside the record's digest of it). */
  alongside?: ReadonlyArray<{ key: string; value: unknown }>;
  /** Readiness before and after this change, for the audit entry (days at a level, trends, flow metrics). */
  readiness?: AuditReadiness;
}

const entity = () => kvs.entity<HandoffEntity>(HANDOFF_ENTITY);

export async function loadRecord(issueId: string): Promise<StoredRecord | null> {
  const stored = await guarded('read the handoff record', () => entity().get(handoffKey(issueId)));
  return stored ? parseStoredRecord(issueId, stored) : null;
}

/** Validates what storage holds: a record that does not parse is an error, never a silent empty record. */
export function parseStoredRecord(issueId: string, stored: HandoffEntity): StoredRecord {
  const parsed = HandoffRecord.safeParse(stored.record);
  if (!parsed.success) throw new StorageError(`The stored handoff record of issue ${issueId} is unreadable`);
  return { record: parsed.data, version: stored.version };
}

/** Writes only if nobody saved since baseVersion; otherwise reports who did and when. */
export async function saveRecord(input: SaveRecordInput): Promise<SaveOutcome> {
  const { issueId, baseVersion, record } = input;
  if (record.version !== baseVersion + 1) throw new StorageError(`Record version ${record.version} does not follow base version ${baseVersion}`);
  assertRecordFits(record);
  const history = compactHistory(input.history);
  const audit: AuditEntry = compactHistory({ ...history, projectId: input.projectId, issueId, issueKey: input.issueKey, ...(input.readiness ? { readiness: input.readiness } : {}) });
  const value: HandoffEntity = { version: record.version, projectId: input.projectId, updatedAt: Date.parse(history.at) || Date.now(), record };
  const condition = versionCondition<HandoffEntity>(baseVersion);
  try {
    let tx = kvs
      .transact()
      .set(handoffKey(issueId), value, { entityName: HANDOFF_ENTITY, conditions: condition })
      .set(historyKey(issueId, record.version), history)
      .set(auditKey(input.projectId, history.at, issueId, record.version), audit);
    for (const extra of input.alongside ?? []) tx = tx.set(extra.key, extra.value);
    await tx.execute();
    return { ok: true };
  } catch (e) {
    // Whatever the platform calls a failed condition, the stored version tells us whether it was one.
    const current = await loadRecord(issueId).catch(() => undefined);
    if (current !== undefined && (current?.version ?? 0) !== baseVersion) return { ok: false, conflict: conflictOf(current) };
    throw new StorageError(`Could not save the handoff record: ${e instanceof Error ? e.message : String(e)}`, e, 'save the handoff record');
  }
}

function conflictOf(current: StoredRecord | null): Conflict {
  if (!current) return { version: 0, by: { accountId: 'unknown', displayName: 'Someone' }, at: new Date().toISOString() };
  return { version: current.version, by: current.record.updated.by, at: current.record.updated.at };
}
