import { useState } from 'react';
import type { ConditionKind, PilotCondition } from '@src/domain/record';
import { CONDITION_KINDS } from '@src/domain/vocabulary';
import { CONDITION_KIND_LABELS } from '@ui/words';
import { EditForm, SelectField, TextAreaField, TextField, useHandoff, useSaveForm } from '../../handoff';

const KIND_OPTIONS = CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_KIND_LABELS[k] }));

interface Draft {
  kind: ConditionKind | undefined;
  name: string;
  details: string;
  grantedBy: string;
}

const draftOf = (c?: PilotCondition): Draft => ({ kind: c?.kind, name: c?.name ?? '', details: c?.details ?? '', grantedBy: c?.grantedBy ?? '' });

/** Adds a condition, or edits one when `condition` is given. Input survives a failed save. */
export function ConditionForm({ condition, onDone }: { condition?: PilotCondition; onDone: () => void }) {
  const { save } = useHandoff();
  const form = useSaveForm('condition');
  const [draft, setDraft] = useState<Draft>(() => draftOf(condition));
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const prefix = condition ? `condition-${condition.id}` : 'new-condition';

  const onSubmit = async () => {
    const input = { ...(condition ? { id: condition.id } : {}), kind: draft.kind, name: draft.name, details: draft.details, grantedBy: draft.grantedBy };
    const saved = await form.submit((c) => c.ConditionInput, input, (parsed) => save('saveCondition', { condition: parsed }));
    if (saved) onDone();
  };

  return (
    <EditForm
      label={condition ? `Edit condition ${condition.name}` : 'Add a pilot condition'}
      form={form}
      onSubmit={onSubmit}
      onCancel={onDone}
      saveLabel="Save condition"
      saveTestId="save-condition"
      boxed={{ testId: `${prefix}-form` }}
    >
      <SelectField id={`${prefix}-kind`} label="Kind" isRequired value={draft.kind} options={KIND_OPTIONS} onChange={set('kind')} error={form.fieldErrors.kind} placeholder="Choose a kind" />
      <TextField id={`${prefix}-name`} label="Condition" isRequired value={draft.name} onChange={set('name')} error={form.fieldErrors.name} helper="What the pilot was allowed, e.g. direct read access to the claims database" />
      <TextAreaField id={`${prefix}-details`} label="Details" value={draft.details} onChange={set('details')} error={form.fieldErrors.details} />
      <TextField id={`${prefix}-granted-by`} label="Granted by" value={draft.grantedBy} onChange={set('grantedBy')} error={form.fieldErrors.grantedBy} helper="Who allowed it during the pilot" />
    </EditForm>
  );
}
