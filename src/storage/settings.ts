/**
 * Project settings (report page → Settings): one `project-settings` entity per project, versioned like
 * records so two admins cannot overwrite each other, with an audit entry per change.
 */
import { kvs } from '@forge/kvs';
import { defaultProjectSettings, defaultSubtasksOf, ProjectSettings, withoutControlCharacters } from '../domain/policy';
import { WORKSTREAM_KEYS, type UserRef, type WorkstreamKey } from '../domain/record';
import { guarded, StorageError } from './errors';
import { versionCondition } from './versions';
import { auditKey, SETTINGS_ENTITY, settingsKey } from './keys';
import type { AuditEntry } from '../domain/record';
import type { Conflict } from './records';
import { compactHistory } from './size';

export interface SettingsEntity {
  version: number;
  /** Epoch ms: a `float` attribute (`integer` is 32-bit). */
  updatedAt: number;
  updatedBy: UserRef;
  settings: ProjectSettings;
}

const entity = () => kvs.entity<SettingsEntity>(SETTINGS_ENTITY);

/** The project's settings, or the defaults (version 0) when an admin never saved any. */
export async function loadSettings(projectId: string): Promise<ProjectSettings> {
  const stored = await guarded('read the project settings', () => entity().get(settingsKey(projectId)));
  return parseStoredSettings(projectId, stored);
}

/** The defaults (version 0) when nothing is stored; an unreadable stored value is an error. */
export function parseStoredSettings(projectId: string, stored: SettingsEntity | undefined): ProjectSettings {
  if (!stored) return defaultProjectSettings();
  // A label saved before control characters were refused would make the settings unreadable for everyone, the
  // admin who could fix it included: read it without them.
  const label = stored.settings.initiativeLabel as unknown;
  const initiativeLabel = typeof label === 'string' ? withoutControlCharacters(label) : label;
  const parsed = ProjectSettings.safeParse({ ...stored.settings, initiativeLabel, workstreamTemplates: withSubtasks(stored.settings.workstreamTemplates), version: stored.version });
  if (!parsed.success) throw new StorageError(`The stored settings of project ${projectId} are unreadable`);
  return parsed.data;
}

/** Templates saved before they had sub-tasks get their workstream's default sub-tasks (an empty list saved since stays empty). */
function withSubtasks(templates: unknown): unknown {
  if (!Array.isArray(templates)) return templates;
  return templates.map((t: unknown) => {
    if (typeof t !== 'object' || t === null || 'subtasks' in t) return t;
    const key = (t as { key?: unknown }).key;
    return { ...t, subtasks: typeof key === 'string' && WORKSTREAM_KEY_SET.has(key) ? defaultSubtasksOf(key as WorkstreamKey) : [] };
  });
}
const WORKSTREAM_KEY_SET: ReadonlySet<string> = new Set(WORKSTREAM_KEYS);

export type SaveSettingsOutcome = { ok: true; settings: ProjectSettings } | { ok: false; conflict: Conflict };

export async function saveSettings(projectId: string, baseVersion: number, settings: ProjectSettings, by: UserRef): Promise<SaveSettingsOutcome> {
  const before = await loadSettings(projectId);
  if (before.version !== baseVersion) return { ok: false, conflict: await conflictOf(projectId, before.version) };
  const version = baseVersion + 1;
  const at = new Date().toISOString();
  const next: ProjectSettings = { ...settings, version };
  const changes = (Object.keys(next) as Array<keyof ProjectSettings>)
    .filter((k) => k !== 'version' && JSON.stringify(before[k]) !== JSON.stringify(next[k]))
    .map((k) => ({ field: `settings.${k}`, from: before[k], to: next[k] }));
  // Templates are long: the same bound as every other entry, so the trail's pages stay within a response.
  const audit: AuditEntry = compactHistory({ version, at, by, action: 'saveProjectSettings', summary: `${by.displayName} changed the project settings`, changes, projectId });
  const condition = versionCondition<SettingsEntity>(baseVersion);
  try {
    await kvs
      .transact()
      .set(settingsKey(projectId), { version, updatedAt: Date.parse(at), updatedBy: by, settings: next } satisfies SettingsEntity, { entityName: SETTINGS_ENTITY, conditions: condition })
      .set(auditKey(projectId, at, 'settings', version), audit)
      .execute();
    return { ok: true, settings: next };
  } catch (e) {
    const current = await loadSettings(projectId).catch(() => undefined);
    if (current && current.version !== baseVersion) return { ok: false, conflict: await conflictOf(projectId, current.version) };
    throw new StorageError(`Could not save the project settings: ${e instanceof Error ? e.message : String(e)}`, e, 'save the project settings');
  }
}

async function conflictOf(projectId: string, version: number): Promise<Conflict> {
  const stored = await entity().get(settingsKey(projectId)).catch(() => undefined);
  return { version, by: stored?.updatedBy ?? { accountId: 'unknown', displayName: 'Someone' }, at: stored ? new Date(stored.updatedAt).toISOString() : new Date().toISOString() };
}
