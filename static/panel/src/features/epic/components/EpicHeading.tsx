import Heading from '@atlaskit/heading';
import Lozenge from '@atlaskit/lozenge';
import { Inline, Text } from '@atlaskit/primitives';
import type { EpicInfo } from '@src/shared/contract';
import { useIssueHeading } from '../hooks/useIssueHeading';

/** `epic`: the loaded handoff's epic; `appFailed`: the handoff could not be loaded, so Jira is asked instead. */
export function EpicHeading({ issueKey, epic, appFailed }: { issueKey: string | undefined; epic?: EpicInfo; appFailed: boolean }) {
  const { data: fromJira, error } = useIssueHeading(issueKey, appFailed && !epic);
  const heading = epic ?? fromJira;
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
