import { useId } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';

export interface ConfirmRemoveProps {
  /** What goes, in the product's words, e.g. "the condition “Vendor sandbox”". */
  what: string;
  /** What else changes or is lost with it, one sentence each. */
  consequences: string[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * Asks before a removal that takes more with it than the item's name (a decision and its rationale,
 * the links of KPIs that replaced a pilot metric), and says exactly what else changes.
 */
export function ConfirmRemove({ what, consequences, busy, onConfirm, onCancel }: ConfirmRemoveProps) {
  const titleId = useId();
  return (
    <div role="alertdialog" aria-labelledby={titleId} data-testid="confirm-remove">
      <SectionMessage appearance="warning">
        <Stack space="space.100">
          <Text weight="semibold" id={titleId}>{`Remove ${what}?`}</Text>
          <Stack as="ul" space="space.050" testId="remove-consequences">
            {consequences.map((c) => (
              <li key={c}>
                <Text>{c}</Text>
              </li>
            ))}
          </Stack>
          <Inline space="space.100">
            <Button appearance="danger" isLoading={busy} onClick={onConfirm} testId="confirm-remove-yes">
              Remove
            </Button>
            <Button appearance="subtle" isDisabled={busy} onClick={onCancel} testId="confirm-remove-no">
              Keep it
            </Button>
          </Inline>
        </Stack>
      </SectionMessage>
    </div>
  );
}
