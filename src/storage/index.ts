/**
 * Storage adapter: the only module that knows KVS keys, entities and versions.
 * Records: loadRecord / saveRecord (versioned, one transaction with history + audit).
 * Reads: listHistory (one epic), listAudit (one project). Settings: loadSettings / saveSettings.
 * Locks: acquireLock / releaseLock (TTL-bounded; an expired lock counts as free).
 */
export { loadRecord, saveRecord, type AuditEntry, type Conflict, type HandoffEntity, type SaveOutcome, type SaveRecordInput, type StoredRecord } from './records';
export { listAudit, listHistory, listByPrefix } from './history';
export { loadSettings, saveSettings, type SaveSettingsOutcome } from './settings';
export { loadRecordAndSettings, type RecordAndSettings } from './record-and-settings';
export { acquireLock, releaseLock, type HeldLock } from './locks';
export { StorageError, TooLargeError } from './errors';
export { assertRecordFits, byteLength } from './size';
export * as storageKeys from './keys';
