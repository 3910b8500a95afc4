import { LIMITS } from '../domain/record';
import { TooLargeError } from './errors';

export const byteLength = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

export function assertRecordFits(record: unknown, limit: number = LIMITS.recordBytes): void {
  const bytes = byteLength(record);
  if (bytes > limit) throw new TooLargeError(bytes, limit);
}

/**
 * No history or audit entry is larger than this: it must fit KVS, and the trail is read in pages whose
 * size follows from it. Beyond it the before/after values go (the fields changed and the summary stay),
 * and if even the list of fields is too long, a count of them.
 */
export const HISTORY_ENTRY_BYTES = 64 * 1024;

export function compactHistory<T extends { changes: Array<{ field: string; from?: unknown; to?: unknown }> }>(entry: T): T {
  if (byteLength(entry) <= HISTORY_ENTRY_BYTES) return entry;
  const fieldsOnly = { ...entry, changes: entry.changes.map((c) => ({ field: c.field })) };
  if (byteLength(fieldsOnly) <= HISTORY_ENTRY_BYTES) return fieldsOnly;
  return { ...entry, changes: [{ field: `${entry.changes.length} fields changed (too many to list)` }] };
}
