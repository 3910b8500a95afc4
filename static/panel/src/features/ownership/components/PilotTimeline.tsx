import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserRef } from '@src/domain/record';
import type { HandoffView } from '@src/shared/contract';
import { UserPicker } from '@ui/components/UserPicker';
import { formatDate } from '@ui/words';
import { CollapsibleSection, FormFeedback, TextField, useHandoff, useSaveForm, type ChipAppearance } from '../../handoff';

/** "Closes 12 Dec 2026 · champion Priya Raman" */
function chipOf(view: HandoffView): [string, ChipAppearance] {
  const pilot = view.record?.pilot;
  const champion = view.record?.ownership.pilotChampion?.displayName;
  const when = pilot?.actualCloseDate ? `Closed ${formatDate(pilot.actualCloseDate)}` : pilot?.plannedCloseDate ? `Closes ${formatDate(pilot.plannedCloseDate)}` : 'No close date';
  return [champion ? `${when} · champion ${champion}` : when, pilot?.actualCloseDate || pilot?.plannedCloseDate ? 'default' : 'moved'];
}

interface Draft {
  planned: string;
  actual: string;
  champion: UserRef | undefined;
}

const draftOf = (view: HandoffView): Draft => ({
  planned: view.record?.pilot.plannedCloseDate ?? '',
  actual: view.record?.pilot.actualCloseDate ?? '',
  champion: view.record?.ownership.pilotChampion,
});

function PilotForm() {
  const { view } = useHandoff();
  const form = useSaveForm('', 'Pilot timeline saved');
  const [draft, setDraft] = useState<Draft>(() => draftOf(view));
  const saved = draftOf(view);
  const changed = draft.planned !== saved.planned || draft.actual !== saved.actual || draft.champion?.accountId !== saved.champion?.accountId;
  const input = { plannedCloseDate: draft.planned || null, actualCloseDate: draft.actual || null, pilotChampionAccountId: draft.champion?.accountId ?? null };
  return (
    <form
      noValidate
      aria-label="Pilot timeline"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit((c) => c.Payloads.savePilot.omit({ baseVersion: true }), input, (parsed) => form.save('savePilot', parsed));
      }}
    >
      <Stack space="space.100">
        <FormFeedback form={form} />
        <UserPicker id="pilot-champion" label="Pilot champion" value={draft.champion} onChange={(u) => setDraft((d) => ({ ...d, champion: u ?? undefined }))} />
        <Inline space="space.200" shouldWrap alignBlock="end">
          <TextField id="pilot-planned-close" label="Planned close date" type="date" value={draft.planned} onChange={(planned) => setDraft((d) => ({ ...d, planned }))} error={form.fieldErrors.plannedCloseDate} />
          <TextField id="pilot-actual-close" label="Actual close date" type="date" value={draft.actual} onChange={(actual) => setDraft((d) => ({ ...d, actual }))} error={form.fieldErrors.actualCloseDate} />
        </Inline>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={!changed} isLoading={form.busy} testId="save-pilot">
            Save pilot
          </Button>
          <Button appearance="subtle" isDisabled={!changed} onClick={() => setDraft(draftOf(view))}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

/** The pilot's timeline and champion: context for the three questions, which must be answered before it closes. */
export function PilotSection() {
  const { view, canEdit } = useHandoff();
  const [chip, appearance] = chipOf(view);
  const record = view.record;
  return (
    <CollapsibleSection id="pilot" title="Pilot timeline" chip={chip} chipAppearance={appearance} testId="pilot-section">
      {canEdit ? (
        <PilotForm />
      ) : (
        <Stack space="space.050">
          <Text>Pilot champion: {record?.ownership.pilotChampion?.displayName ?? 'not recorded'}</Text>
          <Text>Planned close: {formatDate(record?.pilot.plannedCloseDate) || 'not set'} · Actual close: {formatDate(record?.pilot.actualCloseDate) || 'not closed'}</Text>
        </Stack>
      )}
    </CollapsibleSection>
  );
}
