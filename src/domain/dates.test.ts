import fc from 'fast-check';
import { addDays, daysBetween, isoToday } from './dates';

describe('dates', () => {
  it('counts calendar days across months, leap days and DST changes', () => {
    expect(daysBetween('2026-03-10', '2026-03-22')).toBe(12);
    expect(daysBetween('2026-03-22', '2026-03-10')).toBe(-12);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-03-09T23:59:59Z', '2026-03-10')).toBe(1);
  });
  it('refuses a date that is not one', () => {
    expect(() => daysBetween('soon', '2026-01-01')).toThrow('Not a calendar date');
  });
  it('gives the calendar date in a time zone', () => {
    const instant = new Date('2026-03-10T23:30:00Z');
    expect(isoToday(instant, 'UTC')).toBe('2026-03-10');
    expect(isoToday(instant, 'Europe/Berlin')).toBe('2026-03-11');
    expect(isoToday(instant, 'America/Los_Angeles')).toBe('2026-03-10');
    expect(isoToday(instant, 'Not/AZone')).toBe('2026-03-10');
  });
  it('addDays and daysBetween agree', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.integer({ min: -3000, max: 3000 }), (d, n) => {
        const from = d.toISOString().slice(0, 10);
        expect(daysBetween(from, addDays(from, n))).toBe(n);
      }),
    );
  });
});
