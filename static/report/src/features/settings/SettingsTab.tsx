import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { ReadOnlySettings } from './ReadOnlySettings';
import { SettingsForm } from './SettingsForm';
import { useProjectSettings } from './useProjectSettings';

export function SettingsTab() {
  const { settings, saving } = useProjectSettings();
  const view = settings.data;
  if (settings.error) return <ErrorBanner error={settings.error} loading="the project settings" onReload={() => void settings.reload()} />;
  if (!view) return <LoadingState label="Loading project settings…" />;
  if (!view.canAdminister) return <ReadOnlySettings settings={view.settings} />;
  return (
    <SettingsForm
      // A new stored version (after a save or a reload) starts a new draft; a refused save keeps the draft.
      key={view.settings.version}
      settings={view.settings}
      saving={saving.busy}
      saveError={saving.error}
      saved={Boolean(saving.data)}
      onSave={(s) => void saving.run(s)}
      onReload={() => {
        // The latest version replaces the draft and the conflict banner goes with it.
        saving.reset();
        void settings.reload();
      }}
    />
  );
}
