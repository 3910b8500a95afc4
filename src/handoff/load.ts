/** Reading a handoff: permission first, then the epic, record, settings and caller in parallel. */
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import { requireIssuePermission, type Permissions } from '../permissions';
import { loadRecordAndSettings } from '../storage';
import type { HandoffView } from '../shared/contract';
import type { HandoffRecord, UserRef } from '../domain/record';
import { isInitiative, type ProjectSettings } from '../domain/policy';
import type { JiraPermission } from '../jira/types';
import { AppError } from '../resolvers/errors';
import { requireIssue, type CallContext } from '../resolvers/context';
import { EPIC_FIELDS, toEpic, type Epic } from './epic';
import { currentUser } from './users';
import { publishSummary, summaryIsStale } from './summary-sync';
import { buildView, readinessOf } from './view';
import { workstreamFacts } from './workstream-facts';

export interface LoadedHandoff {
  epic: Epic;
  record: HandoffRecord | null;
  version: number;
  settings: ProjectSettings;
  me: UserRef;
  permissions: Permissions;
  /** The searchable summary Jira holds now (null when never published). */
  published: SearchSummary | null;
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
  const published = (jiraIssue.properties?.[SUMMARY_PROPERTY_KEY] ?? null) as SearchSummary | null;
  return { epic, record: stored?.record ?? null, version: stored?.version ?? 0, settings, me, permissions, published };
}

/** getHandoff. Also repairs a summary whose publish failed after an earlier save. */
export async function getHandoffView(ctx: CallContext): Promise<HandoffView> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  const parts = { ...loaded, timezone: ctx.timezone };
  const readiness = readinessOf(parts);
  if (summaryIsStale(loaded.published, loaded.record, isInitiative(loaded.epic, loaded.settings))) {
    await publishSummary(ctx.appJira, loaded.epic.id, loaded.record, readiness, await workstreamFacts(ctx.appJira, loaded.record).catch(() => undefined));
  }
  return buildView(parts, readiness);
}
