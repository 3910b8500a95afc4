/**
 * createWorkstreams: one child issue per enabled workstream, exactly once. The user must be allowed to
 * create issues; then, under a per-epic lock, the marker search says what already exists, the rest is
 * created in one bulk request with the marker set atomically, and the issues are linked in the handoff
 * record through the one change path (history, audit, summary). A double press waits for the lock and
 * finds everything created; a retry after a lost response or a reset of app storage finds the issues by
 * their marker.
 */
import type { CreateWorkstreamsResult } from '../shared/contract';
import { linkWorkstreams } from '../domain/commands';
import { isLocked, lockedMessage } from '../domain/done';
import { planWorkstreams, type ExistingWorkstream, type WorkstreamToCreate } from '../domain/workstream-plan';
import type { ProjectSettings } from '../domain/policy';
import type { WorkstreamIssueRef, WorkstreamKey } from '../domain/record';
import { findWorkstreams, onePerWorkstream, workstreamProgress, type EpicRef, type FoundWorkstream, type JiraGateway } from '../jira';
import { loadRecord } from '../storage';
import { AppError, requireIssue, type CallContext } from '../kernel';
import { applyChange, loadHandoff, type LoadedHandoff } from '../handoff';
import { chooseWorkstreamIssueType } from './issue-type';
import { workstreamIssueUpdate } from './issue-updates';
import { LockBusyError, withEpicLock } from './lock';
import { reconcileWithRecord } from './reconcile';
import { workstreamsView } from './view';

export async function createWorkstreams(ctx: CallContext): Promise<CreateWorkstreamsResult> {
  const { issue, accountId } = requireIssue(ctx);
  // Refused before anything else happens: nothing is locked, searched or created for a refused user, or
  // for a Done epic's locked handoff (its workstream issues are part of it).
  const loaded = await loadHandoff(ctx, 'CREATE_ISSUES');
  if (isLocked(loaded.record, loaded.epic.statusCategory)) throw new AppError('LOCKED', lockedMessage(loaded.epic.key));
  try {
    return await withEpicLock(issue.id, `${accountId}:${Date.now()}:${Math.random()}`, () => createUnderLock(ctx, loaded));
  } catch (e) {
    if (e instanceof LockBusyError) throw new AppError('BUSY', e.message);
    throw e;
  }
}

async function createUnderLock(ctx: CallContext, loaded: LoadedHandoff): Promise<CreateWorkstreamsResult> {
  const jira = ctx.userJira;
  const { epic, settings } = loaded;
  // Read again under the lock: whoever held it before may have linked the issues it created.
  const [searched, stored] = await Promise.all([findWorkstreams(jira, epic), loadRecord(epic.id)]);
  const current: LoadedHandoff = { ...loaded, record: stored?.record ?? null, version: stored?.version ?? 0 };
  const found = await reconcileWithRecord(jira, epic, searched, current.record?.workstreams ?? {});
  const leads = current.record?.ownership.workstreamLeads ?? {};
  const existing = onePerWorkstream(found).map(toExisting);
  const plan = planWorkstreams({ epic, templates: settings.workstreamTemplates, existing, leads });
  const outcome = plan.toCreate.length > 0 ? await createMissing(jira, plan.toCreate, epic, settings) : { created: [], failed: [] };

  const refs: Partial<Record<WorkstreamKey, WorkstreamIssueRef>> = {};
  for (const e of plan.existing) refs[e.workstream] = { issueId: e.issueId, issueKey: e.issueKey };
  for (const c of outcome.created) refs[c.workstream] = { issueId: c.issueId, issueKey: c.issueKey };
  const after = outcome.created.length > 0 ? await reconcileWithRecord(jira, epic, await findWorkstreams(jira, epic), refs) : found;
  if (Object.keys(refs).length > 0) {
    await applyChange(ctx, current, { action: 'createWorkstreams', baseVersion: 'latest', apply: (record) => linkWorkstreams(record, refs), workstreams: workstreamProgress(after) });
  }
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

async function createMissing(jira: JiraGateway, toCreate: WorkstreamToCreate[], epic: EpicRef & { projectId: string; projectKey: string }, settings: ProjectSettings): Promise<CreateOutcome> {
  const types = await jira.createmetaIssueTypes(epic.projectKey);
  const type = chooseWorkstreamIssueType(types, settings.workstreamIssueType);
  if (!type) {
    const message = `Project ${epic.projectKey} has no standard issue type (such as Task) that can sit under an epic.`;
    return { created: [], failed: toCreate.map((t) => ({ workstream: t.workstream, message })) };
  }
  const result = await jira.bulkCreate(toCreate.map((t) => workstreamIssueUpdate(t, epic, { projectId: epic.projectId, issueTypeId: type.id })));
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
