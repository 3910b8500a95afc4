import { LIMITS } from '../domain/record';
import { TooLargeError } from './errors';
import fc from 'fast-check';
import { auditKey, auditPrefixesSince, historyKey, historyPrefix, lockKey, padVersion } from './keys';
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

describe('auditPrefixesSince', () => {
  const matches = (prefixes: string[], day: string) => prefixes.some((p) => auditKey('10000', `${day}T12:00:00.000Z`, '10001', 1).startsWith(p));

  it('covers every day from the first on with few prefixes: tens of days in the first month, then whole months', () => {
    // From the 7th the first tens block (1st-9th) reads little more than the whole month does.
    const prefixes = auditPrefixesSince('10000', '2026-09-07', '2026-11-30');
    expect(prefixes).toEqual(['audit:10000:2026-09', 'audit:10000:2026-10', 'audit:10000:2026-11']);
    expect(auditPrefixesSince('10000', '2026-09-17', '2026-11-30')).toEqual(['audit:10000:2026-09-1', 'audit:10000:2026-09-2', 'audit:10000:2026-09-3', 'audit:10000:2026-10', 'audit:10000:2026-11']);
    expect(matches(prefixes, '2026-11-30')).toBe(true);
    expect(matches(prefixes, '2026-08-31')).toBe(false);
  });

  it('crosses a year and starts on a tens boundary without reading the days before', () => {
    expect(auditPrefixesSince('10000', '2026-11-20', '2027-02-10')).toEqual([
      'audit:10000:2026-11-2', 'audit:10000:2026-11-3', 'audit:10000:2026-12', 'audit:10000:2027-01', 'audit:10000:2027-02',
    ]);
    expect(auditPrefixesSince('10000', '2026-11-01', '2026-11-05')).toEqual(['audit:10000:2026-11']);
  });

  it('misses no day of any range and reads at most 9 days before it', () => {
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }), fc.integer({ min: 0, max: 400 }), (startMs, span) => {
        const from = day(startMs);
        const to = day(startMs + span * 86_400_000);
        const prefixes = auditPrefixesSince('10000', from, to);
        for (let d = 0; d <= span; d += 7) expect(matches(prefixes, day(startMs + d * 86_400_000))).toBe(true);
        expect(matches(prefixes, to)).toBe(true);
        expect(matches(prefixes, day(startMs - 10 * 86_400_000))).toBe(false);
      }),
    );
  });
});
