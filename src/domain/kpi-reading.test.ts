import { KpiReading, KpiReadingInput, latestReading, READING_LIMITS, readingDateProblem } from './kpi-reading';
import { PRIYA } from './__fixtures__/records';

const messages = (input: unknown) => {
  const r = KpiReadingInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

function reading(id: string, date: string, value: number, at = '2026-03-01T10:00:00.000Z'): KpiReading {
  return { id, kpiId: 'k1', date, value, recorded: { via: 'panel', by: PRIYA, at } };
}

describe('KpiReadingInput', () => {
  it('takes a date, a value and optional note and source', () => {
    expect(KpiReadingInput.parse({ date: '2026-03-01', value: 42.5 })).toEqual({ date: '2026-03-01', value: 42.5 });
    expect(KpiReadingInput.parse({ date: '2026-03-01', value: -3, note: '  after the March release ', source: 'Datadog' })).toEqual({
      date: '2026-03-01',
      value: -3,
      note: 'after the March release',
      source: 'Datadog',
    });
  });
  it('refuses values that are not finite numbers, with a clear message', () => {
    expect(messages({ date: '2026-03-01', value: '42' })).toEqual(['value: Value must be a number']);
    expect(messages({ date: '2026-03-01', value: null })).toEqual(['value: Value must be a number']);
    expect(messages({ date: '2026-03-01', value: Infinity })).toEqual(['value: Value must be a number']);
    expect(messages({ date: '2026-03-01', value: NaN })).toEqual(['value: Value must be a number']);
    expect(messages({ date: '2026-03-01', value: 1e16 })).toEqual([`value: Value must be between -${READING_LIMITS.magnitude} and ${READING_LIMITS.magnitude}`]);
  });
  it('refuses dates that are not calendar dates or too old to be a reading', () => {
    expect(messages({ date: '2026-02-30', value: 1 })).toEqual(['date: 2026-02-30 is not a date in the calendar']);
    expect(messages({ date: '1999-12-31', value: 1 })).toEqual(['date: A reading must be dated 2000-01-01 or later']);
    expect(messages({ date: '01/03/2026', value: 1 })).toEqual(['date: Date must look like 2026-03-31']);
  });
  it('refuses long notes, unknown fields and server-set fields', () => {
    expect(messages({ date: '2026-03-01', value: 1, note: 'x'.repeat(READING_LIMITS.note + 1) })).toEqual([`note: Note must be at most ${READING_LIMITS.note} characters`]);
    expect(messages({ date: '2026-03-01', value: 1, recorded: { via: 'panel' } })).toEqual([': Unrecognized key: "recorded"']);
    expect(messages({ date: '2026-03-01' })).toEqual(['value: Value must be a number']);
  });
});

describe('KpiReading', () => {
  it('records who added it in the panel, or which feed token posted it', () => {
    expect(KpiReading.safeParse(reading('r1', '2026-03-01', 5)).success).toBe(true);
    expect(KpiReading.safeParse({ ...reading('r1', '2026-03-01', 5), recorded: { via: 'feed', tokenId: 't1', at: '2026-03-01T10:00:00Z' } }).success).toBe(true);
    expect(KpiReading.safeParse({ ...reading('r1', '2026-03-01', 5), recorded: { via: 'feed', at: '2026-03-01T10:00:00Z' } }).success).toBe(false);
  });
});

describe('readingDateProblem', () => {
  it('refuses a reading dated after today (in the zone that decides today)', () => {
    expect(readingDateProblem('2026-03-02', '2026-03-01')).toBe('A reading cannot be dated after today (2026-03-01).');
    expect(readingDateProblem('2026-03-01', '2026-03-01')).toBeUndefined();
  });
});

describe('latestReading', () => {
  it('is the reading with the latest date up to today; on one date the one recorded last', () => {
    const a = reading('a', '2026-03-01', 1);
    const b = reading('b', '2026-03-05', 2, '2026-03-05T08:00:00.000Z');
    const c = reading('c', '2026-03-05', 3, '2026-03-05T09:00:00.000Z');
    const future = reading('d', '2026-04-01', 4);
    expect(latestReading([a, c, b, future], '2026-03-10')).toBe(c);
    expect(latestReading([b, c, a], '2026-03-04')).toBe(a);
    expect(latestReading([], '2026-03-04')).toBeUndefined();
    expect(latestReading([future], '2026-03-04')).toBeUndefined();
  });
});
