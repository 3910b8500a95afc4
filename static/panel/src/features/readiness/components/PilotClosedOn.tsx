import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { FormFeedback, TextField, ids, useHandoff, useSaveForm } from '../../handoff';

const calloutStyles = xcss({ padding: 'space.150', borderRadius: 'radius.large', backgroundColor: 'color.background.neutral' });

/**
 * Moving to Done asks for the pilot's actual close date (the gate can only block with a message that
 * names it): so the header asks for it as soon as every question is answered, and on a Done epic that
 * shipped without it. A locked handoff takes this one change; nothing else of the pilot changes with it.
 */
export function PilotClosedOn() {
  const { view } = useHandoff();
  const record = view.record;
  const shipped = view.readiness.level === 'shipped';
  const mayRecord = view.permissions.canEdit || view.permissions.canReopen;
  if (!record || record.pilot.actualCloseDate || !mayRecord || !(shipped || view.readiness.answered)) return null;
  return <PilotClosedOnForm shipped={shipped} />;
}

/** Mounted when the question appears, so it saves against the pilot the caller sees then, not the one at panel load. */
function PilotClosedOnForm({ shipped }: { shipped: boolean }) {
  const { view } = useHandoff();
  const form = useSaveForm('', 'Pilot close date saved');
  const [date, setDate] = useState('');
  const record = view.record;
  if (!record) return null;

  const onSubmit = () =>
    form.submit((c) => c.Payloads.savePilot.omit({ baseVersion: true }), { plannedCloseDate: record.pilot.plannedCloseDate ?? null, actualCloseDate: date || undefined, pilotChampionAccountId: record.ownership.pilotChampion?.accountId ?? null }, (parsed) =>
      form.save('savePilot', parsed),
    );
  return (
    <Box xcss={calloutStyles} testId="pilot-closed-on">
      <form
        noValidate
        aria-label="When the pilot closed"
        onSubmit={(e) => {
          e.preventDefault();
          void onSubmit();
        }}
      >
        <Stack space="space.100">
          <FormFeedback form={form} />
          <Text>
            {shipped
              ? 'This epic shipped without the date its pilot closed. Record it for the history and the flow metrics.'
              : 'Every question is answered. Moving the epic to Done asks when the pilot actually closed: record it now.'}
          </Text>
          <Inline space="space.100" alignBlock="end" shouldWrap>
            <TextField id={ids.pilotClosedOn} label="Pilot closed on" type="date" value={date} onChange={setDate} error={form.fieldErrors.actualCloseDate} />
            <Button type="submit" appearance="primary" isDisabled={!date} isLoading={form.busy} testId="save-pilot-closed-on">
              Save close date
            </Button>
          </Inline>
        </Stack>
      </form>
    </Box>
  );
}
