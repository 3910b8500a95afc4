/** Reading the append-only history of one epic and the audit trail of a project. */
import { kvs, WhereConditions } from '@forge/kvs';
import type { HistoryEntry } from '../domain/record';
import { guarded } from './errors';
import { auditPrefix, historyPrefix } from './keys';
import type { AuditEntry } from './records';

const PAGE = 100;

/** Every value under a key prefix, in key order (KVS pages hold at most 100). */
export async function listByPrefix<T>(prefix: string, maxItems = 100_000): Promise<T[]> {
  return guarded('read the history', async () => {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(PAGE);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<T>();
      out.push(...page.results.map((r) => r.value));
      cursor = page.nextCursor;
    } while (cursor && out.length < maxItems);
    return out.slice(0, maxItems);
  });
}

/** Oldest first (keys carry the zero-padded version). */
export const listHistory = (issueId: string): Promise<HistoryEntry[]> => listByPrefix<HistoryEntry>(historyPrefix(issueId));

/** Oldest first (keys carry the ISO time of the change). */
export const listAudit = (projectId: string, maxItems?: number): Promise<AuditEntry[]> => listByPrefix<AuditEntry>(auditPrefix(projectId), maxItems);
