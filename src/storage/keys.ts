/**
 * Every KVS key and entity name the app uses, in one place. Plain keys are ordered strings, so
 * prefixes plus zero-padded numbers and ISO times give chronological queries for free.
 */
export const HANDOFF_ENTITY = 'handoff';
export const SETTINGS_ENTITY = 'project-settings';
export const LOCK_ENTITY = 'lock';
/** The reminders' exactly-once ledger: one entity per (reminder item, recipient). */
export const REMINDER_ENTITY = 'reminder-sent';

const VERSION_DIGITS = 10;

export const padVersion = (version: number): string => String(version).padStart(VERSION_DIGITS, '0');

/** One entity per epic, keyed by issue id (keys change when an issue moves project). */
export const handoffKey = (issueId: string): string => issueId;
export const settingsKey = (projectId: string): string => projectId;

export const historyPrefix = (issueId: string): string => `history:${issueId}:`;
export const historyKey = (issueId: string, version: number): string => `${historyPrefix(issueId)}${padVersion(version)}`;

export const auditPrefix = (projectId: string): string => `audit:${projectId}:`;
/** Subject is an issue id, or "settings" for project settings changes. */
export const auditKey = (projectId: string, at: string, subject: string, version: number): string => `${auditPrefix(projectId)}${at}:${subject}:${padVersion(version)}`;

export const lockKey = (name: string): string => `lock:${name}`;

/** The report's remembered epic-level issue type ids of a project (storage/report-facts.ts). */
export const reportTypesKey = (projectId: string): string => `report-epic-types:${projectId}`;
/** The portfolio's remembered epic-level issue type ids of the site (storage/report-facts.ts). */
export const PORTFOLIO_TYPES_KEY = 'portfolio-epic-types';

/** A KPI reading, outside the record: per epic and KPI, in date order (then the reading's id). */
export const readingPrefix = (issueId: string, kpiId: string): string => `reading:${issueId}:${kpiId}:`;
export const readingKey = (issueId: string, kpiId: string, date: string, readingId: string): string => `${readingPrefix(issueId, kpiId)}${date}:${readingId}`;

/** Item keys are built from issue, KPI and condition ids, kinds and dates; account ids are [A-Za-z0-9:_-]. */
export const reminderKey = (itemKey: string, accountId: string): string => `reminder:${itemKey}:${accountId}`;

/** A KPI feed token by the SHA-256 of the token (the token itself is never stored), and its details per project. */
export const feedTokenKey = (tokenHash: string): string => `feed-token:${tokenHash}`;
export const feedTokenInfoPrefix = (projectId: string): string => `feed-token-info:${projectId}:`;
export const feedTokenInfoKey = (projectId: string, tokenId: string): string => `${feedTokenInfoPrefix(projectId)}${tokenId}`;

/** A project whose reminder settings changed: the next daily run looks at all its initiatives once. */
export const RESCAN_PREFIX = 'reminders-rescan:';
export const rescanKey = (projectId: string): string => `${RESCAN_PREFIX}${projectId}`;

/**
 * Key prefixes that together hold every audit entry of the project from the day `from` (YYYY-MM-DD, UTC)
 * until `to`. KVS queries plain keys by prefix only, and audit keys carry the ISO time, so a time range is
 * a handful of prefixes: tens of days (`2026-09-1`: the 10th to the 19th) until the first month ends, then
 * whole months. It reads at most the 9 days before `from` and nothing older.
 */
export function auditPrefixesSince(projectId: string, from: string, to: string): string[] {
  const base = auditPrefix(projectId);
  const [year, month, day] = from.split('-').map(Number);
  const monthOf = (index: number) => `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  const first = year * 12 + month - 1;
  const prefixes: string[] = [];
  // From the 10th on, tens of days; before it, the whole month reads at most the 9 days before `from` too.
  if (day >= 10) for (let tens = Math.floor(day / 10); tens <= 3; tens++) prefixes.push(`${base}${monthOf(first)}-${tens}`);
  for (let m = day >= 10 ? first + 1 : first; monthOf(m) <= to.slice(0, 7); m++) prefixes.push(`${base}${monthOf(m)}`);
  return prefixes;
}
