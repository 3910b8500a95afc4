import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { Section } from '@ui/components/Section';
import { useHandoff } from '../../handoff';
import { ConditionForm } from './ConditionForm';
import { ConditionRow } from './ConditionRow';

export function ConditionsSection() {
  const { view, canEdit } = useHandoff();
  const [adding, setAdding] = useState(false);
  const conditions = view.record?.conditions ?? [];
  const counts = view.readiness.counts.conditions;

  return (
    <Section id="conditions" title="1. Which pilot conditions become permanent?" testId="conditions-section">
      <Text color="color.text.subtle">
        The exceptions the pilot ran on: decide for each whether production keeps it or replaces it with the standard path.
        {counts.total > 0 && ` ${counts.decided} of ${counts.total} decided.`}
      </Text>
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
    </Section>
  );
}
