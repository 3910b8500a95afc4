import { makeHostDate, parseClockChange } from './clock';

const DAY = 86_400_000;

describe('the host clock Date', () => {
  let now = Date.UTC(2027, 0, 15, 9, 0, 0);
  const HostDate = makeHostDate(Date, () => now);

  test('new Date() and Date.now() read the host clock; explicit dates stay as given', () => {
    expect(new HostDate().toISOString()).toBe('2027-01-15T09:00:00.000Z');
    expect(HostDate.now()).toBe(now);
    expect(new HostDate('2026-03-01T00:00:00Z').toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(new HostDate(2026, 2, 1).getMonth()).toBe(2);
    expect(HostDate.UTC(2026, 0, 1)).toBe(Date.UTC(2026, 0, 1));
    expect(HostDate.parse('2026-01-01T00:00:00Z')).toBe(Date.parse('2026-01-01T00:00:00Z'));
    now += DAY;
    expect(new HostDate().toISOString()).toBe('2027-01-16T09:00:00.000Z');
  });

  test('dates are real Dates both ways, and Date() without new answers a string', () => {
    const d = new HostDate();
    expect(d instanceof Date).toBe(true);
    expect(new Date() instanceof HostDate).toBe(true);
    expect(typeof (HostDate as unknown as () => string)()).toBe('string');
    expect(HostDate.name).toBe('Date');
  });

  test('a subclass of the host Date gets the host time and its own prototype', () => {
    class Stamp extends HostDate {
      label(): string {
        return `stamp ${this.toISOString()}`;
      }
    }
    const s = new Stamp();
    expect(s).toBeInstanceOf(Stamp);
    expect(s.label()).toBe(`stamp ${new HostDate(now).toISOString()}`);
  });
});

describe('POST /__local/clock bodies', () => {
  const real = Date.UTC(2026, 11, 1, 12, 0, 0);

  test('now jumps to that moment; advanceDays moves on from the host clock; reset returns to real time', () => {
    expect(parseClockChange({ now: '2026-12-15T12:00:00Z' }, real, 0)).toEqual({ offsetMs: 14 * DAY });
    expect(parseClockChange({ now: '2026-12-15' }, real, 0)).toEqual({ offsetMs: 14 * DAY - 12 * 3_600_000 });
    expect(parseClockChange({ advanceDays: 3 }, real, 2 * DAY)).toEqual({ offsetMs: 5 * DAY });
    expect(parseClockChange({ advanceDays: 0.5 }, real, 0)).toEqual({ offsetMs: DAY / 2 });
    expect(parseClockChange({ advanceMs: 1000 }, real, 0)).toEqual({ offsetMs: 1000 });
    expect(parseClockChange({ reset: true }, real, 9 * DAY)).toEqual({ offsetMs: 0 });
  });

  test('refuses anything unclear, with the reason', () => {
    expect(() => parseClockChange({}, real, 0)).toThrow(/exactly one/);
    expect(() => parseClockChange({ now: '2026-12-15', advanceDays: 1 }, real, 0)).toThrow(/exactly one/);
    expect(() => parseClockChange({ now: 'next tuesday' }, real, 0)).toThrow(/ISO-8601/);
    expect(() => parseClockChange({ now: '2026-13-45' }, real, 0)).toThrow(/not a valid date/);
    expect(() => parseClockChange({ advanceDays: '3' }, real, 0)).toThrow(/number/);
    expect(() => parseClockChange({ advanceDays: 1e9 }, real, 0)).toThrow(/100 years/);
    expect(() => parseClockChange({ reset: false }, real, 0)).toThrow(/reset must be true/);
    expect(() => parseClockChange({ when: 'now' }, real, 0)).toThrow(/Unknown clock field/);
    expect(() => parseClockChange([1], real, 0)).toThrow(/JSON object/);
  });
});
