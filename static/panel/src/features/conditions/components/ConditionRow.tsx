import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import type { Decision, PilotCondition } from '@src/domain/record';
import { CONDITION_KIND_LABELS, formatDate } from '@ui/words';
import { ConfirmRemove, FormFeedback, useHandoff, useSaveForm } from '../../handoff';
import { ConditionForm } from './ConditionForm';
import { DecisionControls } from './DecisionControls';

const rowStyles = xcss({
  padding: 'space.150',
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.large',
  backgroundColor: 'color.background.neutral.subtle',
});

const DECISION_APPEARANCE = { undecided: 'moved', permanent: 'success', withdrawn: 'removed' } as const;
const DECISION_LABEL = { undecided: 'Undecided', permanent: 'Permanent', withdrawn: 'Withdrawn' } as const;

/** What a removal takes with it besides the condition's name: a decision is someone's recorded judgement. */
function decisionLosses(decision: Decision): string[] {
  if (decision.status === 'undecided') return [];
  const detail = decision.status === 'permanent' ? `who sustains it (${decision.sustainedBy})` : `its production path (${decision.productionPath})`;
  return [
    `Its decision (${DECISION_LABEL[decision.status].toLowerCase()}), the rationale and ${detail} are removed with it; the history records the removal, not the rationale.`,
    'The pilot conditions question counts this condition no longer.',
  ];
}

function DecisionSummary({ decision }: { decision: Decision }) {
  if (decision.status === 'undecided') return null;
  const detail =
    decision.status === 'permanent'
      ? `Sustained by ${decision.sustainedBy}${decision.reviewDate ? `, review on ${formatDate(decision.reviewDate)}` : ''}.`
      : `Production path: ${decision.productionPath} (${decision.leadTimeDays} days lead time).`;
  return (
    <Stack space="space.050">
      <Text>{decision.rationale}</Text>
      <Text color="color.text.subtle">{detail}</Text>
      <Text size="small" color="color.text.subtlest" testId="decided-by">
        Decided by {decision.decided.by.displayName} on {formatDate(decision.decided.at)}
      </Text>
    </Stack>
  );
}

export function ConditionRow({ condition }: { condition: PilotCondition }) {
  const { canEdit, save } = useHandoff();
  const [editing, setEditing] = useState(false);
  // Undecided conditions invite a decision; decided ones show it and open the controls on request.
  const [deciding, setDeciding] = useState(condition.decision.status === 'undecided');
  const remove = useSaveForm();
  const [confirming, setConfirming] = useState(false);
  const status = condition.decision.status;
  const losses = decisionLosses(condition.decision);
  const removeNow = () => void remove.send(() => save('removeCondition', { conditionId: condition.id }));

  return (
    <Box as="li" xcss={rowStyles} testId="condition-row" data-condition-id={condition.id}>
      <Stack space="space.100">
        <Inline space="space.100" alignBlock="center" spread="space-between" shouldWrap>
          <Inline space="space.100" alignBlock="center" shouldWrap>
            <Text weight="semibold">{condition.name}</Text>
            <Lozenge>{CONDITION_KIND_LABELS[condition.kind]}</Lozenge>
            <span data-testid="condition-decision">
              <Lozenge appearance={DECISION_APPEARANCE[status]}>{DECISION_LABEL[status]}</Lozenge>
            </span>
          </Inline>
          {canEdit && !editing && (
            <Inline space="space.050">
              <Button appearance="subtle" spacing="compact" onClick={() => setEditing(true)} aria-label={`Edit condition ${condition.name}`}>
                Edit
              </Button>
              <Button
                appearance="subtle"
                spacing="compact"
                isLoading={remove.busy}
                aria-label={`Remove condition ${condition.name}`}
                // An undecided condition goes at once; a decided one asks first and says what goes with it.
                onClick={() => (losses.length > 0 ? setConfirming(true) : removeNow())}
              >
                Remove
              </Button>
            </Inline>
          )}
        </Inline>
        {condition.grantedBy && <Text size="small" color="color.text.subtle">Granted by {condition.grantedBy}</Text>}
        {condition.details && <Text color="color.text.subtle">{condition.details}</Text>}
        {confirming && (
          <ConfirmRemove what={`the condition “${condition.name}”`} consequences={losses} busy={remove.busy} onConfirm={removeNow} onCancel={() => setConfirming(false)} />
        )}
        <FormFeedback form={remove} />
        {editing ? <ConditionForm condition={condition} onDone={() => setEditing(false)} /> : <DecisionSummary decision={condition.decision} />}
        {canEdit && !editing && deciding && <DecisionControls condition={condition} onSaved={() => setDeciding(false)} />}
        {canEdit && !editing && !deciding && (
          <Inline>
            <Button spacing="compact" onClick={() => setDeciding(true)} aria-label={`Change decision for ${condition.name}`}>
              Change decision
            </Button>
          </Inline>
        )}
      </Stack>
    </Box>
  );
}
