import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import { UserPicker } from '@ui/components/UserPicker';
import { formatDate } from '@ui/words';
import { FormFeedback, ids, useHandoff, useSaveForm } from '../../handoff';

function Acceptance() {
  const { view } = useHandoff();
  const ownership = view.record?.ownership;
  const owner = ownership?.deliveryOwner;
  if (!owner) return null;
  if (ownership?.accepted) {
    return (
      <Text testId="owner-accepted" color="color.text.success">
        {ownership.accepted.by.displayName} accepted the delivery on {formatDate(ownership.accepted.at)}.
      </Text>
    );
  }
  if (view.permissions.isOwner) return <Text testId="owner-waiting" color="color.text.subtle">Waiting for you to accept: “I own this delivery” is at the top of the panel.</Text>;
  return <Text testId="owner-waiting" color="color.text.subtle">Waiting for {owner.displayName} to accept.</Text>;
}

const same = (a: UserRef | undefined, b: UserRef | undefined) => (a?.accountId ?? null) === (b?.accountId ?? null);

/** The delivery owner: pick a person, then Save (or Cancel), as every form in the panel. */
export function DeliveryOwner() {
  const { view, canEdit } = useHandoff();
  const form = useSaveForm('ownerAccountId', 'Delivery owner saved');
  const saved = view.record?.ownership.deliveryOwner;
  // undefined: nothing picked, the saved owner shows; null: the owner was cleared in the picker.
  const [picked, setPicked] = useState<UserRef | null | undefined>(undefined);
  const shown = picked === undefined ? saved : (picked ?? undefined);
  const changed = picked !== undefined && !same(shown, saved);

  const onSave = async () => {
    if (await form.send(() => form.save('setOwner', { ownerAccountId: shown?.accountId ?? null }))) setPicked(undefined);
  };

  if (!canEdit) {
    return (
      <Stack space="space.100" testId="delivery-owner">
        <Text>
          <Text weight="semibold">Delivery owner: </Text>
          {saved?.displayName ?? 'Nobody yet'}
        </Text>
        <Acceptance />
      </Stack>
    );
  }
  return (
    <form
      noValidate
      aria-label="Delivery owner"
      data-testid="delivery-owner"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Stack space="space.100">
        <FormFeedback form={form} />
        <UserPicker id={ids.ownerPicker} label="Delivery owner" value={shown} onChange={(u) => setPicked(u)} />
        {changed && (
          <Inline space="space.100">
            <Button type="submit" appearance="primary" isLoading={form.busy} testId="save-owner">
              Save owner
            </Button>
            <Button appearance="subtle" onClick={() => setPicked(undefined)}>
              Cancel
            </Button>
          </Inline>
        )}
        {!changed && <Acceptance />}
      </Stack>
    </form>
  );
}
