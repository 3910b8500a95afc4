/**
 * createWorkstreams: one child issue per enabled workstream, exactly once. The user must be allowed to
 * create issues; then, under a per-epic lock, the marker search says what already exists, the rest is
 * created in one bulk request with the marker set atomically, and the refs go into the handoff record.
 * A double press waits for the lock and finds everything created; a retry after a lost response or a
 * reset of app storage finds the issues by their marker.
 */
import type { CreateWorkstreamsResult } from '../shared/contract';
import { planWorkstreams, type ExistingWorkstream, type WorkstreamToCreate } from '../domain/workstream-plan';
import type { ProjectSettings } from '../domain/policy';
import type { HandoffRecord, UserRef, WorkstreamIssueRef, WorkstreamKey } from '../domain/record';
import type { JiraGateway } from '../jira';
import { loadRecord, loadSettings } from '../storage';
import { AppError } from '../resolvers/errors';
import { requireIssuePermission } from '../permissions';
import { loadEpic, type Epic } from '../handoff/epic';
import { syncSummary } from '../summary/sync';
import { isLocked, lockedMessage } from '../domain/done';
import type { WorkstreamFacts } from '../domain/readiness-types';
import { requireIssue, type CallContext, type IssueRef, type ProjectRef } from '../resolvers/context';
import { findWorkstreams, onePerWorkstream, reconcileWithRecord, workstreamProgress, type FoundWorkstream } from './find-existing';
import { chooseWorkstreamIssueType } from './issue-type';
import { workstreamIssueUpdate } from './issue-updates';
import { LockBusyError, withEpicLock } from './lock';
import { rememberWorkstreamIssues } from './record-refs';
import { workstreamsView } from './view';

export async function createWorkstreams(ctx: CallContext): Promise<CreateWorkstreamsResult> {
  const { issue, project, accountId } = requireIssue(ctx);
  // Refused before anything else happens: nothing is locked, searched or created for a refused user.
  await requireIssuePermission(ctx.userJira, issue.key, 'CREATE_ISSUES');
  try {
    return await withEpicLock(issue.id, `${accountId}:${Date.now()}:${Math.random()}`, () => createUnderLock(ctx, issue, project, accountId));
  } catch (e) {
    if (e instanceof LockBusyError) throw new AppError('BUSY', e.message);
    throw e;
  }
}

async function createUnderLock(ctx: CallContext, epicRef: IssueRef, project: ProjectRef, accountId: string): Promise<CreateWorkstreamsResult> {
  const jira = ctx.userJira;
  const epic = await loadEpic(jira, epicRef.key);
  const [searched, stored, settings] = await Promise.all([findWorkstreams(jira, epicRef), loadRecord(epicRef.id), loadSettings(project.id)]);
  // Creating workstreams changes the handoff (its workstream issues): a Done epic's locked handoff takes no change.
  if (isLocked(stored?.record ?? null, epic.statusCategory)) throw new AppError('LOCKED', lockedMessage(epic.key));
  const found = await reconcileWithRecord(jira, epicRef, searched, stored?.record.workstreams ?? {});
  const leads = stored?.record.ownership.workstreamLeads ?? {};
  const existing = onePerWorkstream(found).map(toExisting);
  const plan = planWorkstreams({ epic: { id: epicRef.id, key: epicRef.key, summary: epic.summary }, templates: settings.workstreamTemplates, existing, leads });
  const outcome = plan.toCreate.length > 0 ? await createMissing(jira, plan.toCreate, epicRef, project, settings) : { created: [], failed: [] };

  const refs: Partial<Record<WorkstreamKey, WorkstreamIssueRef>> = {};
  for (const e of plan.existing) refs[e.workstream] = { issueId: e.issueId, issueKey: e.issueKey };
  for (const c of outcome.created) refs[c.workstream] = { issueId: c.issueId, issueKey: c.issueKey };
  const saved = Object.keys(refs).length > 0 ? await rememberWorkstreamIssues({ epic: epicRef, projectId: project.id, refs, by: await whoIs(jira, accountId) }) : null;
  const after = outcome.created.length > 0 ? await reconcileWithRecord(jira, epicRef, await findWorkstreams(jira, epicRef), refs) : found;
  if (saved) await publishWorkstreamSummary(ctx, epic, saved, settings, workstreamProgress(after));
  return {
    created: outcome.created.map(({ workstream, issueKey }) => ({ workstream, issueKey })),
    alreadyExisted: plan.existing.map(({ workstream, issueKey }) => ({ workstream, issueKey })),
    failed: outcome.failed,
    view: workstreamsView({ found: after, settings, leads, canCreate: true }),
  };
}

const toExisting = (f: FoundWorkstream): ExistingWorkstream => ({ workstream: f.workstream, issueId: f.issue.id, issueKey: f.issue.key });

interface CreateOutcome {
  created: Array<{ workstream: WorkstreamKey; issueId: string; issueKey: string }>;
  failed: Array<{ workstream: WorkstreamKey; message: string }>;
}

async function createMissing(jira: JiraGateway, toCreate: WorkstreamToCreate[], epic: IssueRef, project: ProjectRef, settings: ProjectSettings): Promise<CreateOutcome> {
  const types = await jira.createmetaIssueTypes(project.key);
  const type = chooseWorkstreamIssueType(types, settings.workstreamIssueType);
  if (!type) {
    const message = `Project ${project.key} has no standard issue type (such as Task) that can sit under an epic.`;
    return { created: [], failed: toCreate.map((t) => ({ workstream: t.workstream, message })) };
  }
  const result = await jira.bulkCreate(toCreate.map((t) => workstreamIssueUpdate(t, epic, { projectId: project.id, issueTypeId: type.id })));
  // Jira lists created issues in request order, skipping the failed elements.
  const failedAt = new Map(result.errors.map((e) => [e.index, e.message]));
  const created: CreateOutcome['created'] = [];
  const failed: CreateOutcome['failed'] = [];
  let next = 0;
  toCreate.forEach((t, index) => {
    const error = failedAt.get(index);
    if (error !== undefined) failed.push({ workstream: t.workstream, message: error });
    else {
      const issue = result.issues[next++];
      if (issue) created.push({ workstream: t.workstream, issueId: issue.id, issueKey: issue.key });
      else failed.push({ workstream: t.workstream, message: 'Jira did not confirm this issue; refresh to see whether it exists.' });
    }
  });
  return { created, failed };
}

async function whoIs(jira: JiraGateway, accountId: string): Promise<UserRef> {
  return (await jira.getUser(accountId).catch(() => null)) ?? { accountId, displayName: accountId };
}

/** Keeps the searchable summary's workstream counts in step; the record is saved already, so this never fails the call. */
async function publishWorkstreamSummary(ctx: CallContext, epic: Epic, record: HandoffRecord, settings: ProjectSettings, workstreams: WorkstreamFacts): Promise<void> {
  await syncSummary(ctx.appJira, { epic, record, settings, published: undefined }, workstreams);
}
