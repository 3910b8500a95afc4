import { Text } from '@atlaskit/primitives';
import { ownerAccepted } from '@src/domain/readiness';
import type { HandoffView } from '@src/shared/contract';
import { CollapsibleSection, useHandoff, type ChipAppearance } from '../../handoff';
import { DeliveryOwner } from './DeliveryOwner';
import { WorkstreamLeads } from './WorkstreamLeads';

/** "Owner: Marcus Webb, waiting for acceptance". */
function chipOf(view: HandoffView): [string, ChipAppearance] {
  const owner = view.record?.ownership.deliveryOwner;
  if (!owner) return ['Nobody named', 'moved'];
  if (ownerAccepted(view.record)) return [`Owner: ${owner.displayName}, accepted`, 'success'];
  if (!view.policy.requireOwnerAcceptance) return [`Owner: ${owner.displayName}`, 'success'];
  return [`Owner: ${owner.displayName}, waiting for acceptance`, 'moved'];
}

export function OwnershipSection() {
  const { view } = useHandoff();
  const [chip, appearance] = chipOf(view);
  return (
    <CollapsibleSection id="ownership" title="3. Who owns the delivery?" chip={chip} chipAppearance={appearance} testId="ownership-section">
      <Text color="color.text.subtle">One accountable person for the cross-functional delivery after the pilot champion moves on.</Text>
      <DeliveryOwner />
      <WorkstreamLeads />
    </CollapsibleSection>
  );
}
