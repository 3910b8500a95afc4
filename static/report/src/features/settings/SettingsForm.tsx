import { useMemo, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Checkbox } from '@atlaskit/checkbox';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack } from '@atlaskit/primitives';
import { WORKSTREAM_NAMES, type ProjectSettings, type WorkstreamTemplate } from '@src/domain/policy';
import { CONDITION_KINDS, WORKSTREAM_KEYS, type WorkstreamKey } from '@src/domain/record';
import type { ResolverError } from '@src/shared/contract';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { Section } from '@ui/components/Section';
import { withoutPrefix } from '@ui/field-errors';
import { CONDITION_KIND_LABELS } from '@ui/words';
import { SelectInput, TextInput } from './fields';
import { TemplateEditor } from './TemplateEditor';
import { draftFrom, settingsFrom, type SettingsDraft } from './settings-draft';

const WORKSTREAM_OPTIONS = WORKSTREAM_KEYS.map((value) => ({ value, label: WORKSTREAM_NAMES[value] }));

interface Props {
  settings: ProjectSettings;
  saving: boolean;
  saveError?: ResolverError;
  /** The last save went through. */
  saved: boolean;
  onSave: (settings: ProjectSettings) => void;
  onReload: () => void;
}

export function SettingsForm({ settings, saving, saveError, saved, onSave, onReload }: Props) {
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [attempted, setAttempted] = useState(false);

  const result = useMemo(() => settingsFrom(draft), [draft]);
  const serverErrors = saveError?.code === 'VALIDATION' ? withoutPrefix(saveError.fieldErrors, 'settings') : {};
  const errors = { ...serverErrors, ...(attempted && !result.ok ? result.errors : {}) };
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setTemplate = (index: number, template: WorkstreamTemplate) =>
    setDraft((d) => ({ ...d, workstreamTemplates: d.workstreamTemplates.map((t, i) => (i === index ? template : t)) }));

  const submit = () => {
    setAttempted(true);
    if (result.ok) onSave(result.settings);
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      aria-label="Project settings"
    >
      <Stack space="space.300">
        {saveError && <ErrorBanner error={saveError} onReload={saveError.code === 'CONFLICT' ? onReload : undefined} testId="settings-error" />}
        {attempted && !result.ok && (
          <SectionMessage appearance="warning" title="Some settings need fixing">
            <p>{`${Object.keys(result.errors).length} field(s) below are not valid yet.`}</p>
          </SectionMessage>
        )}
        {saved && !saveError && (
          <div data-testid="settings-saved" role="status">
            <SectionMessage appearance="success">Settings saved. New workstreams and readiness use them from now on.</SectionMessage>
          </div>
        )}
        <Section id="settings-scope" title="Which epics are initiatives">
          <TextInput id="initiative-label" width="medium" label="Initiative label" value={draft.initiativeLabel} error={errors.initiativeLabel}
            help="The report lists epics with this label and any epic that has a handoff. Leave empty to list every epic of the project." onChange={(v) => set('initiativeLabel', v)} />
        </Section>
        <Section id="settings-gate" title="What counts as decided">
          <Inline space="space.200" shouldWrap>
            <TextInput id="kpi-operational" type="number" width="small" label="Agreed operational KPIs needed" value={draft.operational} error={errors['kpiMinimums.operational']} onChange={(v) => set('operational', v)} />
            <TextInput id="kpi-business" type="number" width="small" label="Agreed business KPIs needed" value={draft.business} error={errors['kpiMinimums.business']} onChange={(v) => set('business', v)} />
          </Inline>
          <Checkbox
            testId="require-owner-acceptance"
            label="The delivery owner must accept ownership before the question counts as answered"
            isChecked={draft.requireOwnerAcceptance}
            onChange={(e) => set('requireOwnerAcceptance', e.currentTarget.checked)}
          />
        </Section>
        <Section id="settings-signals" title="Signals in the report">
          <Inline space="space.200" shouldWrap>
            <TextInput id="ship-signal-threshold" type="number" width="small" label="Ship signal when withdrawn conditions exceed (%)" value={draft.shipSignalPercent}
              error={errors.shipSignalThreshold} help="Share of decided conditions that were withdrawn; 50 means more than half." onChange={(v) => set('shipSignalPercent', v)} />
            <TextInput id="stall-days" type="number" width="small" label="Stalled after days without a change" value={draft.stallDays} error={errors.stallDays} onChange={(v) => set('stallDays', v)} />
          </Inline>
        </Section>
        <Section id="settings-workstreams" title="Workstreams">
          <TextInput id="workstream-issue-type" width="medium" label="Issue type for workstream issues" value={draft.workstreamIssueType} error={errors.workstreamIssueType}
            help="A standard (level 0) issue type; Task is used when this one does not exist." onChange={(v) => set('workstreamIssueType', v)} />
          {errors.workstreamTemplates && <SectionMessage appearance="error">{errors.workstreamTemplates}</SectionMessage>}
          {draft.workstreamTemplates.map((template, index) => (
            <TemplateEditor key={template.key} index={index} template={template} errors={errors} onChange={(t) => setTemplate(index, t)} />
          ))}
        </Section>
        <Section id="settings-condition-workstreams" title="Sub-tasks from withdrawn conditions">
          <p>Each withdrawn pilot condition becomes a sub-task, “Set up the production path”, under the workstream its kind belongs to.</p>
          <Inline space="space.200" shouldWrap>
            {CONDITION_KINDS.map((kind) => (
              <SelectInput<WorkstreamKey>
                key={kind}
                id={`condition-workstream-${kind}`}
                label={`${CONDITION_KIND_LABELS[kind]} conditions`}
                value={draft.conditionWorkstreams[kind]}
                options={WORKSTREAM_OPTIONS}
                onChange={(workstream) => set('conditionWorkstreams', { ...draft.conditionWorkstreams, [kind]: workstream })}
              />
            ))}
          </Inline>
        </Section>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={saving} testId="settings-save">
            Save settings
          </Button>
          <Button onClick={() => setDraft(draftFrom(settings))} isDisabled={saving} testId="settings-discard">
            Discard changes
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
