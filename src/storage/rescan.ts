/**
 * Projects whose reminder settings (or stall threshold) changed since the summaries were written: their
 * epics' `remindOn` may now be later than the truth, so the next daily run looks at every initiative of
 * the project once (and rewrites their summaries) instead of trusting the search on `remindOn`.
 */
import { kvs, WhereConditions } from '@forge/kvs';
import { guarded } from './errors';
import { RESCAN_PREFIX, rescanKey } from './keys';

export async function markRescan(projectId: string, settingsVersion: number): Promise<void> {
  await guarded('note the reminder settings change', () => kvs.set(rescanKey(projectId), { settingsVersion }));
}

/** Project id → the settings version that asked for the rescan. */
export async function rescanProjects(): Promise<Map<string, number>> {
  return guarded('read the projects to look at again', async () => {
    const out = new Map<string, number>();
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(RESCAN_PREFIX)).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<{ settingsVersion: number }>();
      for (const r of page.results) out.set(r.key.slice(RESCAN_PREFIX.length), r.value.settingsVersion);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  });
}

/** Done with a project's rescan, unless its settings changed again meanwhile (a newer version asked). */
export async function clearRescan(projectId: string, settingsVersion: number): Promise<void> {
  await guarded('clear the rescan note', async () => {
    const now = await kvs.get<{ settingsVersion: number }>(rescanKey(projectId));
    if (now && now.settingsVersion === settingsVersion) await kvs.delete(rescanKey(projectId));
  });
}
