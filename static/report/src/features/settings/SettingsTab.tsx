import { useState } from 'react';
import { Stack } from '@atlaskit/primitives';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { ReadOnlySettings } from './ReadOnlySettings';
import { SettingsForm } from './SettingsForm';
import { useProjectSettings } from './useProjectSettings';
import { FeedTokens, RemindersSettings } from '../reminders';

export function SettingsTab() {
  const { settings, saving } = useProjectSettings();
  // The reminders form starts afresh from each stored version; it says "saved" for the version it saved.
  const [remindersSaved, setRemindersSaved] = useState<number>();
  const view = settings.data;
  if (settings.error) return <ErrorBanner error={settings.error} loading="the project settings" onReload={() => void settings.reload()} />;
  if (!view) return <LoadingState label="Loading project settings…" />;
  // Reminders and the KPI feed have their own forms and saves (the reminders' version check covers the whole settings).
  const reminders = (
    <RemindersSettings
      key={`reminders-${view.settings.version}`}
      settings={view.settings}
      canAdminister={view.canAdminister}
      saved={remindersSaved === view.settings.version}
      onSaved={(saved) => {
        setRemindersSaved(saved.settings.version);
        settings.show(saved);
      }}
    />
  );
  if (!view.canAdminister) return (
    <Stack space="space.300">
      <ReadOnlySettings settings={view.settings} />
      {reminders}
    </Stack>
  );
  return (
    <Stack space="space.300">
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
    {reminders}
    <FeedTokens />
    </Stack>
  );
}
