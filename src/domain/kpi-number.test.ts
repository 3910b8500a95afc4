import fc from 'fast-check';
import { parseKpiNumber } from './kpi-number';

const value = (text: string) => {
  const r = parseKpiNumber(text, 'Baseline');
  return r.ok ? r.value : r.sentence;
};

describe('parseKpiNumber: what reads as a number', () => {
  it('reads plain, signed and decimal numbers', () => {
    expect(value('42')).toBe(42);
    expect(value('  3.25 ')).toBe(3.25);
    expect(value('-7')).toBe(-7);
    expect(value('+7')).toBe(7);
    expect(value('.5')).toBe(0.5);
    expect(value('−2.5')).toBe(-2.5); // U+2212, as word processors write minus
  });
  it('reads a number with its unit around it', () => {
    expect(value('99.5%')).toBe(99.5);
    expect(value('12 ms')).toBe(12);
    expect(value('$1,200.50')).toBe(1200.5);
    expect(value('€ 80')).toBe(80);
    expect(value('30 claims/hour')).toBe(30);
    expect(value('< 2 s')).toBe(2);
    expect(value('≥ 95 %')).toBe(95);
    expect(value('about 40 minutes')).toBe(40);
  });
  it('reads thousands grouped with commas or thin spaces', () => {
    expect(value('1,200')).toBe(1200);
    expect(value('12,345,678')).toBe(12345678);
    expect(value('1 200 000')).toBe(1200000);
    expect(value('1\u202f200')).toBe(1200);
  });
});

describe('parseKpiNumber: what does not, and says why', () => {
  it('says a blank value is missing', () => {
    expect(parseKpiNumber('', 'Target')).toEqual({ ok: false, reason: 'empty', sentence: 'The target is empty.' });
    expect(parseKpiNumber('   ', 'Baseline')).toMatchObject({ ok: false, reason: 'empty' });
  });
  it('refuses text without a number', () => {
    expect(parseKpiNumber('high', 'Target')).toEqual({ ok: false, reason: 'not-a-number', sentence: 'The target "high" is not a number.' });
    expect(parseKpiNumber('n/a', 'Baseline')).toMatchObject({ reason: 'not-a-number' });
  });
  it('refuses ranges and several numbers rather than picking one', () => {
    expect(parseKpiNumber('20-30', 'Target')).toEqual({ ok: false, reason: 'several-numbers', sentence: 'The target "20-30" holds more than one number: write a single number.' });
    expect(value('from 5 to 10')).toMatch('more than one number');
    expect(value('1.2.3')).toMatch('more than one number');
    expect(value('1e3')).toMatch('more than one number');
  });
  it('refuses magnitude words whose scale readings would not share', () => {
    expect(parseKpiNumber('1.2M', 'Target')).toEqual({
      ok: false,
      reason: 'magnitude',
      sentence: 'The target "1.2M" uses a magnitude ("M"): write the whole number, e.g. 1200000, in the unit readings use.',
    });
    expect(value('5k')).toMatch('magnitude');
    expect(value('€3 bn')).toMatch('magnitude');
    expect(value('2 million users')).toMatch('magnitude');
  });
  it('refuses a decimal comma or broken grouping instead of guessing its meaning', () => {
    expect(parseKpiNumber('0,5', 'Baseline')).toEqual({ ok: false, reason: 'ambiguous', sentence: 'The baseline "0,5" is ambiguous: write decimals with a point and thousands as 1,200.' });
    expect(value('1,20')).toMatch('ambiguous');
    expect(value('1.200,5')).toMatch('ambiguous');
  });
  it('quotes long text clipped', () => {
    const r = parseKpiNumber('x'.repeat(200), 'Target');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.sentence.length).toBeLessThan(100);
  });
});

describe('parseKpiNumber: properties', () => {
  it('reads back any finite number JavaScript writes in plain notation', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (n) => {
        const text = n.toFixed(4);
        expect(value(text)).toBeCloseTo(Number(text), 6);
      }),
    );
  });
  it('reads an integer with its thousands grouped the en-US way, with a unit after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e12 }), fc.constantFrom('', ' ms', '%', ' claims'), (n, unit) => {
        expect(value(`${n.toLocaleString('en-US')}${unit}`)).toBe(n);
      }),
    );
  });
});
