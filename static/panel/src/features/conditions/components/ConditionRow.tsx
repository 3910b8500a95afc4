import { useCallback, useState } from 'react';
import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { Decision, PilotCondition } from '@src/domain/record';
import { CONDITION_KIND_LABELS, DECISION_LABELS, formatDate } from '@ui/words';
import { ConfirmRemove, FormFeedback, ItemRow, ids, keys, useHandoff, useOpen, usePanelUi, useSaveForm } from '../../handoff';
import { ConditionForm } from './ConditionForm';
import { DecisionControls } from './DecisionControls';

const DECISION_APPEARANCE = { undecided: 'moved', permanent: 'success', withdrawn: 'removed' } as const;

/** What a removal takes with it besides the condition's name: a decision is someone's recorded judgement. */
function decisionLosses(decision: Decision): string[] {
  if (decision.status === 'undecided') return [];
  const detail = decision.status === 'permanent' ? `who sustains it (${decision.sustainedBy})` : `its production path (${decision.productionPath})`;
  return [
    `Its decision (${DECISION_LABELS[decision.status].toLowerCase()}), the rationale and ${detail} are removed with it; the history records the removal, not the rationale.`,
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

function Summary({ condition }: { condition: PilotCondition }) {
  const status = condition.decision.status;
  return (
    <>
      <Text weight="semibold">{condition.name}</Text>
      <Lozenge>{CONDITION_KIND_LABELS[condition.kind]}</Lozenge>
      <span data-testid="condition-decision">
        <Lozenge appearance={DECISION_APPEARANCE[status]}>{DECISION_LABELS[status]}</Lozenge>
      </span>
    </>
  );
}

/** One line per condition; on expand its details and decision, and for an editor the decision controls (open at once while undecided). */
export function ConditionRow({ condition }: { condition: PilotCondition }) {
  const { canEdit, save } = useHandoff();
  const { reveal } = usePanelUi();
  const [editing, setEditing] = useOpen(keys.conditionForm(condition.id));
  const [changing, setChanging] = useOpen(keys.decisionForm(condition.id));
  const remove = useSaveForm('', 'Condition removed');
  const [confirming, setConfirming] = useState(false);
  const undecided = condition.decision.status === 'undecided';
  const deciding = canEdit && !editing && (undecided || changing);
  const losses = decisionLosses(condition.decision);
  const removeNow = () => void remove.send(() => save('removeCondition', { conditionId: condition.id }));
  const backToRow = () => reveal([keys.conditionRow(condition.id)], ids.conditionToggle(condition.id));
  // A refused decision stays open as a change of decision (with Cancel), whatever the reload shows.
  const keepDeciding = useCallback(() => setChanging(true), [setChanging]);

  return (
    <ItemRow
      rowKey={keys.conditionRow(condition.id)}
      toggleId={ids.conditionToggle(condition.id)}
      summary={<Summary condition={condition} />}
      testId="condition-row"
      data={{ 'data-condition-id': condition.id }}
    >
      {condition.grantedBy && <Text size="small" color="color.text.subtle">Granted by {condition.grantedBy}</Text>}
      {condition.details && <Text color="color.text.subtle">{condition.details}</Text>}
      {confirming && (
        <ConfirmRemove what={`the condition “${condition.name}”`} consequences={losses} busy={remove.busy} onConfirm={removeNow} onCancel={() => setConfirming(false)} />
      )}
      <FormFeedback form={remove} />
      {editing ? (
        <ConditionForm condition={condition} onDone={() => setEditing(false)} />
      ) : (
        !changing && <DecisionSummary decision={condition.decision} />
      )}
      {deciding && (
        <DecisionControls
          condition={condition}
          onSaved={() => {
            setChanging(false);
            backToRow();
          }}
          onCancel={changing ? () => { setChanging(false); backToRow(); } : undefined}
          onConflict={keepDeciding}
        />
      )}
      {canEdit && !editing && !deciding && (
        <Inline space="space.050">
          <Button spacing="compact" onClick={() => setChanging(true)} aria-label={`Change decision for ${condition.name}`}>
            Change decision
          </Button>
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
      {canEdit && !editing && deciding && undecided && (
        <Inline space="space.050">
          <Button appearance="subtle" spacing="compact" onClick={() => setEditing(true)} aria-label={`Edit condition ${condition.name}`}>
            Edit
          </Button>
          <Button appearance="subtle" spacing="compact" isLoading={remove.busy} aria-label={`Remove condition ${condition.name}`} onClick={removeNow}>
            Remove
          </Button>
        </Inline>
      )}
    </ItemRow>
  );
}
