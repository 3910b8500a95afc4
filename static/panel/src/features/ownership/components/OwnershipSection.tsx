import { Section } from '@ui/components/Section';
import { Text } from '@atlaskit/primitives';
import { DeliveryOwner } from './DeliveryOwner';
import { PilotTimeline } from './PilotTimeline';
import { WorkstreamLeads } from './WorkstreamLeads';

export function OwnershipSection() {
  return (
    <Section id="ownership" title="3. Who owns the delivery?" testId="ownership-section">
      <Text color="color.text.subtle">One accountable person for the cross-functional delivery after the pilot champion moves on.</Text>
      <DeliveryOwner />
      <WorkstreamLeads />
      <PilotTimeline />
    </Section>
  );
}
