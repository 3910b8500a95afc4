import { ErrorBanner } from '../../../shared/components/ErrorBanner';
import { LoadingState } from '../../../shared/components/LoadingState';
import { ReadOnlySettings } from './ReadOnlySettings';
import { SettingsForm } from './SettingsForm';
import { useProjectSettings } from './useProjectSettings';

export function SettingsTab() {
  const settings = useProjectSettings();
  if (settings.loadError) return <ErrorBanner error={settings.loadError} loading="the project settings" onReload={() => void settings.load()} />;
  if (!settings.view) return <LoadingState label="Loading project settings…" />;
  if (!settings.view.canAdminister) return <ReadOnlySettings settings={settings.view.settings} />;
  return (
    <SettingsForm
      settings={settings.view.settings}
      saving={settings.saving}
      saveError={settings.saveError}
      savedAt={settings.savedAt}
      onSave={(s) => void settings.save(s)}
      onReload={() => void settings.load()}
    />
  );
}
