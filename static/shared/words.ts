/**
 * Product words as the UI shows them: one place, so panel, report and settings say the same thing.
 * Workstream names are the domain's own (WORKSTREAM_NAMES in src/domain/policy.ts): the issues the app
 * creates carry them too.
 */
import { humanDate, isTimeZone, isoToday } from '@src/domain/dates';

// The product's codes in words live in the domain, so the brief and the history say what the screens say.
export { CONDITION_KIND_LABELS, DECISION_LABELS, DIRECTION_LABELS, FLAG_LABELS, KPI_CATEGORY_LABELS, KPI_STATUS_LABELS, LEVEL_LABELS } from '@src/domain/labels';

// Jira shows times in the user's profile time zone, which need not be the browser's: mountRoot (mount.tsx) sets it
// from view.getContext().timezone once, before anything renders.
let displayTimeZone: string | undefined;
export function setDisplayTimeZone(timeZone: string | undefined): void {
  displayTimeZone = timeZone && isTimeZone(timeZone) ? timeZone : undefined;
}
export function getDisplayTimeZone(): string | undefined {
  return displayTimeZone;
}

/**
 * "12 Mar 2026" from an ISO date (a calendar day, shown as is) or a timestamp (its day in the user's zone):
 * dates as people write them, the same words the brief and the history use (humanDate).
 */
export function formatDate(iso: string | undefined): string {
  if (!iso) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return humanDate(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return humanDate(isoToday(date, displayTimeZone));
}

/** "12 Mar 2026, 14:03" in the user's zone. */
export function formatDateTime(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: displayTimeZone }).format(date);
  return `${humanDate(isoToday(date, displayTimeZone))}, ${time}`;
}
