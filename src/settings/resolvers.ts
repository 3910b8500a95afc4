/** Project settings resolvers (project-page context). */
import { defineResolver } from '../resolvers/registry';
import { getProjectSettings, saveProjectSettings } from './project-settings';

export const settingsResolvers = [
  defineResolver('getProjectSettings', ({ ctx }) => getProjectSettings(ctx)),
  defineResolver('saveProjectSettings', ({ ctx, payload }) => saveProjectSettings(ctx, payload)),
] as const;
