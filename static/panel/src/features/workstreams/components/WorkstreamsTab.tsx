import Button from '@atlaskit/button/new';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { WORKSTREAM_NAMES } from '@src/domain/vocabulary';
import type { WorkstreamKey } from '@src/domain/record';
import type { CreateWorkstreamsResult, WorkstreamItem } from '@src/shared/contract';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { IssueLink } from '@ui/components/IssueLink';
import { LoadingState } from '@ui/components/LoadingState';
import { StatusLozenge } from '@ui/components/StatusLozenge';
import { useWorkstreams } from '../hooks/useWorkstreams';

const tableStyles = { width: '100%', borderCollapse: 'collapse' as const };
const cellStyles = { padding: `${token('space.100')} ${token('space.100')}`, borderBottom: `${token('border.width')} solid ${token('color.border')}`, textAlign: 'left' as const, verticalAlign: 'middle' as const };
const headStyles = { ...cellStyles, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: token('font.weight.semibold') };
const linkStyles = { color: token('color.link') };

function Row({ item }: { item: WorkstreamItem }) {
  return (
    <tr data-testid="workstream-row" data-workstream={item.workstream}>
      <td style={cellStyles}>{item.name || WORKSTREAM_NAMES[item.workstream]}</td>
      <td style={cellStyles}>{item.lead?.displayName ?? <Text color="color.text.subtlest">No lead</Text>}</td>
      <td style={cellStyles}>
        {item.issue ? (
          <IssueLink issueKey={item.issue.key} style={linkStyles} testId="workstream-issue">
            {item.issue.key}
          </IssueLink>
        ) : (
          <Text color="color.text.subtlest">Not created</Text>
        )}
      </td>
      <td style={cellStyles}>{item.issue?.assignee?.displayName ?? (item.issue ? 'Unassigned' : '')}</td>
      <td style={cellStyles}>{item.issue && <StatusLozenge name={item.issue.statusName} category={item.issue.statusCategory} />}</td>
    </tr>
  );
}

function CreationResult({ result }: { result: CreateWorkstreamsResult }) {
  const name = (w: WorkstreamKey) => WORKSTREAM_NAMES[w];
  return (
    <div data-testid="workstreams-created">
      <SectionMessage appearance={result.failed.length ? 'warning' : 'success'} title="Workstream issues">
        <Stack space="space.050">
          {result.created.map((c) => <Text key={c.workstream}>Created {c.issueKey} for {name(c.workstream)}.</Text>)}
          {result.alreadyExisted.map((c) => <Text key={c.workstream}>{name(c.workstream)} already had {c.issueKey}.</Text>)}
          {result.failed.map((c) => <Text key={c.workstream} color="color.text.danger">{name(c.workstream)} failed: {c.message}</Text>)}
        </Stack>
      </SectionMessage>
    </div>
  );
}

const progressStyles = xcss({ maxWidth: '320px' });

export function WorkstreamsTab() {
  const { workstreams, creation } = useWorkstreams();
  const view = workstreams.data;
  const missing = view ? view.items.some((i) => !i.issue) : false;
  return (
    <Stack space="space.200" testId="workstreams">
      <Text color="color.text.subtle">One child issue of the epic per workstream: the cross-functional delivery work after the pilot.</Text>
      {workstreams.error && (
        <ErrorBanner error={workstreams.error} loading={view ? undefined : 'the workstreams'} onReload={view ? undefined : () => void workstreams.reload()} />
      )}
      {creation.error && <ErrorBanner error={creation.error} />}
      {creation.data && <CreationResult result={creation.data} />}
      {!view && !workstreams.error && <LoadingState label="Loading workstreams" />}
      {view && (
        <>
          <Box xcss={progressStyles}>
            <Stack space="space.050">
              <Text testId="workstreams-progress">
                {view.done} of {view.total} done
              </Text>
              <ProgressBar value={view.total ? view.done / view.total : 0} ariaLabel={`${view.done} of ${view.total} workstreams done`} />
            </Stack>
          </Box>
          <table style={tableStyles} aria-label="Workstreams">
            <thead>
              <tr>
                <th style={headStyles}>Workstream</th>
                <th style={headStyles}>Lead</th>
                <th style={headStyles}>Issue</th>
                <th style={headStyles}>Assignee</th>
                <th style={headStyles}>Status</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((item) => (
                <Row key={item.workstream} item={item} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <Inline space="space.100">
        {view?.canCreate && missing && (
          <Button appearance="primary" isLoading={creation.busy} onClick={() => void creation.run()} testId="create-workstreams">
            Create workstream issues
          </Button>
        )}
        <Button onClick={() => void workstreams.reload()} isLoading={workstreams.loading} testId="refresh-workstreams">
          Refresh
        </Button>
      </Inline>
    </Stack>
  );
}
