/**
 * Project settings (report page → Settings): anyone who can browse the project may read them; only a
 * project admin, checked on the server as the user, may change them. Saves are version-checked and
 * audited by the storage adapter.
 */
import type { SettingsView } from '../shared/contract';
import type { ProjectSettings } from '../domain/policy';
import type { ReminderSettings } from '../domain/reminder-settings';
import { loadSettings, markRescan, saveSettings } from '../storage';
import { AppError, currentUser, projectPermissions, requireProject, requireProjectAdmin, type CallContext } from '../kernel';

export async function getProjectSettings(ctx: CallContext): Promise<SettingsView> {
  const { project } = requireProject(ctx);
  const can = await projectPermissions(ctx.userJira, project.key);
  return { settings: await loadSettings(project.id), canAdminister: can.ADMINISTER_PROJECTS };
}

/**
 * The general settings form. Reminder settings are saved by their own form (saveReminderSettings, which
 * resolves the sponsor contact in Jira): whatever reminders this payload carries, the stored ones are kept.
 * The version check still covers them: a reminders save in between makes this one a CONFLICT.
 */
export async function saveProjectSettings(ctx: CallContext, payload: { settings: ProjectSettings }): Promise<SettingsView> {
  const { project, accountId } = requireProject(ctx);
  await requireProjectAdmin(ctx.userJira, project.key);
  const [by, stored] = await Promise.all([currentUser(ctx.userJira, accountId), loadSettings(project.id)]);
  return save(project.id, { ...payload.settings, reminders: stored.reminders }, by);
}

export async function saveReminderSettings(
  ctx: CallContext,
  payload: { baseVersion: number; reminders: Omit<ReminderSettings, 'sponsorContact'>; sponsorContactAccountId: string | null },
): Promise<SettingsView> {
  const { project, accountId } = requireProject(ctx);
  await requireProjectAdmin(ctx.userJira, project.key);
  const [by, stored, sponsor] = await Promise.all([
    currentUser(ctx.userJira, accountId),
    loadSettings(project.id),
    payload.sponsorContactAccountId === null ? Promise.resolve(null) : ctx.userJira.getUser(payload.sponsorContactAccountId),
  ]);
  if (payload.sponsorContactAccountId !== null && !sponsor) {
    throw new AppError('VALIDATION', 'That Jira user does not exist.', { fieldErrors: { sponsorContactAccountId: 'No Jira user with this account id' } });
  }
  const reminders: ReminderSettings = { ...payload.reminders, ...(sponsor ? { sponsorContact: { accountId: sponsor.accountId, displayName: sponsor.displayName.slice(0, 200) } } : {}) };
  return save(project.id, { ...stored, version: payload.baseVersion, reminders }, by);
}

async function save(projectId: string, settings: ProjectSettings, by: Awaited<ReturnType<typeof currentUser>>): Promise<SettingsView> {
  const outcome = await saveSettings(projectId, settings.version, settings, by);
  if (!outcome.ok) {
    const { conflict } = outcome;
    throw new AppError('CONFLICT', `${conflict.by.displayName} changed these settings at ${conflict.at}. Your changes are still on screen: review theirs and save again.`, { conflict });
  }
  // Every epic's `remindOn` was computed with the old settings: the next daily run looks at the whole project.
  await markRescan(projectId, outcome.settings.version).catch((e) => console.error('Could not note the settings change for the reminders run', e));
  return { settings: outcome.settings, canAdminister: true };
}
