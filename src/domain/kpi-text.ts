/**
 * A KPI's baseline, target and unit as people read them. The record keeps baseline and target as text
 * (a value may be "94% (pilot sample)"); the unit is its own field. A unit is added to a bare number only
 * ("92" and "%" read "92%"), never to a value that already says something ("≤ 8%", "9.5 days"), so a unit
 * typed into the value is not shown twice. Pure.
 */
import type { Horizon, ProductionKpi } from './record';
import { DIRECTION_LABELS } from './labels';
import { horizonText } from './sentences';

/** An optional comparator, one number (en-US grouping, decimal point), nothing else. */
const BARE = /^((?:[<>]=?|[≤≥~≈])\s*)?([-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+−]?\.\d+)$/;
/** A number followed by a few words that hold no digit: "2.4 s", "94%", "9.5 days". */
const WITH_SUFFIX = /^((?:[<>]=?|[≤≥~≈])\s*)?([-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*([^\d\s()][^\d()]{0,29})$/;
/** Units written against the number. */
const TIGHT = new Set(['%', '‰', '°', 'x', '×', 'pp']);
/** Units written before the number. */
const PREFIX = new Set(['$', '£', '€', '¥', '₹']);

export const isBareNumber = (value: string): boolean => BARE.test(value.trim());

/** "92" + "%" → "92%"; "2.4" + "s" → "2.4 s"; "250" + "£" → "£250"; a value with words of its own is shown as written. */
export function withUnit(value: string, unit: string): string {
  const v = value.trim();
  const u = unit.trim();
  const bare = BARE.exec(v);
  if (!v || !u || !bare) return v;
  const [, comparator = '', number] = bare;
  if (PREFIX.has(u)) return `${comparator}${u}${number}`;
  return TIGHT.has(u) ? `${v}${u}` : `${v} ${u}`;
}

export interface KpiValues {
  baseline: string;
  target: string;
  unit: string;
}

/**
 * Moves a unit typed into the baseline or target ("62%", "2.4 s") to the unit field, when it agrees with the
 * unit given (or there is none and both values say the same one). Anything else stays as the user wrote it:
 * the form never guesses between two units.
 */
export function separateUnit(values: KpiValues): KpiValues {
  const unit = values.unit.trim();
  const parts = [values.baseline, values.target].map((v) => WITH_SUFFIX.exec(v.trim()));
  const suffixes = new Set(parts.flatMap((p) => (p ? [p[3].trim()] : [])));
  const chosen = unit || (suffixes.size === 1 ? [...suffixes][0] : '');
  if (!chosen) return { ...values, unit };
  const strip = (value: string, part: RegExpExecArray | null) => (part && part[3].trim() === chosen ? `${part[1] ?? ''}${part[2]}` : value.trim());
  return { baseline: strip(values.baseline, parts[0]), target: strip(values.target, parts[1]), unit: chosen };
}

/** "62% → 75% over 2 quarters, higher is better": what the KPI asks of production, in one line. */
export function kpiSentence(kpi: Pick<ProductionKpi, 'baseline' | 'target' | 'unit'> & { direction?: ProductionKpi['direction']; horizon?: Horizon }): string {
  const from = withUnit(kpi.baseline, kpi.unit);
  const to = withUnit(kpi.target, kpi.unit);
  const change = from && to ? `${from} → ${to}` : to ? `target ${to}` : from ? `from ${from}` : 'no target yet';
  const over = kpi.horizon ? `${change} over ${horizonText(kpi.horizon)}` : `${change}, no horizon yet`;
  return kpi.direction ? `${over}, ${DIRECTION_LABELS[kpi.direction]}` : over;
}
