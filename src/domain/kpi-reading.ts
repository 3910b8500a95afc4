/**
 * KPI readings: what a production KPI measured on a day. They live outside the handoff record (they grow
 * with time), entered in the panel or posted by a monitoring system to the KPI feed. A reading's value is
 * in the KPI's own unit, the unit its baseline and target are written in.
 */
import { z } from 'zod';
import { Id, isCalendarDate, LIMITS, UserRef } from './record';

export const READING_LIMITS = {
  note: 500,
  source: LIMITS.shortText,
  /** Readings kept per KPI: years of daily readings; the chart and the audit stay readable. */
  perKpi: 1000,
  /** Far beyond any KPI, still exact for whole numbers in a double. */
  magnitude: 1e15,
  earliest: '2000-01-01',
} as const;

/** A calendar date, one message at a time: each check stops the ones after it. */
const ReadingDate = z
  .string({ error: 'Date must be text' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date must look like 2026-03-31', abort: true })
  .refine(isCalendarDate, { error: (issue) => `${String(issue.input)} is not a date in the calendar`, abort: true })
  .refine((d) => d >= READING_LIMITS.earliest, { error: `A reading must be dated ${READING_LIMITS.earliest} or later` });

const optionalText = (max: number, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, { error: `${label} must be at most ${max} characters` })
    .optional();

/** What an editor or a feed sends; who and when are added by the server. */
export const KpiReadingInput = z
  .object({
    date: ReadingDate,
    // z.number refuses NaN and ±Infinity; a numeric string is refused too: feeds must send JSON numbers.
    value: z
      .number({ error: 'Value must be a number' })
      .min(-READING_LIMITS.magnitude, { error: `Value must be between -${READING_LIMITS.magnitude} and ${READING_LIMITS.magnitude}` })
      .max(READING_LIMITS.magnitude, { error: `Value must be between -${READING_LIMITS.magnitude} and ${READING_LIMITS.magnitude}` }),
    note: optionalText(READING_LIMITS.note, 'Note'),
    /** Where the value came from, e.g. "Datadog dashboard claims-prod". */
    source: optionalText(READING_LIMITS.source, 'Source'),
  })
  .strict();
export type KpiReadingInput = z.infer<typeof KpiReadingInput>;

/** Server-set: an editor in the panel, or the KPI feed token that posted it (feeds have no Jira user). */
export const ReadingRecorded = z.discriminatedUnion('via', [
  z.object({ via: z.literal('panel'), by: UserRef, at: z.string() }).strict(),
  z.object({ via: z.literal('feed'), tokenId: Id, at: z.string() }).strict(),
]);
export type ReadingRecorded = z.infer<typeof ReadingRecorded>;

export const KpiReading = KpiReadingInput.extend({ id: Id, kpiId: Id, recorded: ReadingRecorded }).strict();
export type KpiReading = z.infer<typeof KpiReading>;

/** Today is the caller's: the viewer's zone in the panel, UTC for the feed. */
export function readingDateProblem(date: string, today: string): string | undefined {
  return date > today ? `A reading cannot be dated after today (${today}).` : undefined;
}

/** The reading with the latest date not after today; on one date, the one recorded last. */
export function latestReading<R extends Pick<KpiReading, 'date' | 'recorded'>>(readings: readonly R[], today: string): R | undefined {
  let best: R | undefined;
  for (const r of readings) {
    if (r.date > today) continue;
    if (!best || r.date > best.date || (r.date === best.date && r.recorded.at > best.recorded.at)) best = r;
  }
  return best;
}
