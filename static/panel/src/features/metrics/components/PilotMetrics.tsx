import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { FormFeedback, useHandoff, useSaveForm } from '../../handoff';
import { MetricForm } from './MetricForm';

export function PilotMetrics() {
  const { view, canEdit, save } = useHandoff();
  const [adding, setAdding] = useState(false);
  const remove = useSaveForm();
  const metrics = view.record?.pilotMetrics ?? [];
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
                {canEdit && (
                  <Button appearance="subtle" spacing="compact" aria-label={`Remove pilot metric ${m.name}`} onClick={() => void remove.submit(null, null, () => save('removeMetric', { metricId: m.id }))}>
                    Remove
                  </Button>
                )}
              </Inline>
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
