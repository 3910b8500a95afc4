/**
 * KPI readings: one plain key each, outside the handoff record (readings grow with time; the record keeps a
 * bounded digest of them). A reading is written in the same transaction as the record's new version, its
 * history and its audit entry (records.ts `alongside`), so it is versioned and audited like every change
 * and two readings never race: the second save's version condition fails and it is applied again.
 * Read a KPI's readings a page at a time, in date order.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { KpiReading } from '../domain/kpi-reading';
import { guarded } from './errors';
import { readingKey, readingPrefix } from './keys';

export const READINGS_PAGE_SIZE = 100;

export const readingEntry = (issueId: string, reading: KpiReading): { key: string; value: KpiReading } => ({ key: readingKey(issueId, reading.kpiId, reading.date, reading.id), value: reading });

export async function readingsPage(issueId: string, kpiId: string, cursor?: string): Promise<{ readings: KpiReading[]; nextCursor?: string }> {
  return guarded('read the KPI readings', async () => {
    let query = kvs.query().where('key', WhereConditions.beginsWith(readingPrefix(issueId, kpiId))).limit(READINGS_PAGE_SIZE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    // A value that is not a reading (written by something else) is left out rather than drawn.
    const readings = page.results.flatMap((r) => {
      const parsed = KpiReading.safeParse(r.value);
      return parsed.success ? [parsed.data] : [];
    });
    return { readings, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  });
}
