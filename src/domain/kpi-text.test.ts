import fc from 'fast-check';
import { isBareNumber, kpiSentence, separateUnit, withUnit } from './kpi-text';

describe('withUnit', () => {
  it('adds the unit to a bare number, tight or spaced as it is written', () => {
    expect(withUnit('92', '%')).toBe('92%');
    expect(withUnit('2.4', 's')).toBe('2.4 s');
    expect(withUnit('≤ 8', '%')).toBe('≤ 8%');
    expect(withUnit('1,200', 'claims')).toBe('1,200 claims');
    expect(withUnit('250', '£')).toBe('£250');
    expect(withUnit('< 5', '$')).toBe('< $5');
  });
  it('never adds a unit twice: a value with words of its own is shown as written', () => {
    expect(withUnit('94%', '%')).toBe('94%');
    expect(withUnit('2.4 s', 's')).toBe('2.4 s');
    expect(withUnit('94% (pilot sample)', '%')).toBe('94% (pilot sample)');
    expect(withUnit('35 pilot adjusters', '%')).toBe('35 pilot adjusters');
    expect(withUnit('', '%')).toBe('');
    expect(withUnit(' 7 ', '')).toBe('7');
  });
  it('shows the unit at most once, whatever the value holds', () => {
    fc.assert(
      fc.property(fc.constantFrom('%', 's', 'days', 'ms', 'claims'), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.boolean(), (unit, n, typedUnit) => {
        const value = `${Number(n.toFixed(2))}${typedUnit ? (unit === '%' ? '%' : ` ${unit}`) : ''}`;
        const shown = withUnit(value, unit);
        expect(shown.split(unit).length - 1).toBe(1);
      }),
    );
  });
  it('knows a bare number', () => {
    expect(['42', '-15', '0.5', '.5', '≥ 92', '1,200.5'].every(isBareNumber)).toBe(true);
    expect(['42%', '1.2M', 'soon', '1-2', ''].some(isBareNumber)).toBe(false);
  });
});

describe('separateUnit', () => {
  it('moves a unit typed into the values to the unit field when they agree', () => {
    expect(separateUnit({ baseline: '62%', target: '75%', unit: '' })).toEqual({ baseline: '62', target: '75', unit: '%' });
    expect(separateUnit({ baseline: '2.4 s', target: '1.5 s', unit: 's' })).toEqual({ baseline: '2.4', target: '1.5', unit: 's' });
    expect(separateUnit({ baseline: '9.5 days', target: '7', unit: '' })).toEqual({ baseline: '9.5', target: '7', unit: 'days' });
    expect(separateUnit({ baseline: '11%', target: '≤ 8%', unit: '%' })).toEqual({ baseline: '11', target: '≤ 8', unit: '%' });
  });
  it('leaves what it cannot be sure of as written', () => {
    expect(separateUnit({ baseline: '2.4 s', target: '900 ms', unit: '' })).toEqual({ baseline: '2.4 s', target: '900 ms', unit: '' });
    expect(separateUnit({ baseline: '2.4 s', target: '1.5', unit: 'ms' })).toEqual({ baseline: '2.4 s', target: '1.5', unit: 'ms' });
    expect(separateUnit({ baseline: '94% (pilot sample)', target: '92%', unit: '%' })).toEqual({ baseline: '94% (pilot sample)', target: '92', unit: '%' });
    expect(separateUnit({ baseline: '', target: '', unit: ' % ' })).toEqual({ baseline: '', target: '', unit: '%' });
  });
});

describe('kpiSentence', () => {
  it('says the change, the horizon and the direction in one line', () => {
    expect(kpiSentence({ baseline: '62', target: '75', unit: '%', horizon: { count: 2, unit: 'quarter' }, direction: 'higher-is-better' })).toBe('62% → 75% over 2 quarters, higher is better');
    expect(kpiSentence({ baseline: '2.4 s', target: '1.5 s', unit: 's', horizon: { count: 1, unit: 'quarter' }, direction: 'lower-is-better' })).toBe('2.4 s → 1.5 s over 1 quarter, lower is better');
    expect(kpiSentence({ baseline: '', target: '95', unit: '%', direction: 'higher-is-better' })).toBe('target 95%, no horizon yet, higher is better');
    expect(kpiSentence({ baseline: '', target: '', unit: '' })).toBe('no target yet, no horizon yet');
  });
});
