import SectionMessage from '@atlaskit/section-message';
import { Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { WORKSTREAM_NAMES, type ProjectSettings } from '@src/domain/policy';
import { Section } from '@ui/components/Section';
import { CONDITION_KINDS } from '@src/domain/record';
import { CONDITION_KIND_LABELS } from '@ui/words';

const termStyle = { font: token('font.heading.xxsmall'), color: token('color.text.subtle'), marginTop: token('space.100') };
const valueStyle = { margin: 0, font: token('font.body'), color: token('color.text') };

function Entry({ term, value, testId }: { term: string; value: string; testId?: string }) {
  return (
    <>
      <dt style={termStyle}>{term}</dt>
      <dd style={valueStyle} data-testid={testId}>
        {value}
      </dd>
    </>
  );
}

export function ReadOnlySettings({ settings }: { settings: ProjectSettings }) {
  return (
    <Stack space="space.300" testId="settings-read-only">
      <SectionMessage appearance="information">
        <p>Only project administrators can change these settings.</p>
      </SectionMessage>
      <Section id="settings-policy" title="Project policy">
        <dl style={{ margin: 0 }}>
          <Entry term="Initiatives" value={settings.initiativeLabel ? `Epics labelled ${settings.initiativeLabel}, and any epic with a handoff` : 'Every epic of the project'} testId="ro-initiative-label" />
          <Entry term="Agreed operational KPIs needed" value={String(settings.kpiMinimums.operational)} testId="ro-kpi-operational" />
          <Entry term="Agreed business KPIs needed" value={String(settings.kpiMinimums.business)} testId="ro-kpi-business" />
          <Entry term="Delivery owner must accept" value={settings.requireOwnerAcceptance ? 'Yes' : 'No'} />
          <Entry term="Ship signal when withdrawn conditions exceed" value={`${Math.round(settings.shipSignalThreshold * 100)}%`} />
          <Entry term="Stalled after" value={`${settings.stallDays} days without a change`} testId="ro-stall-days" />
          <Entry term="Issue type for workstream issues" value={settings.workstreamIssueType} />
        </dl>
      </Section>
      <Section id="settings-templates" title="Workstreams">
        <dl style={{ margin: 0 }}>
          {settings.workstreamTemplates.map((t) => (
            <Entry
              key={t.key}
              term={`${WORKSTREAM_NAMES[t.key]}${t.enabled ? '' : ' (not created)'}`}
              value={`${t.titlePattern}${t.subtasks.length ? `; sub-tasks: ${t.subtasks.map((s) => s.summary).join('; ')}` : ''}`}
              testId={`ro-template-${t.key}`}
            />
          ))}
        </dl>
      </Section>
      <Section id="settings-condition-workstreams" title="Sub-tasks from withdrawn conditions">
        <dl style={{ margin: 0 }}>
          {CONDITION_KINDS.map((kind) => (
            <Entry key={kind} term={`${CONDITION_KIND_LABELS[kind]} conditions`} value={WORKSTREAM_NAMES[settings.conditionWorkstreams[kind]]} />
          ))}
        </dl>
      </Section>
    </Stack>
  );
}
