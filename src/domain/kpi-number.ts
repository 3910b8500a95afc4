/**
 * Reading a KPI's baseline or target, which the record keeps as text ("99.5%", "< 2 s", "1,200 claims"),
 * as a number a reading can be compared with. It reads one number and lets any unit words sit around it;
 * it never guesses: a range, a magnitude word ("1.2M": do readings say 1.2 or 1200000?), a decimal comma
 * or a broken grouping is refused with a sentence that says how to write it instead.
 */
import { clip } from './sentences';

export type KpiNumber =
  | { ok: true; value: number }
  | { ok: false; reason: 'empty' | 'not-a-number' | 'several-numbers' | 'magnitude' | 'ambiguous'; sentence: string };

const MAGNITUDES: Array<[RegExp, number]> = [
  [/^(?:k|K)(?![A-Za-z])/, 1e3],
  [/^(?:M|mn|Mn)(?![A-Za-z])/, 1e6],
  [/^(?:B|bn|Bn)(?![A-Za-z])/, 1e9],
  [/^thousands?(?![A-Za-z])/i, 1e3],
  [/^millions?(?![A-Za-z])/i, 1e6],
  [/^billions?(?![A-Za-z])/i, 1e9],
  [/^trillions?(?![A-Za-z])/i, 1e12],
];

/** Digits with an optional en-US grouping (1,200 or 1 200) and an optional decimal point. */
const NUMBER = /^(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+)?(?:\.\d+)?$/;

/** `label` names the field in the sentence ("Baseline" → 'The baseline "…" is not a number.'). */
export function parseKpiNumber(text: string, label: string): KpiNumber {
  const what = `The ${label.toLowerCase()}`;
  const normal = text.replace(/\u2212/g, '-').replace(/[\u00a0\u2007\u2009\u202f]/g, ' ').trim();
  const quoted = `"${clip(text.trim(), 40)}"`;
  if (normal === '') return { ok: false, reason: 'empty', sentence: `${what} is empty.` };

  const first = normal.search(/\.?\d/);
  if (first < 0) return { ok: false, reason: 'not-a-number', sentence: `${what} ${quoted} is not a number.` };
  const last = normal.search(/\d\D*$/);
  const core = normal.slice(first, last + 1);
  const prefix = normal.slice(0, first).trimEnd();
  const suffix = normal.slice(last + 1).trimStart();

  if (!NUMBER.test(core)) {
    if (/[^\d., ]/.test(core) || !core.includes(',')) {
      return { ok: false, reason: 'several-numbers', sentence: `${what} ${quoted} holds more than one number: write a single number.` };
    }
    return { ok: false, reason: 'ambiguous', sentence: `${what} ${quoted} is ambiguous: write decimals with a point and thousands as 1,200.` };
  }
  const sign = /[-+]$/.test(prefix) ? (prefix.endsWith('-') ? -1 : 1) : 1;
  const value = sign * Number(core.replace(/[, ]/g, ''));

  const magnitude = MAGNITUDES.find(([pattern]) => pattern.test(suffix));
  if (magnitude) {
    const word = suffix.match(magnitude[0])?.[0] ?? '';
    const whole = Number((value * magnitude[1]).toPrecision(12));
    return {
      ok: false,
      reason: 'magnitude',
      sentence: `${what} ${quoted} uses a magnitude ("${word}"): write the whole number, e.g. ${whole}, in the unit readings use.`,
    };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}
