/**
 * Project settings (report page → Settings): anyone who can browse the project may read them; only a
 * project admin, checked on the server as the user, may change them. Saves are version-checked and
 * audited by the storage adapter.
 */
import type { SettingsView } from '../shared/contract';
import type { ProjectSettings } from '../domain/policy';
import { loadSettings, saveSettings } from '../storage';
import { AppError, currentUser, projectPermissions, requireProject, requireProjectAdmin, type CallContext } from '../kernel';

export async function getProjectSettings(ctx: CallContext): Promise<SettingsView> {
  const { project } = requireProject(ctx);
  const can = await projectPermissions(ctx.userJira, project.key);
  return { settings: await loadSettings(project.id), canAdminister: can.ADMINISTER_PROJECTS };
}

export async function saveProjectSettings(ctx: CallContext, payload: { settings: ProjectSettings }): Promise<SettingsView> {
  const { project, accountId } = requireProject(ctx);
  await requireProjectAdmin(ctx.userJira, project.key);
  const by = await currentUser(ctx.userJira, accountId);
  const outcome = await saveSettings(project.id, payload.settings.version, payload.settings, by);
  if (!outcome.ok) {
    const { conflict } = outcome;
    throw new AppError('CONFLICT', `${conflict.by.displayName} changed these settings at ${conflict.at}. Your changes are still on screen: review theirs and save again.`, { conflict });
  }
  return { settings: outcome.settings, canAdminister: true };
}
