import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ProjectSettings } from '@src/domain/policy';
import type { SettingsView } from '@src/shared/contract';
import { call, useAction } from '@ui/api';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { Section } from '@ui/components/Section';
import { UserPicker } from '@ui/components/UserPicker';
import { DaysInput } from './DaysInput';
import { draftFrom, payloadFrom, type RemindersDraft } from './reminders-draft';

interface Props {
  settings: ProjectSettings;
  canAdminister: boolean;
  /** These settings are the ones this form just saved. */
  saved: boolean;
  /** The saved settings replace the ones on screen (the general form starts a new draft from them). */
  onSaved: (view: SettingsView) => void;
}

/** Report page → Settings: which daily reminders are sent, their days, and the sponsor contact (admins change them). */
export function RemindersSettings({ settings, canAdminister, saved, onSaved }: Props) {
  const [draft, setDraft] = useState<RemindersDraft>(() => draftFrom(settings.reminders));
  const [attempted, setAttempted] = useState(false);
  const result = useMemo(() => payloadFrom(draft), [draft]);
  const saving = useAction(async () => {
    if (!result.ok) return { ok: false as const, error: { code: 'VALIDATION' as const, message: 'Fix the highlighted fields.' } };
    const answer = await call('saveReminderSettings', { baseVersion: settings.version, ...result.payload });
    if (answer.ok) onSaved(answer.data);
    return answer;
  });
  const errors = attempted && !result.ok ? result.errors : {};
  const set = <K extends keyof RemindersDraft>(key: K, value: RemindersDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const toggle = (key: 'pilotClosing' | 'pilotClosed' | 'conditionReview' | 'kpiReview' | 'ownerNotAccepted' | 'stalled', label: string) => (
    <Checkbox testId={`reminder-${key}`} label={label} isChecked={draft[key]} isDisabled={!canAdminister} onChange={(e) => set(key, e.currentTarget.checked)} />
  );

  return (
    <form
      aria-label="Reminder settings"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setAttempted(true);
        if (result.ok) void saving.run();
      }}
    >
      <Section id="settings-reminders" title="Reminders" testId="reminder-settings">
        <Text color="color.text.subtle">
          Once a day, each person who can act hears what is due, in one message through Jira&apos;s notifications (mail follows their Jira settings). Each reminder is sent once per item and date.
        </Text>
        {saving.error && <ErrorBanner error={saving.error} testId="reminder-settings-error" />}
        {saved && !saving.error && (
          <div role="status" data-testid="reminder-settings-saved">
            <SectionMessage appearance="success">Reminder settings saved. The next daily run uses them.</SectionMessage>
          </div>
        )}
        {!canAdminister && <Text color="color.text.subtlest">Only project administrators can change the reminders.</Text>}
        <Stack space="space.100">
          <Inline space="space.150" alignBlock="end" shouldWrap>
            {toggle('pilotClosing', 'The pilot closes soon with questions open: tell the champion and the delivery owner')}
            <DaysInput id="reminder-pilot-closing-days" label="Days before the close" value={draft.pilotClosingDays} error={errors['pilotClosing.days']} isDisabled={!canAdminister} onChange={(v) => set('pilotClosingDays', v)} />
          </Inline>
          {toggle('pilotClosed', 'The pilot closed with questions open: tell the delivery owner and the sponsor contact')}
          {toggle('conditionReview', 'A permanent condition\'s review date is reached: tell the delivery owner (naming who sustains it)')}
          {toggle('kpiReview', 'A KPI review date passed without a reading: tell the delivery owner (naming the KPI\'s owner)')}
          <Inline space="space.150" alignBlock="end" shouldWrap>
            {toggle('ownerNotAccepted', 'The named delivery owner has not accepted: tell them')}
            <DaysInput id="reminder-owner-days" label="Days after being named" value={draft.ownerNotAcceptedDays} error={errors['ownerNotAccepted.days']} isDisabled={!canAdminister} onChange={(v) => set('ownerNotAcceptedDays', v)} />
          </Inline>
          {toggle('stalled', 'No change for the stall threshold: tell the delivery owner')}
          <UserPicker id="reminder-sponsor" label="Sponsor contact (told when a pilot closes with questions open)" value={draft.sponsorContact} isDisabled={!canAdminister} onChange={(u) => set('sponsorContact', u ?? undefined)} />
        </Stack>
        {canAdminister && (
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isLoading={saving.busy} testId="reminder-settings-save">
              Save reminders
            </Button>
          </Inline>
        )}
      </Section>
    </form>
  );
}
