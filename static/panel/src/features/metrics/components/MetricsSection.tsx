import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { HandoffView } from '@src/shared/contract';
import { CollapsibleSection, keys, useHandoff, useOpen, type ChipAppearance } from '../../handoff';
import { KpiForm } from './KpiForm';
import { KpiRow } from './KpiRow';
import { PilotMetrics } from './PilotMetrics';

/** "5 agreed · 3 operational, 2 business ✓": what counts toward the rule, and whether it is met. */
function chipOf(view: HandoffView): [string, ChipAppearance] {
  const { total, agreed, operationalAgreed, businessAgreed } = view.readiness.counts.kpis;
  if (total === 0) return ['None recorded', 'moved'];
  const need = view.policy.kpiMinimums;
  const met = operationalAgreed >= need.operational && businessAgreed >= need.business;
  return [`${agreed} agreed · ${operationalAgreed} operational, ${businessAgreed} business${met ? ' ✓' : ''}`, met ? 'success' : 'moved'];
}

export function MetricsSection() {
  const { view, canEdit } = useHandoff();
  const [adding, setAdding] = useOpen(keys.kpiForm());
  const kpis = view.record?.kpis ?? [];
  const { operational, business } = view.policy.kpiMinimums;
  const [chip, appearance] = chipOf(view);

  return (
    <CollapsibleSection id="metrics" title="2. Which metrics govern production, over what horizon?" chip={chip} chipAppearance={appearance} testId="metrics-section">
      <Stack space="space.100">
        <Heading size="xsmall" as="h4">
          Production KPIs
        </Heading>
        <Text color="color.text.subtle">
          Answered when at least {operational} operational and {business} business KPI are agreed, each with a time horizon. A proposed KPI does not count until it is agreed.
        </Text>
        {kpis.length === 0 ? (
          <Text color="color.text.subtlest">No production KPIs yet.</Text>
        ) : (
          <Stack as="ul" space="space.100" testId="kpi-list">
            {kpis.map((k) => (
              <KpiRow key={k.id} kpi={k} />
            ))}
          </Stack>
        )}
        {canEdit && (adding ? <KpiForm onDone={() => setAdding(false)} /> : (
          <Inline>
            <Button onClick={() => setAdding(true)} testId="add-kpi">
              Add KPI
            </Button>
          </Inline>
        ))}
      </Stack>
      <PilotMetrics />
    </CollapsibleSection>
  );
}
