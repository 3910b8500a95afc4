import Button from '@atlaskit/button/new';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { FormFeedback, ids, useHandoff, useSaveForm } from '../../handoff';

const calloutStyles = xcss({ padding: 'space.150', borderRadius: 'radius.large', backgroundColor: 'color.background.discovery' });

/**
 * The named owner's one action, first thing in the panel: "I own this delivery". Browse is enough (the
 * server limits it to the named owner), so an owner who cannot edit the epic still sees it.
 */
export function AcceptOwnership() {
  const { view } = useHandoff();
  const ownership = view.record?.ownership;
  if (!view.permissions.isOwner || !ownership?.deliveryOwner || ownership.accepted || view.done.locked) return null;
  return <AcceptCallout />;
}

/**
 * Mounted only once the caller is named, so its form builds on the version that named them: mounted with
 * the panel, it would accept against the version before the owner was saved and be refused as a conflict.
 */
function AcceptCallout() {
  const form = useSaveForm('', 'You own this delivery');
  return (
    <Box xcss={calloutStyles} testId="accept-callout">
      <Stack space="space.100">
        <FormFeedback form={form} />
        <Text weight="semibold">You are named as the delivery owner</Text>
        <Text>Accepting says you are the one accountable person for the cross-functional delivery after the pilot.</Text>
        <Inline>
          <Button id={ids.acceptOwnership} appearance="primary" isLoading={form.busy} testId="accept-ownership" onClick={() => void form.send(() => form.save('acceptOwnership', {}))}>
            I own this delivery
          </Button>
        </Inline>
      </Stack>
    </Box>
  );
}
