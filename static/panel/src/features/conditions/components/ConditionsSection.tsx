import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { ReadinessCounts } from '@src/domain/readiness-types';
import { CollapsibleSection, keys, useHandoff, useOpen, type ChipAppearance } from '../../handoff';
import { ConditionForm } from './ConditionForm';
import { ConditionRow } from './ConditionRow';

function chipOf(counts: ReadinessCounts['conditions']): [string, ChipAppearance] {
  if (counts.total === 0) return ['None recorded', 'moved'];
  return [`${counts.decided} of ${counts.total} decided`, counts.decided === counts.total ? 'success' : 'moved'];
}

export function ConditionsSection() {
  const { view, canEdit } = useHandoff();
  const [adding, setAdding] = useOpen(keys.conditionForm());
  const conditions = view.record?.conditions ?? [];
  const [chip, appearance] = chipOf(view.readiness.counts.conditions);

  return (
    <CollapsibleSection id="conditions" title="1. Which pilot conditions become permanent?" chip={chip} chipAppearance={appearance} testId="conditions-section">
      <Text color="color.text.subtle">The exceptions the pilot ran on: decide for each whether production keeps it or replaces it with the standard path.</Text>
      {conditions.length === 0 && <Text color="color.text.subtlest">No pilot conditions recorded yet.</Text>}
      {conditions.length > 0 && (
        <Stack as="ul" space="space.100" testId="condition-list">
          {conditions.map((c) => (
            <ConditionRow key={c.id} condition={c} />
          ))}
        </Stack>
      )}
      {canEdit && (adding ? <ConditionForm onDone={() => setAdding(false)} /> : (
        <Inline>
          <Button onClick={() => setAdding(true)} testId="add-condition">
            Add condition
          </Button>
        </Inline>
      ))}
    </CollapsibleSection>
  );
}
