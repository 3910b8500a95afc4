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

/** The report's remembered epic-level issue type ids of a project (storage/report-facts.ts). */
export const reportTypesKey = (projectId: string): string => `report-epic-types:${projectId}`;
