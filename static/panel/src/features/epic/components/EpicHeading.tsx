import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives';
import { useIssueHeading } from '../hooks/useIssueHeading';

export function EpicHeading({ issueKey }: { issueKey: string | undefined }) {
  const { data: heading, error } = useIssueHeading(issueKey);
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap testId="epic-heading">
      <Heading size="small" as="h2">
        <span data-testid="epic-key">{heading?.key ?? issueKey ?? ''}</span>
        {heading?.summary && <span data-testid="epic-summary"> · {heading.summary}</span>}
      </Heading>
      {heading?.statusName && <Lozenge>{heading.statusName}</Lozenge>}
      {error && <Text color="color.text.subtlest">({error.message})</Text>}
    </Inline>
  );
}
