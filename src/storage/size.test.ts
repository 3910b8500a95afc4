import fc from 'fast-check';
import { AUDIT_FIELDS_BYTES, TRAIL_PAGE_BYTES_MAX, TRAIL_PAGE_SIZE } from './history';
import { byteLength, compactHistory, HISTORY_ENTRY_BYTES } from './size';

/** Forge's limit on one resolver response. */
const RESPONSE_LIMIT = 5 * 1000 * 1000;

describe('the trail\'s size bounds', () => {
  it('no entry outgrows HISTORY_ENTRY_BYTES, however many or large its changes', () => {
    const arbChange = fc.record({ field: fc.string({ maxLength: 200 }), from: fc.string({ maxLength: 3000 }), to: fc.string({ maxLength: 3000 }) });
    fc.assert(
      fc.property(fc.array(arbChange, { maxLength: 400 }), fc.string({ maxLength: 300 }), (changes, summary) => {
        const entry = { version: 1, at: '2026-11-30T10:00:00.000Z', by: { accountId: 'a'.repeat(128), displayName: 'n'.repeat(200) }, action: 'saveProjectSettings', summary, changes, projectId: '10000', issueId: '10001', issueKey: 'AIPLONGKEY-1234567' };
        expect(byteLength(compactHistory(entry))).toBeLessThanOrEqual(HISTORY_ENTRY_BYTES);
      }),
      { numRuns: 40 },
    );
  });

  it('even when the list of changed fields alone is too long (a settings change touching every template)', () => {
    const changes = Array.from({ length: 500 }, (_, i) => ({ field: `${i} ${'f'.repeat(200)}`, from: 'x'.repeat(100), to: 'y' }));
    const entry = { version: 1, at: '2026-11-30T10:00:00.000Z', by: { accountId: 'a', displayName: 'n' }, action: 'saveProjectSettings', summary: 's', changes, projectId: '10000' };
    const compacted = compactHistory(entry);
    expect(byteLength(compacted)).toBeLessThanOrEqual(HISTORY_ENTRY_BYTES);
    expect(compacted.changes).toEqual([{ field: '500 fields changed (too many to list)' }]);
  });

  it('a page of the largest entries stays well inside one resolver response', () => {
    expect(TRAIL_PAGE_BYTES_MAX).toBe(TRAIL_PAGE_SIZE * (HISTORY_ENTRY_BYTES + AUDIT_FIELDS_BYTES));
    expect(TRAIL_PAGE_BYTES_MAX).toBeLessThan(RESPONSE_LIMIT * 0.8);
    // KVS answers at most 100 a query.
    expect(TRAIL_PAGE_SIZE).toBeLessThanOrEqual(100);
  });
});
