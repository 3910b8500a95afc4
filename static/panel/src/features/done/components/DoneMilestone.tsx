/**
 * Done is a milestone: while the epic is Done its handoff is locked. Says so (and whether it reached Done
 * with questions open), lets an editor reopen it with a reason, and says who reopened it and why.
 */
import { useState } from 'react';
import Button from '@atlaskit/button/new';
import SectionMessage from '@atlaskit/section-message';
import { Inline, Stack, Text } from '@atlaskit/primitives';
import { formatDate } from '@ui/words';
import { FormFeedback, TextAreaField, useHandoff, useSaveForm } from '../../handoff';

function ReopenForm({ onCancel }: { onCancel: () => void }) {
  const { save } = useHandoff();
  const form = useSaveForm();
  const [reason, setReason] = useState('');
  return (
    <form
      noValidate
      aria-label="Reopen the handoff"
      onSubmit={(e) => {
        e.preventDefault();
        void form.submit((c) => c.Payloads.reopenHandoff.omit({ baseVersion: true }), { reason }, () => save('reopenHandoff', { reason }));
      }}
    >
      <Stack space="space.100">
        <FormFeedback form={form} />
        <TextAreaField id="reopen-reason" label="Why does the handoff need to change?" isRequired value={reason} onChange={setReason} error={form.fieldErrors.reason} helper="Kept in the history and the audit trail." />
        <Inline space="space.100">
          <Button type="submit" appearance="primary" isLoading={form.busy} testId="reopen-submit">Reopen the handoff</Button>
          <Button onClick={onCancel}>Cancel</Button>
        </Inline>
      </Stack>
    </form>
  );
}

export function DoneMilestone() {
  const { view } = useHandoff();
  const [reopening, setReopening] = useState(false);
  const reopened = view.record?.reopened;
  if (view.done.reopened && reopened) {
    return (
      <div data-testid="handoff-reopened">
        <SectionMessage appearance="warning" title="The handoff is reopened">
          <Text>
            {reopened.by.displayName} reopened it on {formatDate(reopened.at)}: {reopened.reason}. It locks again once every question is decided.
          </Text>
        </SectionMessage>
      </div>
    );
  }
  if (!view.done.locked) return null;
  const title = view.done.undecided ? 'Done without a decided handoff' : 'Done: the handoff is locked';
  return (
    <div data-testid="handoff-locked">
      <SectionMessage appearance={view.done.undecided ? 'warning' : 'information'} title={title}>
        <Stack space="space.100">
          <Text>
            {view.done.undecided
              ? `${view.epic.key} reached Done with questions open. Its handoff is locked: an editor can reopen it to decide them.`
              : `${view.epic.key} is Done, so its handoff is locked. If something must change, an editor reopens it with a reason.`}
          </Text>
          {view.permissions.canReopen && !reopening && (
            <Inline>
              <Button testId="reopen-handoff" onClick={() => setReopening(true)}>Reopen the handoff</Button>
            </Inline>
          )}
          {reopening && <ReopenForm onCancel={() => setReopening(false)} />}
        </Stack>
      </SectionMessage>
    </div>
  );
}
