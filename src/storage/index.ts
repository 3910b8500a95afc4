/**
 * Storage adapter: the only module that knows KVS keys, entities and versions.
 * Records: loadRecord / saveRecord (versioned, one transaction with history + audit).
 * Reads, a page at a time: historyPage (one epic), auditPage (one project), auditWindowPage (one project since a time, by key prefix); appendAuditEntry for an event that changed no record. Settings: loadSettings / saveSettings.
 * The report: loadReportFacts (settings + remembered epic types, one batch) / rememberEpicTypeIds; the portfolio's
 * remembered epic types of the site: loadPortfolioEpicTypeIds / rememberPortfolioEpicTypeIds.
 * Locks: acquireLock / releaseLock (TTL-bounded; an expired lock counts as free).
 */
export { loadRecord, saveRecord, type Conflict, type HandoffEntity, type SaveOutcome, type SaveRecordInput, type StoredRecord } from './records';
export { appendAuditEntry, auditPage, auditWindowPage, historyEntry, historyPage, TRAIL_PAGE_SIZE, TRAIL_PAGE_BYTES_MAX, type AuditWindowPage, type TrailPage } from './history';
export { loadSettings, saveSettings, type SaveSettingsOutcome } from './settings';
export { loadAllSettings } from './all-settings';
export { loadRecordAndSettings, loadRecords, type RecordAndSettings } from './record-and-settings';
export { loadPortfolioEpicTypeIds, loadReportFacts, rememberEpicTypeIds, rememberPortfolioEpicTypeIds, type ReportFacts } from './report-facts';
export { acquireLock, releaseLock, type HeldLock } from './locks';
export { StorageError, TooLargeError } from './errors';
export { assertRecordFits, byteLength } from './size';
export { readingEntry, readingsPage, READINGS_PAGE_SIZE } from './readings';
export { claim, confirmSent, readLedger, release, type LedgerEntry, type LedgerRef } from './reminder-ledger';
export { createFeedToken, findFeedToken, hashToken, listFeedTokens, revokeFeedToken, TooManyTokensError, type FeedTokenLookup, type FeedTokenRecord } from './feed-tokens';
export { markRescan, rescanProjects, clearRescan } from './rescan';
export { reminderKey } from './keys';
