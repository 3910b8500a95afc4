/**
 * createWorkstreams: one child issue per enabled workstream and, under them, one sub-task per template
 * item, per withdrawn pilot condition and per agreed KPI — each exactly once. The user must be allowed to
 * create issues; then, under a per-epic lock, ONE marker search says what exists (workstream issues and
 * sub-tasks), the missing workstream issues are created in one bulk request and the missing sub-tasks in a
 * second (they need their parents' keys; 50 a request), each with its marker set atomically, and the issues
 * are linked in the handoff record through the one change path (history, audit, summary). A double press
 * waits for the lock and finds everything created; a retry after a lost response or a reset of app storage
 * finds the issues by their markers; a later decision adds only its own sub-task.
 */
import type { CreateWorkstreamsResult } from '../shared/contract';
import { linkWorkstreams } from '../domain/commands';
import { isoToday } from '../domain/dates';
import { isLocked, lockedMessage } from '../domain/done';
import type { WorkstreamToCreate } from '../domain/workstream-plan';
import type { ProjectSettings } from '../domain/policy';
import type { SubtaskItemKey, WorkstreamIssueRef, WorkstreamKey } from '../domain/record';
import { deliveryProgress, findDelivery, onePerWorkstream, type EpicRef, type IssueTypeMeta, type JiraGateway } from '../jira';
import { loadRecord } from '../storage';
import { AppError, requireIssue, type CallContext } from '../kernel';
import { applyChange, loadHandoff, type LoadedHandoff } from '../handoff';
import { pairBulkResults } from './bulk-results';
import { createSubtasks, type SubtaskOutcome } from './create-subtasks';
import { chooseWorkstreamIssueType } from './issue-type';
import { workstreamIssueUpdate } from './issue-updates';
import { LockBusyError, withEpicLock } from './lock';
import { planDelivery } from './plan';
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

type Epic = LoadedHandoff['epic'];

async function createUnderLock(ctx: CallContext, loaded: LoadedHandoff): Promise<CreateWorkstreamsResult> {
  const jira = ctx.userJira;
  const { epic, settings } = loaded;
  // Read again under the lock: whoever held it before may have linked the issues it created.
  const [searched, stored] = await Promise.all([findDelivery(jira, epic), loadRecord(epic.id)]);
  const current: LoadedHandoff = { ...loaded, record: stored?.record ?? null, version: stored?.version ?? 0 };
  const found = await reconcileWithRecord(jira, epic, searched, current.record ?? {});
  const today = isoToday(new Date(), ctx.timezone);
  const plan = planDelivery({ epic, settings, record: current.record, found, today });

  const needed = plan.workstreams.toCreate.length > 0 || plan.subtasks.toCreate.length > 0;
  // One createmeta read serves both requests.
  const types = needed ? await jira.createmetaIssueTypes(epic.projectKey) : [];
  const workstreams = plan.workstreams.toCreate.length > 0 ? await createMissing(jira, plan.workstreams.toCreate, epic, settings, types) : { created: [], failed: [] };

  const refs: Partial<Record<WorkstreamKey, WorkstreamIssueRef>> = {};
  for (const e of plan.workstreams.existing) refs[e.workstream] = { issueId: e.issueId, issueKey: e.issueKey };
  for (const c of workstreams.created) refs[c.workstream] = { issueId: c.issueId, issueKey: c.issueKey };
  const parents = new Map(Object.entries(refs).map(([k, ref]) => [k as WorkstreamKey, ref.issueKey]));
  const subtasks: SubtaskOutcome = await createSubtasks(jira, { toCreate: plan.subtasks.toCreate, parents, epic, types });

  const subtaskRefs: Record<SubtaskItemKey, WorkstreamIssueRef> = {};
  for (const s of countedIn(found)) subtaskRefs[s.item] = { issueId: s.issue.id, issueKey: s.issue.key };
  for (const s of subtasks.created) subtaskRefs[s.item] = { issueId: s.issueId, issueKey: s.issueKey };
  const createdAny = workstreams.created.length + subtasks.created.length > 0;
  const after = createdAny ? await reconcileWithRecord(jira, epic, await findDelivery(jira, epic), { workstreams: refs, subtasks: subtaskRefs }) : found;
  const linked = Object.keys(refs).length + Object.keys(subtaskRefs).length > 0
    ? await applyChange(ctx, current, {
      action: 'createWorkstreams',
      baseVersion: 'latest',
      apply: (record) => linkWorkstreams(record, refs, subtaskRefs),
      workstreams: deliveryProgress(after),
    })
    : undefined;
  // The record as saved now (leads and decisions may have changed while this ran): what the view plans from.
  const record = linked ? linked.record : current.record;
  return {
    created: workstreams.created.map(({ workstream, issueKey }) => ({ workstream, issueKey })),
    alreadyExisted: plan.workstreams.existing.map(({ workstream, issueKey }) => ({ workstream, issueKey })),
    failed: workstreams.failed,
    subtasks: {
      created: subtasks.created.map(({ workstream, issueKey, summary }) => ({ workstream, issueKey, summary })),
      failed: subtasks.failed.map(({ workstream, summary, message }) => ({ workstream, summary, message })),
      ...(subtasks.problem ? { problem: subtasks.problem } : {}),
    },
    view: workstreamsView({
      found: after,
      settings,
      leads: record?.ownership.workstreamLeads ?? {},
      plan: planDelivery({ epic, settings, record, found: after, today }),
      canCreate: true,
    }),
  };
}

/** The sub-tasks found that belong to a counted workstream issue (the ones worth remembering). */
function countedIn(found: Awaited<ReturnType<typeof findDelivery>>) {
  const parents = new Set(onePerWorkstream(found.workstreams).map((w) => w.issue.id));
  return found.subtasks.filter((s) => parents.has(String(s.issue.fields.parent?.id ?? '')));
}

interface CreateOutcome {
  created: Array<{ workstream: WorkstreamKey; issueId: string; issueKey: string }>;
  failed: Array<{ workstream: WorkstreamKey; message: string }>;
}

async function createMissing(jira: JiraGateway, toCreate: WorkstreamToCreate[], epic: EpicRef & Epic, settings: ProjectSettings, types: IssueTypeMeta[]): Promise<CreateOutcome> {
  const type = chooseWorkstreamIssueType(types, settings.workstreamIssueType);
  if (!type) {
    const message = `Project ${epic.projectKey} has no standard issue type (such as Task) that can sit under an epic.`;
    return { created: [], failed: toCreate.map((t) => ({ workstream: t.workstream, message })) };
  }
  const result = await jira.bulkCreate(toCreate.map((t) => workstreamIssueUpdate(t, epic, { projectId: epic.projectId, issueTypeId: type.id })));
  const paired = pairBulkResults(toCreate, result);
  return {
    created: paired.created.map(({ item, issueId, issueKey }) => ({ workstream: item.workstream, issueId, issueKey })),
    failed: paired.failed.map(({ item, message }) => ({ workstream: item.workstream, message })),
  };
}
