import fc from 'fast-check';
import { addMonths, monthOf, quarterOf, utcDateOf } from './calendar';
import { isCalendarDate } from './record';
import { arbDate } from './__fixtures__/records';

describe('addMonths', () => {
  it('keeps the day of the month when the target month has it', () => {
    expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-10', 0)).toBe('2026-05-10');
  });
  it('clamps to the last day of a shorter month, leap years included', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29');
    expect(addMonths('2026-08-31', 1)).toBe('2026-09-30');
  });
  it('crosses years both ways', () => {
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
    expect(addMonths('2026-06-01', 120)).toBe('2036-06-01');
  });
  it('refuses what is not a calendar date', () => {
    expect(() => addMonths('2026-02-30', 1)).toThrow('Not a calendar date: 2026-02-30');
  });
  it('always gives a calendar date no earlier than the start when months >= 0, in the right month', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 0, max: 160 }), (date, n) => {
        const out = addMonths(date, n);
        expect(isCalendarDate(out)).toBe(true);
        expect(out >= date).toBe(true);
        const months = (Number(out.slice(0, 4)) - Number(date.slice(0, 4))) * 12 + Number(out.slice(5, 7)) - Number(date.slice(5, 7));
        expect(months).toBe(n);
        expect(Number(out.slice(8))).toBeLessThanOrEqual(Number(date.slice(8)));
      }),
    );
  });
});

describe('utcDateOf', () => {
  it('gives the UTC calendar date of an ISO timestamp, whatever offset it was written with', () => {
    expect(utcDateOf('2026-03-10T23:30:00.000Z')).toBe('2026-03-10');
    expect(utcDateOf('2026-03-10T23:30:00.000-0600')).toBe('2026-03-11');
    expect(utcDateOf('2026-03-11T01:30:00+02:00')).toBe('2026-03-10');
    expect(utcDateOf('2026-03-10')).toBe('2026-03-10');
  });
  it('is undefined for anything else', () => {
    expect(utcDateOf('yesterday')).toBeUndefined();
    expect(utcDateOf('')).toBeUndefined();
    expect(utcDateOf('2026-02-30T10:00:00Z')).toBeUndefined();
  });
});

describe('monthOf and quarterOf', () => {
  it('label a date by its calendar month and quarter', () => {
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterOf('2026-03-31')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01')).toBe('2026-Q2');
    expect(quarterOf('2026-12-31')).toBe('2026-Q4');
    expect(quarterOf('2028-02-29')).toBe('2028-Q1');
  });
});

describe('addMonths in years Date.UTC reads as 19xx', () => {
  it('counts leap years of the proleptic calendar, not of 1900-1999', () => {
    expect(addMonths('2000-01-31', 1)).toBe('2000-02-29');
    expect(addMonths('2100-01-31', 1)).toBe('2100-02-28');
    expect(addMonths('0004-01-31', 1)).toBe('0004-02-29');
  });
});
