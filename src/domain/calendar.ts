/**
 * Months and quarters over YYYY-MM-DD calendar dates, counted in UTC like dates.ts, so no time zone or
 * DST shift can move a horizon's end, a review date or the month a metric is counted in.
 */
import { isCalendarDate } from './record';

/**
 * `date` plus `months` calendar months. A day the target month lacks becomes its last day (Jan 31 + 1
 * month = Feb 28, or Feb 29 in a leap year), as people read "one month after": never spilling into the
 * month after. Series of dates are computed from one start each time, so the clamp never accumulates.
 */
export function addMonths(date: string, months: number): string {
  if (!isCalendarDate(date)) throw new Error(`Not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = month === 1 ? (isLeapYear(year) ? 29 : 28) : MONTH_DAYS[month];
  return iso(year, month + 1, Math.min(d, lastDay));
}

/** The UTC calendar date of an ISO timestamp (Jira writes offsets such as -0600); undefined when it is not one. */
export function utcDateOf(timestamp: string): string | undefined {
  if (timestamp.length === 10) return isCalendarDate(timestamp) ? timestamp : undefined;
  if (timestamp.charAt(10) !== 'T') return undefined;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) return undefined;
  const date = new Date(ms).toISOString().slice(0, 10);
  // Date.parse rolls a 30th of February into March: in UTC the day must survive the round trip; with an offset, check the day itself.
  if (timestamp.endsWith('Z')) return date === timestamp.slice(0, 10) ? date : undefined;
  return isCalendarDate(timestamp.slice(0, 10)) ? date : undefined;
}

/** "2026-03" */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** "2026-Q1" */
export function quarterOf(date: string): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Arithmetic, not Date.UTC: Date.UTC maps years 0-99 to 1900-1999.
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function iso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
