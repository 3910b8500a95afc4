import { daysBetween, isoToday } from '@src/domain/dates';
import { getDisplayTimeZone } from '@ui/words';

const format = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/**
 * "today", "yesterday", "3 days ago", "2 months ago": how Jira words a last change. Days are calendar
 * days in the user's profile time zone (from Jira), not the browser's nor UTC.
 */
export function relativeDate(iso: string | undefined, now: Date = new Date(), timeZone: string = getDisplayTimeZone() ?? 'UTC'): string {
  if (!iso) return '';
  const then = new Date(iso);
  if (Number.isNaN(then.getTime())) return iso;
  const days = daysBetween(isoToday(now, timeZone), isoToday(then, timeZone));
  if (Math.abs(days) < 30) return format.format(days, 'day');
  if (Math.abs(days) < 365) return format.format(Math.round(days / 30), 'month');
  return format.format(Math.round(days / 365), 'year');
}
