import { LIMITS } from '../domain/record';
import { TooLargeError } from './errors';
import { auditKey, historyKey, historyPrefix, lockKey, padVersion } from './keys';
import { assertRecordFits, compactHistory, HISTORY_ENTRY_BYTES } from './size';

describe('storage keys', () => {
  it('zero-pads versions so key order is version order', () => {
    expect(padVersion(7)).toBe('0000000007');
    const keys = [historyKey('10001', 10), historyKey('10001', 9), historyKey('10001', 100)];
    expect([...keys].sort()).toEqual([historyKey('10001', 9), historyKey('10001', 10), historyKey('10001', 100)]);
    expect(historyKey('10001', 3).startsWith(historyPrefix('10001'))).toBe(true);
    // "1000" must not see "10001"'s history.
    expect(historyKey('10001', 1).startsWith(historyPrefix('1000'))).toBe(false);
  });

  it('orders the audit trail by time and stays within KVS key limits', () => {
    const a = auditKey('10000', '2026-11-25T09:00:00.000Z', '10001', 3);
    const b = auditKey('10000', '2026-11-25T10:00:00.000Z', 'settings', 1);
    expect(a < b).toBe(true);
    expect(a).toBe('audit:10000:2026-11-25T09:00:00.000Z:10001:0000000003');
    expect(a.length).toBeLessThan(500);
    expect(lockKey('workstreams:10001')).toBe('lock:workstreams:10001');
  });
});

describe('size limits', () => {
  it('refuses a record over the limit instead of truncating it', () => {
    expect(() => assertRecordFits({ text: 'x'.repeat(LIMITS.recordBytes) })).toThrow(TooLargeError);
    expect(() => assertRecordFits({ text: 'x'.repeat(1000) })).not.toThrow();
  });

  it('drops before/after values from an oversized history entry but keeps what changed', () => {
    const big = { summary: 's', changes: [{ field: 'condition', from: 'x'.repeat(HISTORY_ENTRY_BYTES), to: 'y' }] };
    expect(compactHistory(big).changes).toEqual([{ field: 'condition' }]);
    const small = { summary: 's', changes: [{ field: 'condition', from: 'a', to: 'b' }] };
    expect(compactHistory(small)).toBe(small);
  });
});
