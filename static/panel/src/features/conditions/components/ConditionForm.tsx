import { useState } from 'react';
import type { ConditionKind, PilotCondition } from '@src/domain/record';
import { CONDITION_KINDS } from '@src/domain/vocabulary';
import { CONDITION_KIND_LABELS } from '@ui/words';
import { EditForm, SelectField, TextAreaField, TextField, ids, keys, useHandoff, usePanelUi, useSaveForm } from '../../handoff';

const KIND_OPTIONS = CONDITION_KINDS.map((k) => ({ value: k, label: CONDITION_KIND_LABELS[k] }));

interface Draft {
  kind: ConditionKind | undefined;
  name: string;
  details: string;
  grantedBy: string;
}

const draftOf = (c?: PilotCondition): Draft => ({ kind: c?.kind, name: c?.name ?? '', details: c?.details ?? '', grantedBy: c?.grantedBy ?? '' });

/** Adds a condition, or edits one when `condition` is given. Input survives a failed save; after a save, focus returns to the row. */
export function ConditionForm({ condition, onDone }: { condition?: PilotCondition; onDone: () => void }) {
  const { view } = useHandoff();
  const { reveal } = usePanelUi();
  const form = useSaveForm('condition', condition ? 'Condition saved' : 'Condition added');
  const [draft, setDraft] = useState<Draft>(() => draftOf(condition));
  const set = <K extends keyof Draft>(key: K) => (value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const prefix = condition ? `condition-${condition.id}` : 'new-condition';

  const onSubmit = async () => {
    const input = { ...(condition ? { id: condition.id } : {}), kind: draft.kind, name: draft.name, details: draft.details, grantedBy: draft.grantedBy };
    let savedId = condition?.id;
    const saved = await form.submit((c) => c.ConditionInput, input, async (parsed) => {
      const before = new Set(view.record?.conditions.map((c) => c.id));
      const result = await form.save('saveCondition', { condition: parsed });
      // A new condition is the one with this name that the answer has and the screen did not (others may have added theirs meanwhile).
      if (result.ok && !savedId) savedId = result.data.record?.conditions.filter((c) => !before.has(c.id) && c.name === parsed.name).at(-1)?.id;
      return result;
    });
    if (!saved) return;
    onDone();
    if (savedId) reveal([keys.conditionRow(savedId)], ids.conditionToggle(savedId));
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
