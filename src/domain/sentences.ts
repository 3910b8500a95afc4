/** Small wording helpers shared by readiness, the gate, the summary and the brief, so plurals read the same everywhere. */

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}

export interface NameListOptions {
  /** Names shown before "and N more". */
  max?: number;
  /** Longest a single name may be before it is clipped. */
  clipAt?: number;
}

/** "A, B and C" or "A, B, C, D, E and 3 more". */
export function listNames(names: readonly string[], { max = 5, clipAt = 200 }: NameListOptions = {}): string {
  const shown = names.slice(0, max).map((n) => clip(n, clipAt));
  const rest = names.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  return shown.join(', ');
}

export function undecidedConditionsSentence(names: readonly string[], options?: NameListOptions): string {
  const head = names.length === 1 ? '1 pilot condition has no decision' : `${names.length} pilot conditions have no decision`;
  if (options?.max === 0 || names.length === 0) return `${head}.`;
  return `${head} (${listNames(names, options)}).`;
}

export function horizonText(horizon: { count: number; unit: 'month' | 'quarter' }): string {
  return plural(horizon.count, horizon.unit);
}

/** Lower-case the first letter so a sentence can continue another one; names keep their capitals. */
export function continueSentence(sentence: string): string {
  const body = sentence.replace(/\.$/, '');
  return body.charAt(0).toLowerCase() + body.slice(1);
}

/** Who a reminder went (or goes) to: at most three names, then how many more. */
export const recipientsText = (names: readonly string[]): string => listNames([...names], { max: 3 });
