/** Reading a handoff: permission first, then the epic, record, settings and caller in parallel. */
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { REMINDERS_PROPERTY_KEY } from '../domain/reminder-ledger';
import type { HandoffRecord, UserRef } from '../domain/record';
import type { ProjectSettings } from '../domain/policy';
import { EPIC_FIELDS, toEpic, type Epic, type JiraGateway, type JiraPermission } from '../jira';
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
  /** The reminders sent about this epic (an issue property the daily run writes), as Jira holds it. */
  sent: unknown;
}

/**
 * Everything a handoff use case starts from, after checking `needed` as the caller. The four reads go out
 * at once (on Forge each costs a round trip; one after another they add up), but the permission decides
 * first: nothing read is used or answered unless the caller may do this, and a refusal wins over any
 * other failure.
 */
export async function loadHandoff(ctx: CallContext, needed: JiraPermission): Promise<LoadedHandoff> {
  const { issue, project, accountId } = requireIssue(ctx);
  const [allowed, issueRead, storageRead, meRead] = await Promise.allSettled([
    requireIssuePermission(ctx.userJira, issue.key, needed),
    ctx.userJira.getIssue(issue.id, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY, REMINDERS_PROPERTY_KEY] }),
    loadRecordAndSettings(issue.id, project.id),
    currentUser(ctx.userJira, accountId),
  ]);
  const permissions = settled(allowed);
  const jiraIssue = settled(issueRead);
  const { record: stored, settings } = settled(storageRead);
  const me = settled(meRead);
  if (!jiraIssue) throw new AppError('NOT_FOUND', 'This issue does not exist or you do not have permission to see it.');
  const epic = toEpic(jiraIssue);
  if (!epic.isEpic) throw new AppError('NOT_AN_EPIC', `${epic.key} is not an epic. Production handoffs live on epics.`);
  return { epic, record: stored?.record ?? null, version: stored?.version ?? 0, settings, me, permissions, published: jiraIssue.properties?.[SUMMARY_PROPERTY_KEY], sent: jiraIssue.properties?.[REMINDERS_PROPERTY_KEY] };
}

const NO_PERMISSIONS = { BROWSE_PROJECTS: false, EDIT_ISSUES: false, CREATE_ISSUES: false, ADMINISTER_PROJECTS: false } as const;

/**
 * The handoff of an epic for a caller with no Jira user (the KPI feed, whose token names a project): read as
 * the app, and only if the epic is in that project. `me` is who the history will name. NOT_FOUND otherwise,
 * the same answer for an epic elsewhere as for none, so a token tells nothing about other projects.
 */
export async function loadHandoffForProject(appJira: JiraGateway, issueIdOrKey: string, projectId: string, me: UserRef): Promise<LoadedHandoff> {
  const jiraIssue = await appJira.getIssue(issueIdOrKey, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
  const epic = jiraIssue ? toEpic(jiraIssue) : null;
  if (!jiraIssue || !epic || epic.projectId !== projectId) throw new AppError('NOT_FOUND', `There is no issue ${issueIdOrKey} in this token's project.`);
  if (!epic.isEpic) throw new AppError('NOT_AN_EPIC', `${epic.key} is not an epic. Production handoffs live on epics.`);
  const { record: stored, settings } = await loadRecordAndSettings(epic.id, projectId);
  return { epic, record: stored?.record ?? null, version: stored?.version ?? 0, settings, me, permissions: { ...NO_PERMISSIONS }, published: jiraIssue.properties?.[SUMMARY_PROPERTY_KEY], sent: undefined };
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

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}
