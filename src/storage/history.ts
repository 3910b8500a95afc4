/**
 * Reading the append-only history of one epic and the audit trail of a project, one page at a time: a
 * trail grows without end, and a resolver's answer may not exceed Forge's 5 MB. Pages follow KVS's own
 * query cursor, in key order (oldest first: keys carry the zero-padded version or the ISO time).
 */
import { kvs, WhereConditions } from '@forge/kvs';
import type { AuditEntry, HistoryEntry } from '../domain/record';
import { guarded } from './errors';
import { auditKey, auditPrefix, auditPrefixesSince, historyKey, historyPrefix } from './keys';
import { compactHistory, HISTORY_ENTRY_BYTES } from './size';

/**
 * Entries a page: every stored entry is at most HISTORY_ENTRY_BYTES (compactHistory) plus the audit's
 * own fields, so a page is at most ~3.3 MB however large the entries — well inside the 5 MB response.
 */
export const TRAIL_PAGE_SIZE = 50;
/** What the audit trail adds to a history entry (project, issue id and key) at most. */
export const AUDIT_FIELDS_BYTES = 1024;
export const TRAIL_PAGE_BYTES_MAX = TRAIL_PAGE_SIZE * (HISTORY_ENTRY_BYTES + AUDIT_FIELDS_BYTES);

export interface TrailPage<T> {
  entries: T[];
  /** Where the next page starts; absent on the last page. */
  nextCursor?: string;
}

/** One page of values under a key prefix (one KVS query). */
async function readPage<T>(prefix: string, cursor?: string, limit = TRAIL_PAGE_SIZE): Promise<TrailPage<T>> {
  return guarded('read the history', async () => {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(limit);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<T>();
    return { entries: page.results.map((r) => r.value), ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });
}

/** One epic's history, oldest first. */
export const historyPage = (issueId: string, cursor?: string): Promise<TrailPage<HistoryEntry>> => readPage<HistoryEntry>(historyPrefix(issueId), cursor);

/** One project's audit trail, oldest first (keys carry the ISO time of the change). */
export const auditPage = (projectId: string, cursor?: string): Promise<TrailPage<AuditEntry>> => readPage<AuditEntry>(auditPrefix(projectId), cursor);

/**
 * Adds an event to the project's audit trail that changed no record (an epic moving into or out of Done).
 * The key is the entry's time, issue and record version: writing the same event again, as a duplicate
 * delivery does, leaves one entry.
 */
export async function appendAuditEntry(entry: AuditEntry & { issueId: string }): Promise<void> {
  await guarded('write the audit trail', () => kvs.set(auditKey(entry.projectId, entry.at, entry.issueId, entry.version), compactHistory(entry)));
}

/** KVS queries one call of auditWindowPage makes at most (each of up to 100 entries). */
export const WINDOW_READS_PER_PAGE = 10;
const WINDOW_QUERY_LIMIT = 100;

export interface AuditWindowPage {
  entries: AuditEntry[];
  /** KVS queries this page made. */
  reads: number;
  /** Where the next page starts (prefix and KVS cursor); absent on the last page. */
  next?: { prefix: number; cursor?: string };
}

/**
 * The project's audit entries from `since` (an ISO time) on, oldest first, without reading older ones:
 * the key prefixes of the days since then (auditPrefixesSince), read in turn from `from`, at most
 * WINDOW_READS_PER_PAGE queries a call. The few entries just before `since` that a prefix holds are left out.
 */
export async function auditWindowPage(projectId: string, since: string, from: { prefix: number; cursor?: string } = { prefix: 0 }): Promise<AuditWindowPage> {
  const prefixes = auditPrefixesSince(projectId, since.slice(0, 10), new Date().toISOString().slice(0, 10));
  const entries: AuditEntry[] = [];
  let { prefix, cursor } = from;
  let reads = 0;
  while (prefix < prefixes.length && reads < WINDOW_READS_PER_PAGE) {
    const page = await readPage<AuditEntry>(prefixes[prefix], cursor, WINDOW_QUERY_LIMIT);
    reads += 1;
    entries.push(...page.entries.filter((e) => typeof e?.at === 'string' && e.at >= since));
    cursor = page.nextCursor;
    if (!cursor) prefix += 1;
  }
  return { entries, reads, ...(prefix < prefixes.length ? { next: { prefix, ...(cursor ? { cursor } : {}) } } : {}) };
}

/** One entry of an epic's history: who made the change that produced `version`, and when (null when absent). */
export const historyEntry = (issueId: string, version: number): Promise<HistoryEntry | null> =>
  guarded('read the history', async () => (await kvs.get<HistoryEntry>(historyKey(issueId, version))) ?? null);
