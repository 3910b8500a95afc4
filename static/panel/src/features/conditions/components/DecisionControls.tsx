import { useEffect, useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { DecisionStatus, PilotCondition } from '@src/domain/record';
import { FormFeedback, TextAreaField, TextField, ids, useSaveForm } from '../../handoff';
import { draftOf, inputOf, type DecisionDraft } from './decision-draft';

const CHOICES: Array<{ value: DecisionStatus; label: string }> = [
  { value: 'undecided', label: 'Undecided' },
  { value: 'permanent', label: 'Make permanent' },
  { value: 'withdrawn', label: 'Withdraw' },
];

const segmentStyles = xcss({
  display: 'inline-flex',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  overflow: 'hidden',
});
const choiceStyles = xcss({
  paddingInline: 'space.150',
  paddingBlock: 'space.050',
  cursor: 'pointer',
  color: 'color.text.subtle',
  font: 'font.body',
});
const chosenStyles = xcss({ backgroundColor: 'color.background.selected', color: 'color.text.selected', fontWeight: 'font.weight.medium' });

export interface DecisionControlsProps {
  condition: PilotCondition;
  /** After a saved decision (the row shows it and takes focus back). */
  onSaved?: () => void;
  /** Offered when the controls were opened to change a decision: closes them and keeps the decision. */
  onCancel?: () => void;
  /**
   * When the save is refused as a conflict: the row keeps these controls open even if "Reload latest" then
   * shows the condition decided by someone else, so what was typed is not lost with the form.
   */
  onConflict?: () => void;
}

/** Undecided / Make permanent / Withdraw, with what each choice needs. Saving needs a choice: Undecided is where it starts. */
export function DecisionControls({ condition, onSaved, onCancel, onConflict }: DecisionControlsProps) {
  const form = useSaveForm('decision', 'Decision saved');
  const conflicted = form.error?.code === 'CONFLICT';
  useEffect(() => {
    if (conflicted) onConflict?.();
  }, [conflicted, onConflict]);
  const [draft, setDraft] = useState<DecisionDraft>(() => draftOf(condition.decision));
  const set = <K extends keyof DecisionDraft>(key: K) => (value: DecisionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const id = `decision-${condition.id}`;
  const undecided = draft.status === 'undecided';

  const onSubmit = async () => {
    if (undecided) return;
    const saved = await form.submit((c) => c.DecisionInput, inputOf(draft), (decision) => form.save('decideCondition', { conditionId: condition.id, decision }));
    if (saved) onSaved?.();
  };

  return (
    <form
      noValidate
      aria-label={`Decision for ${condition.name}`}
      onSubmit={(e) => {
        e.preventDefault();
        void onSubmit();
      }}
    >
      <Stack space="space.150">
        <FormFeedback form={form} />
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend className="ph-visually-hidden">Decision for {condition.name}</legend>
          <Box xcss={segmentStyles}>
            {CHOICES.map((c) => (
              <Box as="label" key={c.value} xcss={[choiceStyles, draft.status === c.value && chosenStyles]}>
                <input
                  id={ids.decisionChoice(condition.id, c.value)}
                  className="ph-segment-input"
                  type="radio"
                  name={`${id}-status`}
                  value={c.value}
                  checked={draft.status === c.value}
                  onChange={() => set('status')(c.value)}
                />
                {c.label}
              </Box>
            ))}
          </Box>
        </fieldset>
        {undecided && (
          <Text size="small" color="color.text.subtle" id={`${id}-hint`}>
            Choose whether production keeps this condition or replaces it, then save.
          </Text>
        )}
        {!undecided && (
          <TextAreaField id={`${id}-rationale`} label="Rationale" isRequired value={draft.rationale} onChange={set('rationale')} error={form.fieldErrors.rationale} />
        )}
        {draft.status === 'permanent' && (
          <Inline space="space.200" shouldWrap>
            <TextField id={`${id}-sustained-by`} label="Who sustains it" isRequired value={draft.sustainedBy} onChange={set('sustainedBy')} error={form.fieldErrors.sustainedBy} width="medium" />
            <TextField id={`${id}-review-date`} label="Review date" type="date" value={draft.reviewDate} onChange={set('reviewDate')} error={form.fieldErrors.reviewDate} />
          </Inline>
        )}
        {draft.status === 'withdrawn' && (
          <Inline space="space.200" shouldWrap>
            <TextField id={`${id}-production-path`} label="Production path" isRequired value={draft.productionPath} onChange={set('productionPath')} error={form.fieldErrors.productionPath} helper="e.g. standard data request" width="medium" />
            <TextField id={`${id}-lead-time`} label="Lead time (days)" isRequired type="number" value={draft.leadTimeDays} onChange={set('leadTimeDays')} error={form.fieldErrors.leadTimeDays} width="small" />
          </Inline>
        )}
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={undecided} isLoading={form.busy} testId="save-decision" aria-describedby={undecided ? `${id}-hint` : undefined}>
            Save decision
          </Button>
          {onCancel && (
            <Button appearance="subtle" onClick={onCancel} testId="cancel-decision">
              Cancel
            </Button>
          )}
        </Inline>
      </Stack>
    </form>
  );
}
