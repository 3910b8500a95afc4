import { useState } from 'react';
import Heading from '@atlaskit/heading';
import { Grid, Stack, Text } from '@atlaskit/primitives';
import type { UserRef, WorkstreamKey } from '@src/domain/record';
import { WORKSTREAM_KEYS, WORKSTREAM_NAMES } from '@src/domain/vocabulary';
import { UserPicker } from '@ui/components/UserPicker';
import { FormFeedback, useHandoff, useSaveForm } from '../../handoff';

function LeadPicker({ workstream }: { workstream: WorkstreamKey }) {
  const { view, save } = useHandoff();
  const form = useSaveForm();
  const saved = view.record?.ownership.workstreamLeads[workstream];
  const [pending, setPending] = useState<UserRef | null | undefined>(undefined);
  const shown = form.error && pending !== undefined ? (pending ?? undefined) : saved;

  const choose = async (user: UserRef | null) => {
    setPending(user);
    if (await form.send(() => save('setWorkstreamLead', { workstream, accountId: user?.accountId ?? null }))) setPending(undefined);
  };
  return (
    <Stack space="space.050">
      <UserPicker id={`lead-${workstream}`} label={`${WORKSTREAM_NAMES[workstream]} lead`} value={shown} onChange={(u) => void choose(u)} placeholder="No lead"
        assignableIn={view.epic.projectKey} />
      <FormFeedback form={form} />
    </Stack>
  );
}

export function WorkstreamLeads() {
  const { view, canEdit } = useHandoff();
  const leads = view.record?.ownership.workstreamLeads ?? {};
  return (
    <Stack space="space.100">
      <Heading size="xsmall" as="h4">Workstream leads</Heading>
      <Text color="color.text.subtle">Each lead becomes the assignee of their workstream's issue.</Text>
      {canEdit ? (
        <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.150">
          {WORKSTREAM_KEYS.map((w) => (
            <LeadPicker key={w} workstream={w} />
          ))}
        </Grid>
      ) : (
        <Stack as="ul" space="space.050">
          {WORKSTREAM_KEYS.map((w) => (
            <li key={w}>
              <Text>
                {WORKSTREAM_NAMES[w]}: {leads[w]?.displayName ?? 'no lead'}
              </Text>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
