/** Reading a handoff: permission first, then the epic, record, settings and caller in parallel. */
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { HandoffRecord, UserRef } from '../domain/record';
import type { ProjectSettings } from '../domain/policy';
import { EPIC_FIELDS, toEpic, type Epic, type JiraPermission } from '../jira';
import { loadRecordAndSettings } from '../storage';
import type { HandoffView } from '../shared/contract';
import { AppError, currentUser, requireIssue, requireIssuePermission, type CallContext, type Permissions } from '../kernel';
import { syncSummary, workstreamCounts } from '../summary';
import { buildView } from './view';

export interface LoadedHandoff {
  epic: Epic;
  record: HandoffRecord | null;
  version: number;
  settings: ProjectSettings;
  me: UserRef;
  permissions: Permissions;
  /** The searchable summary property as Jira holds it now: anything an editor wrote; undefined when there is none. */
  published: unknown;
}

/** Everything a handoff use case starts from, after checking `needed` as the caller. */
export async function loadHandoff(ctx: CallContext, needed: JiraPermission): Promise<LoadedHandoff> {
  const { issue, project, accountId } = requireIssue(ctx);
  const permissions = await requireIssuePermission(ctx.userJira, issue.key, needed);
  const [jiraIssue, { record: stored, settings }, me] = await Promise.all([
    ctx.userJira.getIssue(issue.id, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] }),
    loadRecordAndSettings(issue.id, project.id),
    currentUser(ctx.userJira, accountId),
  ]);
  if (!jiraIssue) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have permission to see it.');
  const epic = toEpic(jiraIssue);
  if (!epic.isEpic) throw new AppError('NOT_AN_EPIC', `${epic.key} is not an epic. Production handoffs live on epics.`);
  return { epic, record: stored?.record ?? null, version: stored?.version ?? 0, settings, me, permissions, published: jiraIssue.properties?.[SUMMARY_PROPERTY_KEY] };
}

/**
 * getHandoff. Also puts the searchable summary right when it differs from the one computed from storage:
 * a publish that failed after a save, an initiative older than the app, or a summary someone wrote by hand.
 */
export async function getHandoffView(ctx: CallContext): Promise<HandoffView> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  const { epic, record, settings, published } = loaded;
  const { summary } = await syncSummary(ctx.appJira, { epic, record, settings, published }, () => workstreamCounts(ctx.appJira, epic.id, record, published));
  const workstreams = summary ? { total: summary.workstreamsTotal, done: summary.workstreamsDone, subtasksTotal: summary.subtasksTotal, subtasksDone: summary.subtasksDone } : undefined;
  return buildView({ ...loaded, timezone: ctx.timezone, ...(workstreams ? { workstreams } : {}) });
}
