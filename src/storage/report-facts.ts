/**
 * What every report call starts from, in ONE KVS request: the project's settings and the epic-level issue
 * type ids the report found last time. The type ids let the report's searches start without waiting for
 * Jira's answer on the project's types (a round trip on Forge); the caller still asks Jira every time and
 * searches again if they changed, so a remembered list never decides which epics are shown. The portfolio
 * does the same with the site's epic types (one key for the site).
 */
import { kvs } from '@forge/kvs';
import type { ProjectSettings } from '../domain/policy';
import { guarded, StorageError } from './errors';
import { PORTFOLIO_TYPES_KEY, reportTypesKey, SETTINGS_ENTITY, settingsKey } from './keys';
import { parseStoredSettings, type SettingsEntity } from './settings';

export interface ReportFacts {
  settings: ProjectSettings;
  /** null when none are remembered (or what is stored is not a list of ids). */
  epicTypeIds: string[] | null;
}

export async function loadReportFacts(projectId: string): Promise<ReportFacts> {
  const items = [{ entityName: SETTINGS_ENTITY, key: settingsKey(projectId) }, { key: reportTypesKey(projectId) }];
  const result = await guarded('read the project settings', () => kvs.batchGet<unknown>(items));
  const failure = result.failedKeys.find((f) => f.error?.code !== 'KEY_NOT_FOUND');
  if (failure) throw new StorageError(`Could not read ${failure.entityName ?? 'key'} ${failure.key}: ${failure.error?.message ?? failure.error?.code}`, undefined, 'read the project settings');
  const found = (key: string, entityName?: string) => result.successfulKeys.find((s) => s.key === key && (s.entityName ?? undefined) === entityName)?.value;
  const settings = parseStoredSettings(projectId, found(settingsKey(projectId), SETTINGS_ENTITY) as SettingsEntity | undefined);
  return { settings, epicTypeIds: rememberedIds(found(reportTypesKey(projectId))) };
}

/** What is stored, if it is a list of issue type ids; anyone's old or broken value counts as none remembered. */
function rememberedIds(value: unknown): string[] | null {
  const ids = (value as { ids?: unknown } | undefined)?.ids;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string' && /^\d{1,15}$/.test(id)) ? (ids as string[]) : null;
}

export async function rememberEpicTypeIds(projectId: string, ids: readonly string[]): Promise<void> {
  await guarded('remember the project\'s epic types', () => kvs.set(reportTypesKey(projectId), { ids: [...ids] }));
}

/** The site's epic types the portfolio found last time; null when none are remembered. */
export async function loadPortfolioEpicTypeIds(): Promise<string[] | null> {
  return rememberedIds(await guarded('read the portfolio\'s epic types', () => kvs.get<unknown>(PORTFOLIO_TYPES_KEY)));
}

export async function rememberPortfolioEpicTypeIds(ids: readonly string[]): Promise<void> {
  await guarded('remember the site\'s epic types', () => kvs.set(PORTFOLIO_TYPES_KEY, { ids: [...ids] }));
}
