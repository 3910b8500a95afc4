import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { PilotMetric, ProductionKpi } from '@src/domain/record';
import { ConfirmRemove, FormFeedback, useHandoff, useSaveForm } from '../../handoff';
import { MetricForm } from './MetricForm';

/** What removing a pilot metric changes besides the metric: the KPIs that said they replace it lose that link. */
function unlinkedKpis(metric: PilotMetric, kpis: ProductionKpi[]): string[] {
  const replacing = kpis.filter((k) => k.replacesMetricId === metric.id).map((k) => `“${k.name}”`);
  if (replacing.length === 0) return ['No production KPI says it replaces this metric, so nothing else changes.'];
  const list = replacing.length === 1 ? `The KPI ${replacing[0]} no longer says` : `The KPIs ${replacing.slice(0, -1).join(', ')} and ${replacing[replacing.length - 1]} no longer say`;
  return [`${list} which pilot metric it replaces.`, 'The KPIs themselves stay.'];
}

export function PilotMetrics() {
  const { view, canEdit, save } = useHandoff();
  const [adding, setAdding] = useState(false);
  const [confirming, setConfirming] = useState<string | null>(null);
  const remove = useSaveForm('', 'Pilot metric removed');
  const metrics = view.record?.pilotMetrics ?? [];
  const kpis = view.record?.kpis ?? [];
  const removeNow = async (metricId: string) => {
    if (await remove.send(() => save('removeMetric', { metricId }))) setConfirming(null);
  };
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h4">
        Pilot success metrics
      </Heading>
      <FormFeedback form={remove} />
      {metrics.length === 0 ? (
        <Text color="color.text.subtlest">No pilot metrics recorded.</Text>
      ) : (
        <Stack as="ul" space="space.050" testId="metric-list">
          {metrics.map((m) => (
            <li key={m.id} data-testid="metric-row">
              <Inline space="space.100" alignBlock="center">
                <Text weight="medium">{m.name}</Text>
                {m.result && <Text color="color.text.subtle">— {m.result}</Text>}
                {canEdit && confirming !== m.id && (
                  <Button appearance="subtle" spacing="compact" aria-label={`Remove pilot metric ${m.name}`} onClick={() => setConfirming(m.id)}>
                    Remove
                  </Button>
                )}
              </Inline>
              {confirming === m.id && (
                <ConfirmRemove what={`the pilot metric “${m.name}”`} consequences={unlinkedKpis(m, kpis)} busy={remove.busy} onConfirm={() => void removeNow(m.id)} onCancel={() => setConfirming(null)} />
              )}
            </li>
          ))}
        </Stack>
      )}
      {canEdit && (adding ? <MetricForm onDone={() => setAdding(false)} /> : (
        <Inline>
          <Button onClick={() => setAdding(true)} testId="add-metric">
            Add pilot metric
          </Button>
        </Inline>
      ))}
    </Stack>
  );
}
