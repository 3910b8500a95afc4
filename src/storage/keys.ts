/**
 * Every KVS key and entity name the app uses, in one place. Plain keys are ordered strings, so
 * prefixes plus zero-padded numbers and ISO times give chronological queries for free.
 */
export const HANDOFF_ENTITY = 'handoff';
export const SETTINGS_ENTITY = 'project-settings';
export const LOCK_ENTITY = 'lock';

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
