import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import ProgressBar from '@atlaskit/progress-bar';
import SectionMessage from '@atlaskit/section-message';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { WORKSTREAM_NAMES } from '@src/domain/policy';
import type { WorkstreamKey } from '@src/domain/record';
import type { CreateWorkstreamsResult, SubtaskView, WorkstreamItem } from '@src/shared/contract';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { IssueLink } from '@ui/components/IssueLink';
import { LoadingState } from '@ui/components/LoadingState';
import { StatusLozenge } from '@ui/components/StatusLozenge';
import { formatDate } from '@ui/words';
import { useWorkstreams } from '../hooks/useWorkstreams';
import { createLabel, subtaskProgress } from './create-label';

const tableStyles = { width: '100%', borderCollapse: 'collapse' as const };
const cellStyles = { padding: `${token('space.100')} ${token('space.100')}`, borderBottom: `${token('border.width')} solid ${token('color.border')}`, textAlign: 'left' as const, verticalAlign: 'middle' as const };
const headStyles = { ...cellStyles, color: token('color.text.subtle'), font: token('font.body.small'), fontWeight: token('font.weight.semibold') };
const subtaskCellStyles = { ...cellStyles, paddingBlock: token('space.050') };
const indentStyles = { ...subtaskCellStyles, paddingInlineStart: token('space.300') };
const linkStyles = { color: token('color.link') };

const SOURCE_WORDS: Record<SubtaskView['source'], string> = { template: 'From the workstream template', condition: 'From a withdrawn pilot condition', kpi: 'From an agreed KPI' };

function SubtaskRow({ subtask }: { subtask: SubtaskView }) {
  return (
    <tr data-testid="subtask-row" data-item={subtask.item}>
      <td style={indentStyles}>
        <Stack space="space.025">
          <Text>{subtask.summary}</Text>
          <Text size="small" color="color.text.subtlest">
            {SOURCE_WORDS[subtask.source]}
            {subtask.dueDate ? ` · due ${formatDate(subtask.dueDate)}` : ''}
          </Text>
        </Stack>
      </td>
      <td style={subtaskCellStyles} />
      <td style={subtaskCellStyles}>
        <IssueLink issueKey={subtask.key} style={linkStyles} testId="subtask-issue">
          {subtask.key}
        </IssueLink>
      </td>
      <td style={subtaskCellStyles} data-testid="subtask-assignee">{subtask.assignee?.displayName ?? 'Unassigned'}</td>
      <td style={subtaskCellStyles}>
        <Inline space="space.050" shouldWrap>
          <StatusLozenge name={subtask.statusName} category={subtask.statusCategory} />
          {subtask.noLongerNeeded && subtask.statusCategory !== 'done' && (
            <span title="Its decision changed: close it if the work is not needed any more." data-testid="subtask-no-longer-needed">
              <Lozenge appearance="moved">No longer needed</Lozenge>
            </span>
          )}
        </Inline>
      </td>
    </tr>
  );
}

function Rows({ item }: { item: WorkstreamItem }) {
  return (
    <>
      <tr data-testid="workstream-row" data-workstream={item.workstream}>
        <td style={cellStyles}>
          <Stack space="space.025">
            <Text weight="medium">{item.name || WORKSTREAM_NAMES[item.workstream]}</Text>
            {(item.subtasks.length > 0 || item.missingSubtasks > 0) && (
              <Text size="small" color="color.text.subtle" testId="workstream-subtask-progress">
                {subtaskProgress(item.subtasksDone, item.subtasks.length)}
                {item.missingSubtasks > 0 ? `, ${item.missingSubtasks} not created yet` : ''}
              </Text>
            )}
          </Stack>
        </td>
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
      {item.subtasks.map((s) => (
        <SubtaskRow key={s.id} subtask={s} />
      ))}
    </>
  );
}

