import { useState } from 'react';
import Button from '@atlaskit/button/new';
import { Grid, Inline, Stack, Text } from '@atlaskit/primitives';
import type { UserRef, WorkstreamKey } from '@src/domain/record';
import { WORKSTREAM_KEYS, WORKSTREAM_NAMES } from '@src/domain/vocabulary';
import { UserPicker } from '@ui/components/UserPicker';
import { FormFeedback, keys, useHandoff, useOpen, useSaveForm } from '../../handoff';

type Picks = Partial<Record<WorkstreamKey, UserRef | null>>;

/** The five leads in one form: pick, then Save (each changed lead is one change) or Cancel. */
function LeadsForm({ onDone }: { onDone: () => void }) {
  const { view } = useHandoff();
  const form = useSaveForm('accountId', 'Workstream leads saved');
  const saved = view.record?.ownership.workstreamLeads ?? {};
  const [picks, setPicks] = useState<Picks>({});
  const shown = (w: WorkstreamKey) => (w in picks ? (picks[w] ?? undefined) : saved[w]);
  const changed = WORKSTREAM_KEYS.filter((w) => w in picks && (picks[w]?.accountId ?? null) !== (saved[w]?.accountId ?? null));

  const onSave = async () => {
    for (const w of changed) {
      // One lead after another; a refusal stops here and keeps the rest of the picks on screen.
      if (!(await form.send(() => form.save('setWorkstreamLead', { workstream: w, accountId: picks[w]?.accountId ?? null })))) return;
      setPicks((p) => {
        const { [w]: _done, ...rest } = p;
        return rest;
      });
    }
    onDone();
  };

  return (
    <form
      noValidate
      aria-label="Workstream leads"
      onSubmit={(e) => {
        e.preventDefault();
        void onSave();
      }}
    >
      <Stack space="space.150">
        <FormFeedback form={form} />
        <Grid templateColumns="repeat(auto-fill, minmax(220px, 1fr))" gap="space.150">
          {WORKSTREAM_KEYS.map((w) => (
            <UserPicker key={w} id={`lead-${w}`} label={`${WORKSTREAM_NAMES[w]} lead`} value={shown(w)} onChange={(u) => setPicks((p) => ({ ...p, [w]: u }))} placeholder="No lead" assignableIn={view.epic.projectKey} />
          ))}
        </Grid>
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isDisabled={changed.length === 0} isLoading={form.busy} testId="save-leads">
            Save leads
          </Button>
          <Button appearance="subtle" onClick={onDone}>
            Cancel
          </Button>
        </Inline>
      </Stack>
    </form>
  );
}

export function WorkstreamLeads() {
  const { view, canEdit } = useHandoff();
  const [editing, setEditing] = useOpen(keys.leadsForm());
  const leads = view.record?.ownership.workstreamLeads ?? {};
  const named = WORKSTREAM_KEYS.filter((w) => leads[w]);
  return (
    <Stack space="space.100">
      <Text weight="semibold">Workstream leads</Text>
      <Text color="color.text.subtle">Each lead becomes the assignee of their workstream's issue.</Text>
      {editing && canEdit ? (
        <LeadsForm onDone={() => setEditing(false)} />
      ) : (
        <>
          <Stack as="ul" space="space.050" testId="workstream-leads">
            {WORKSTREAM_KEYS.map((w) => (
              <li key={w}>
                <Text>
                  {WORKSTREAM_NAMES[w]}: {leads[w]?.displayName ?? 'no lead'}
                </Text>
              </li>
            ))}
          </Stack>
          {canEdit && (
            <Inline>
              <Button spacing="compact" onClick={() => setEditing(true)} testId="edit-leads">
                {named.length === 0 ? 'Name leads' : 'Change leads'}
              </Button>
            </Inline>
          )}
        </>
      )}
    </Stack>
  );
}
