/** Calendar-date helpers. Dates are YYYY-MM-DD and compared as UTC midnights, so no DST shift can change a count. */

const DAY_MS = 86_400_000;

function utcMidnight(isoDate: string): number {
  const ms = Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`Not a calendar date: ${isoDate}`);
  return ms;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). Accepts ISO timestamps too: only the date part counts. */
export function daysBetween(from: string, to: string): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/** Whether `name` is an IANA time zone this runtime knows (e.g. "Pacific/Auckland", "UTC"). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The calendar date of `date` in `timeZone` (an IANA name, e.g. "Europe/Berlin"); UTC when the zone is
 * unknown. What acts for no one user counts in UTC — the workflow gate and the issue-event trigger (a Forge
 * function's context carries no time zone), and the searchable summary (one copy that every viewer shares).
 */
export function isoToday(date: Date, timeZone = 'UTC'): string {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export function addDays(isoDate: string, days: number): string {
  return new Date(utcMidnight(isoDate) + days * DAY_MS).toISOString().slice(0, 10);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * A calendar date as people write it, "20 Nov 2026", from YYYY-MM-DD (or the date part of an ISO
 * timestamp, already in the zone that matters): never an ISO string in a sentence. Anything else is
 * returned as it came.
 */
export function humanDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  const month = m ? MONTHS[Number(m[2]) - 1] : undefined;
  if (!m || !month) return isoDate;
  return `${Number(m[3])} ${month} ${m[1]}`;
}
