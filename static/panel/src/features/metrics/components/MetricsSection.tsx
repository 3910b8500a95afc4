import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { Section } from '@ui/components/Section';
import { useHandoff } from '../../handoff';
import { KpiForm } from './KpiForm';
import { KpiRow } from './KpiRow';
import { PilotMetrics } from './PilotMetrics';

export function MetricsSection() {
  const { view, canEdit } = useHandoff();
  const [adding, setAdding] = useState(false);
  const kpis = view.record?.kpis ?? [];
  const { operational, business } = view.policy.kpiMinimums;

  return (
    <Section id="metrics" title="2. Which metrics govern production, over what horizon?" testId="metrics-section">
      <PilotMetrics />
      <Stack space="space.100">
        <Heading size="xsmall" as="h4">
          Production KPIs
        </Heading>
        <Text color="color.text.subtle">
          Answered when at least {operational} operational and {business} business KPI are agreed, each with a time horizon.
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
    </Section>
  );
}
