import { useCallback, useEffect, useState } from 'react';
import type { ProjectSettings } from '../../../../src/domain/policy';
import type { ResolverError, SettingsView } from '../../../../src/shared/contract';
import { call } from '../../../shared/api';

export interface SettingsState {
  view?: SettingsView;
  loadError?: ResolverError;
  saving: boolean;
  saveError?: ResolverError;
  savedAt?: number;
}

export function useProjectSettings() {
  const [state, setState] = useState<SettingsState>({ saving: false });

  const load = useCallback(async () => {
    const answer = await call('getProjectSettings', {});
    setState((s) => (answer.ok ? { ...s, view: answer.data, loadError: undefined, saveError: undefined } : { ...s, loadError: answer.error }));
    return answer.ok ? answer.data : undefined;
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  /** Saves with the version the edit was based on; on failure the caller keeps its draft on screen. */
  const save = useCallback(async (settings: ProjectSettings) => {
    setState((s) => ({ ...s, saving: true, saveError: undefined, savedAt: undefined }));
    const answer = await call('saveProjectSettings', { settings });
    setState((s) => (answer.ok ? { ...s, saving: false, view: answer.data, savedAt: Date.now() } : { ...s, saving: false, saveError: answer.error }));
    return answer.ok ? answer.data : undefined;
  }, []);

  return { ...state, load, save };
}
