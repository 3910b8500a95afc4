import { useState } from 'react';
import { Inline } from '@atlaskit/primitives';
import type { PilotMetric } from '@src/domain/record';
import { EditForm, TextField, useSaveForm } from '../../handoff';

/** Adds a pilot success metric (what funded the pilot) or edits one. */
export function MetricForm({ metric, onDone }: { metric?: PilotMetric; onDone: () => void }) {
  const form = useSaveForm('metric', metric ? 'Pilot metric saved' : 'Pilot metric added');
  const [name, setName] = useState(metric?.name ?? '');
  const [result, setResult] = useState(metric?.result ?? '');
  const prefix = metric ? `metric-${metric.id}` : 'new-metric';

  const onSubmit = async () => {
    const input = { ...(metric ? { id: metric.id } : {}), name, result };
    if (await form.submit((c) => c.MetricInput, input, (parsed) => form.save('saveMetric', { metric: parsed }))) onDone();
  };

  return (
    <EditForm
      label={metric ? `Edit pilot metric ${metric.name}` : 'Add a pilot success metric'}
      form={form}
      onSubmit={onSubmit}
      onCancel={onDone}
      saveLabel="Save metric"
      saveTestId="save-metric"
    >
      <Inline space="space.150" alignBlock="end" shouldWrap>
        <TextField id={`${prefix}-name`} label="Pilot metric" isRequired value={name} onChange={setName} error={form.fieldErrors.name} width="medium" />
        <TextField id={`${prefix}-result`} label="Pilot result" value={result} onChange={setResult} error={form.fieldErrors.result} width="medium" />
      </Inline>
    </EditForm>
  );
}
