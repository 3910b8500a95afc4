import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Textfield from '@atlaskit/textfield';
import { Label } from '@atlaskit/form';
import { Inline, Stack } from '@atlaskit/primitives';
import { FormFeedback, useSaveForm } from '../../handoff';

/** An editor adds a reading (date, value in the KPI's unit, optional note); the server checks it and audits it. */
export function ReadingForm({ kpiId, unit, onDone }: { kpiId: string; unit: string; onDone: () => void }) {
  const form = useSaveForm('reading');
  const [date, setDate] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const field = (id: string, label: string, input: JSX.Element, error?: string) => (
    <Stack space="space.050">
      <Label htmlFor={id}>{label}</Label>
      {input}
      {error && (
        <span id={`${id}-error`} role="alert" style={{ fontSize: 12 }}>
          {error}
        </span>
      )}
    </Stack>
  );
  return (
    <form
      aria-label="Add a reading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const reading = { date, value: value.trim() === '' ? Number.NaN : Number(value), ...(note.trim() ? { note } : {}) };
        void form.submit((c) => c.Payloads.addKpiReading.omit({ baseVersion: true }), { kpiId, reading }, (parsed) => form.save('addKpiReading', parsed)).then((done) => done && onDone());
      }}
    >
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="start" shouldWrap>
          {field(`reading-date-${kpiId}`, 'Date', <Textfield id={`reading-date-${kpiId}`} testId="reading-date" type="date" width="small" value={date} onChange={(e) => setDate(e.currentTarget.value)} />, form.fieldErrors.date)}
          {field(`reading-value-${kpiId}`, unit ? `Value (${unit})` : 'Value', <Textfield id={`reading-value-${kpiId}`} testId="reading-value" type="number" width="small" value={value} onChange={(e) => setValue(e.currentTarget.value)} />, form.fieldErrors.value)}
          {field(`reading-note-${kpiId}`, 'Note (optional)', <Textfield id={`reading-note-${kpiId}`} testId="reading-note" width="medium" value={note} onChange={(e) => setNote(e.currentTarget.value)} />, form.fieldErrors.note)}
        </Inline>
        <FormFeedback form={form} />
        <Inline space="space.100">
          <Button type="submit" appearance="primary" spacing="compact" isLoading={form.busy} testId="reading-save">
            Add reading
          </Button>
          <Button spacing="compact" onClick={onDone}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
