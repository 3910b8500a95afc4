import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import { UserPicker } from '@ui/components/UserPicker';
import { formatDate } from '@ui/words';
import { FormFeedback, useHandoff, useSaveForm } from '../../handoff';

function Acceptance() {
  const { view, canEdit, save } = useHandoff();
  const form = useSaveForm();
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
  if (!view.permissions.isOwner || !canEdit) {
    return <Text testId="owner-waiting" color="color.text.subtle">Waiting for {owner.displayName} to accept.</Text>;
  }
  return (
    <Stack space="space.100">
      <FormFeedback form={form} />
      <SectionMessage appearance="discovery" title="You are named as the delivery owner">
        <Stack space="space.100">
          <Text>Accepting says you are the one accountable person for the cross-functional delivery after the pilot.</Text>
          <Inline>
            <Button appearance="primary" isLoading={form.busy} testId="accept-ownership" onClick={() => void form.send(() => save('acceptOwnership', {}))}>
              I own this delivery
            </Button>
          </Inline>
        </Stack>
      </SectionMessage>
    </Stack>
  );
}

export function DeliveryOwner() {
  const { view, canEdit, save } = useHandoff();
  const form = useSaveForm('ownerAccountId');
  const saved = view.record?.ownership.deliveryOwner;
  // A failed save keeps the person the user picked on screen until they retry or reload.
  const [pending, setPending] = useState<UserRef | null | undefined>(undefined);
  const shown = form.error && pending !== undefined ? (pending ?? undefined) : saved;

  const choose = async (user: UserRef | null) => {
    setPending(user);
    const ok = await form.send(() => save('setOwner', { ownerAccountId: user?.accountId ?? null }));
    if (ok) setPending(undefined);
  };

  return (
    <Stack space="space.100" testId="delivery-owner">
      <FormFeedback form={form} />
      {canEdit ? (
        <UserPicker id="delivery-owner" label="Delivery owner" value={shown} onChange={(u) => void choose(u)} />
      ) : (
        <Text>
          <Text weight="semibold">Delivery owner: </Text>
          {saved?.displayName ?? 'Nobody yet'}
        </Text>
      )}
      <Acceptance />
    </Stack>
  );
}