function CreationResult({ result }: { result: CreateWorkstreamsResult }) {
  const name = (w: WorkstreamKey) => WORKSTREAM_NAMES[w];
  const { subtasks } = result;
  const trouble = result.failed.length > 0 || subtasks.failed.length > 0 || subtasks.problem !== undefined;
  const nothing = result.created.length === 0 && subtasks.created.length === 0 && !trouble;
  return (
    <div data-testid="workstreams-created">
      <SectionMessage appearance={trouble ? 'warning' : 'success'} title={nothing ? 'Everything was already created' : 'Workstream issues and sub-tasks'}>
        <Stack space="space.050">
          {result.created.map((c) => <Text key={c.workstream}>Created {c.issueKey} for {name(c.workstream)}.</Text>)}
          {result.created.length === 0 && result.alreadyExisted.length > 0 && <Text>The workstream issues already existed.</Text>}
          {subtasks.created.length > 0 && <Text testId="subtasks-created">Created {subtasks.created.length === 1 ? `1 sub-task (${subtasks.created[0].issueKey})` : `${subtasks.created.length} sub-tasks`}.</Text>}
          {result.failed.map((c) => <Text key={c.workstream} color="color.text.danger">{name(c.workstream)} failed: {c.message}</Text>)}
          {subtasks.problem && <Text color="color.text.danger" testId="subtasks-problem">{subtasks.problem}</Text>}
          {subtasks.failed.map((c, i) => <Text key={`${c.workstream}-${i}`} color="color.text.danger">{name(c.workstream)}: “{c.summary}” failed: {c.message}</Text>)}
        </Stack>
      </SectionMessage>
    </div>
  );
}

const progressStyles = xcss({ maxWidth: '320px' });

export function WorkstreamsTab() {
  const { workstreams, creation } = useWorkstreams();
  const view = workstreams.data;
  const label = view ? createLabel(view.missing) : undefined;
  const blocked = view ? [...new Set(view.blocked.map((b) => b.message))] : [];
  return (
    <Stack space="space.200" testId="workstreams">
      <Text color="color.text.subtle">
        One child issue of the epic per workstream, with sub-tasks for its standard work, for every withdrawn pilot condition and for every agreed KPI: the
        cross-functional delivery work after the pilot.
      </Text>
      {workstreams.error && (
        <ErrorBanner error={workstreams.error} loading={view ? undefined : 'the workstreams'} onReload={view ? undefined : () => void workstreams.reload()} />
      )}
      {creation.error && <ErrorBanner error={creation.error} />}
      {creation.data && <CreationResult result={creation.data} />}
      {!view && !workstreams.error && <LoadingState label="Loading workstreams" />}
      {view && (
        <>
          <Inline space="space.400" shouldWrap>
            <Box xcss={progressStyles}>
              <Stack space="space.050">
                <Text testId="workstreams-progress">
                  {view.done} of {view.total} workstream issues done
                </Text>
                <ProgressBar value={view.total ? view.done / view.total : 0} ariaLabel={`${view.done} of ${view.total} workstream issues done`} />
              </Stack>
            </Box>
            <Box xcss={progressStyles}>
              <Stack space="space.050">
                <Text testId="subtasks-progress">{subtaskProgress(view.subtasksDone, view.subtasksTotal)}</Text>
                <ProgressBar value={view.subtasksTotal ? view.subtasksDone / view.subtasksTotal : 0} ariaLabel={subtaskProgress(view.subtasksDone, view.subtasksTotal)} />
              </Stack>
            </Box>
          </Inline>
          {blocked.length > 0 && (
            <SectionMessage appearance="warning" title="Some sub-tasks cannot be created yet" testId="subtasks-blocked">
              <Stack space="space.050">{blocked.map((m) => <Text key={m}>{m}</Text>)}</Stack>
            </SectionMessage>
          )}
          <table style={tableStyles} aria-label="Workstreams and their sub-tasks">
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
                <Rows key={item.workstream} item={item} />
              ))}
            </tbody>
          </table>
        </>
      )}
      <Inline space="space.100">
        {view?.canCreate && label && (
          <Button appearance="primary" isLoading={creation.busy} onClick={() => void creation.run()} testId="create-workstreams">
            {label}
          </Button>
        )}
        <Button onClick={() => void workstreams.reload()} isLoading={workstreams.loading} testId="refresh-workstreams">
          Refresh
        </Button>
      </Inline>
    </Stack>
  );
}
