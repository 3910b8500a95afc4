/**
 * Storage adapter: the only module that knows KVS keys, entities and versions.
 * Records: loadRecord / saveRecord (versioned, one transaction with history + audit).
 * Reads, a page at a time: historyPage (one epic), auditPage (one project). Settings: loadSettings / saveSettings.
 * Locks: acquireLock / releaseLock (TTL-bounded; an expired lock counts as free).
 */
export { loadRecord, saveRecord, type Conflict, type HandoffEntity, type SaveOutcome, type SaveRecordInput, type StoredRecord } from './records';
export { auditPage, historyPage, TRAIL_PAGE_SIZE, TRAIL_PAGE_BYTES_MAX, type TrailPage } from './history';
export { loadSettings, saveSettings, type SaveSettingsOutcome } from './settings';
export { loadAllSettings } from './all-settings';
export { loadRecordAndSettings, loadRecords, type RecordAndSettings } from './record-and-settings';
export { acquireLock, releaseLock, type HeldLock } from './locks';
export { StorageError, TooLargeError } from './errors';
export { assertRecordFits, byteLength } from './size';
