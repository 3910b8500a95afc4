/**
 * Every project's saved settings in one KVS query per 100 projects (the `version` index lists them all):
 * the portfolio needs each project's initiative label and stall threshold without a read per project.
 */
import { kvs } from '@forge/kvs';
import type { ProjectSettings } from '../domain/policy';
import { guarded } from './errors';
import { SETTINGS_ENTITY } from './keys';
import { parseStoredSettings, type SettingsEntity } from './settings';

/** Project id → saved settings. A project that never saved any is absent: it has the defaults. */
export async function loadAllSettings(): Promise<Map<string, ProjectSettings>> {
  const out = new Map<string, ProjectSettings>();
  let cursor: string | undefined;
  do {
    const page = await guarded('read the projects\' settings', () => {
      let query = kvs.entity<SettingsEntity>(SETTINGS_ENTITY).query().index('version').limit(100);
      if (cursor) query = query.cursor(cursor);
      return query.getMany();
    });
    for (const r of page.results) out.set(r.key, parseStoredSettings(r.key, r.value));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
