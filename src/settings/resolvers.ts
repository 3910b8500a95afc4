/** Project settings resolver handlers (project-page context). */
import type { Handlers } from '../kernel';
import { getProjectSettings, saveProjectSettings, saveReminderSettings } from './project-settings';

export const settingsHandlers = {
  getProjectSettings: ({ ctx }) => getProjectSettings(ctx),
  saveProjectSettings: ({ ctx, payload }) => saveProjectSettings(ctx, payload),
  saveReminderSettings: ({ ctx, payload }) => saveReminderSettings(ctx, payload),
} satisfies Partial<Handlers>;
