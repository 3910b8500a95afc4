/**
 * An epic's record and its project's settings in ONE KVS request (a batch get over both entities):
 * what the gate, the panel's reads and the issue-event trigger all start from. A gate decision thus
 * costs one Jira request and one KVS read.
 */
import { kvs } from '@forge/kvs';
import type { ProjectSettings } from '../domain/policy';
import { guarded, StorageError } from './errors';
import { HANDOFF_ENTITY, handoffKey, SETTINGS_ENTITY, settingsKey } from './keys';
import { parseStoredRecord, type HandoffEntity, type StoredRecord } from './records';
import { parseStoredSettings, type SettingsEntity } from './settings';

export interface RecordAndSettings {
  record: StoredRecord | null;
  settings: ProjectSettings;
}

export async function loadRecordAndSettings(issueId: string, projectId: string): Promise<RecordAndSettings> {
  const items = [
    { entityName: HANDOFF_ENTITY, key: handoffKey(issueId) },
    { entityName: SETTINGS_ENTITY, key: settingsKey(projectId) },
  ];
  const result = await guarded('read the handoff record and project settings', () => kvs.batchGet<unknown>(items));
  // A missing key is absence; any other per-key failure means we could not read, and the gate fails closed.
  const failure = result.failedKeys.find((f) => f.error?.code !== 'KEY_NOT_FOUND');
  if (failure) throw new StorageError(`Could not read ${failure.entityName ?? 'key'} ${failure.key}: ${failure.error?.message ?? failure.error?.code}`);
  const found = (entityName: string, key: string) => result.successfulKeys.find((s) => s.entityName === entityName && s.key === key)?.value;
  const record = found(HANDOFF_ENTITY, handoffKey(issueId)) as HandoffEntity | undefined;
  const settings = found(SETTINGS_ENTITY, settingsKey(projectId)) as SettingsEntity | undefined;
  return { record: record ? parseStoredRecord(issueId, record) : null, settings: parseStoredSettings(projectId, settings) };
}

/** At most this many keys in one KVS batch. */
const BATCH_MAX = 25;

/**
 * The records of several epics, in one KVS batch read per 25 (in parallel). The answer maps each issue id
 * to its record, or to null when it has none; an id whose record could not be read (or parsed) is left out.
 */
export async function loadRecords(issueIds: readonly string[]): Promise<Map<string, StoredRecord | null>> {
  const chunks: string[][] = [];
  for (let i = 0; i < issueIds.length; i += BATCH_MAX) chunks.push(issueIds.slice(i, i + BATCH_MAX));
  const read = await Promise.all(chunks.map((ids) => guarded('read handoff records', () => kvs.batchGet<HandoffEntity>(ids.map((id) => ({ entityName: HANDOFF_ENTITY, key: handoffKey(id) }))))));
  const out = new Map<string, StoredRecord | null>();
  for (const result of read) {
    for (const miss of result.failedKeys) if (miss.error?.code === 'KEY_NOT_FOUND') out.set(miss.key, null);
    for (const hit of result.successfulKeys) {
      try {
        out.set(hit.key, parseStoredRecord(hit.key, hit.value));
      } catch {
        // Unreadable: left out, so nobody rewrites a summary from a record the app cannot read.
      }
    }
  }
  return out;
}
