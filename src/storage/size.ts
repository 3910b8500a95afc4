import { LIMITS } from '../domain/record';
import { TooLargeError } from './errors';

export const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

export function assertRecordFits(record: unknown, limit: number = LIMITS.recordBytes): void {
  const bytes = byteLength(record);
  if (bytes > limit) throw new TooLargeError(bytes, limit);
}

/** History values beyond this drop their before/after values (the summary stays): a history entry must fit KVS too. */
export const HISTORY_ENTRY_BYTES = 64 * 1024;

export function compactHistory<T extends { changes: Array<{ field: string; from?: unknown; to?: unknown }> }>(entry: T): T {
  if (byteLength(entry) <= HISTORY_ENTRY_BYTES) return entry;
  return { ...entry, changes: entry.changes.map((c) => ({ field: c.field })) };
}
