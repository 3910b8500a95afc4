/** Project settings resolver handlers (project-page context). */
import type { Handlers } from '../kernel';
import { getProjectSettings, saveProjectSettings } from './project-settings';

export const settingsHandlers = {
  getProjectSettings: ({ ctx }) => getProjectSettings(ctx),
  saveProjectSettings: ({ ctx, payload }) => saveProjectSettings(ctx, payload),
} satisfies Partial<Handlers>;
