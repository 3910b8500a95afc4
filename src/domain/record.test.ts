import fc from 'fast-check';
import { IsoDate, isBlankRecord } from './record';
import { PRIYA, condition, record } from './__fixtures__/records';

describe('IsoDate', () => {
  it('refuses impossible calendar dates that Date.parse would roll into the next month, saying which date', () => {
    for (const impossible of ['2026-02-30', '2026-02-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
      const parsed = IsoDate.safeParse(impossible);
      expect({ impossible, success: parsed.success }).toEqual({ impossible, success: false });
      expect(parsed.error?.issues[0].message).toBe(`${impossible} is not a date in the calendar`);
    }
  });
  it('accepts every real calendar date, leap days included', () => {
    expect(IsoDate.safeParse('2028-02-29').success).toBe(true);
    fc.assert(
      fc.property(fc.date({ min: new Date('1971-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (d) => {
        expect(IsoDate.safeParse(d.toISOString().slice(0, 10)).success).toBe(true);
      }),
    );
  });
  it('refuses text that is not shaped like a date', () => {
    expect(IsoDate.safeParse('31/03/2026').error?.issues[0].message).toBe('Date must look like 2026-03-31');
  });
});

describe('isBlankRecord', () => {
  it('is true for a record with nothing in it, false as soon as anything is recorded', () => {
    expect(isBlankRecord(null)).toBe(true);
    expect(isBlankRecord(record())).toBe(true);
    expect(isBlankRecord(record({ conditions: [condition('a', 'x')] }))).toBe(false);
    expect(isBlankRecord(record({ pilot: { plannedCloseDate: '2026-03-01' } }))).toBe(false);
    expect(isBlankRecord(record({ ownership: { workstreamLeads: { 'data-integration': PRIYA } } }))).toBe(false);
  });
});
