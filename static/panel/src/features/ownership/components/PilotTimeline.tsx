import { useState } from 'react';
import Button from '@atlaskit/button/new';
import Heading from '@atlaskit/heading';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import { UserPicker } from '@ui/components/UserPicker';
import { formatDate } from '@ui/words';
import { FormFeedback, TextField, useHandoff, useSaveForm } from '../../handoff';

export function PilotTimeline() {
  const { view, canEdit, save } = useHandoff();
  const form = useSaveForm();
  const record = view.record;
  const [planned, setPlanned] = useState(record?.pilot.plannedCloseDate ?? '');
  const [actual, setActual] = useState(record?.pilot.actualCloseDate ?? '');
  const [champion, setChampion] = useState<UserRef | undefined>(record?.ownership.pilotChampion);

  if (!canEdit) {
    return (
      <Stack space="space.050">
        <Heading size="xsmall" as="h4">Pilot</Heading>
        <Text>Pilot champion: {record?.ownership.pilotChampion?.displayName ?? 'not recorded'}</Text>
        <Text>Planned close: {formatDate(record?.pilot.plannedCloseDate) || 'not set'} · Actual close: {formatDate(record?.pilot.actualCloseDate) || 'not closed'}</Text>
      </Stack>
    );
  }

  const input = { plannedCloseDate: planned || null, actualCloseDate: actual || null, pilotChampionAccountId: champion?.accountId ?? null };
  return (
    <form
      noValidate
      aria-label="Pilot timeline"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit((c) => c.Payloads.savePilot.omit({ baseVersion: true }), input, (parsed) => save('savePilot', parsed));
      }}
    >
      <Stack space="space.100">
        <Heading size="xsmall" as="h4">Pilot</Heading>
        <FormFeedback form={form} />
        <UserPicker id="pilot-champion" label="Pilot champion" value={champion} onChange={(u) => setChampion(u ?? undefined)} />
        <Inline space="space.200" shouldWrap alignBlock="end">
          <TextField id="pilot-planned-close" label="Planned close date" type="date" value={planned} onChange={setPlanned} error={form.fieldErrors.plannedCloseDate} />
          <TextField id="pilot-actual-close" label="Actual close date" type="date" value={actual} onChange={setActual} error={form.fieldErrors.actualCloseDate} />
          <Button type="submit" isLoading={form.busy} testId="save-pilot">
            Save pilot
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}
