import type { ProjectSettings } from '@src/domain/policy';
import { call, useAction, useResolver } from '@ui/api';

/** The project's settings, and saving them with the version the edit was based on (on failure the form keeps its draft). */
export function useProjectSettings() {
  const settings = useResolver(() => call('getProjectSettings', {}), []);
  const { show } = settings;
  const saving = useAction(async (next: ProjectSettings) => {
    const answer = await call('saveProjectSettings', { settings: next });
    if (answer.ok) show(answer.data);
    return answer;
  });
  return { settings, saving };
}
