import type { Database } from '../db';
import type { Principal } from '../auth';
import { findIssue, findProject, nowIso, type IssueRow, type IssueTypeRow, type ProjectRow } from './catalog';
import { JiraError, badRequest } from './errors';
import { hasProjectPermission, requirePermission } from './permissions';

/**
 * Jira Cloud's Move (`POST /rest/api/3/bulk/issues/move`), the honest subset: issues go to one target
 * project, issue type (any hierarchy level: this is how an Epic becomes a Task and back) and optional
 * parent per mapping. A move to another project gives the issue a new key and keeps its id; the old key
 * keeps answering. Sub-tasks move with their parent; children that no longer fit the new level lose
 * their parent. Each issue succeeds or fails on its own, as a bulk task whose progress is polled.
 */
export const MOVE_LIMIT = 1000;

export interface MoveTarget {
  project: ProjectRow;
  type: IssueTypeRow;
  /** The parent named in the mapping key; `undefined` keeps a parent that still fits. */
  parent?: IssueRow;
  issueRefs: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const typeById = (db: Database, id: string) => db.prepare('SELECT * FROM issue_types WHERE id = ?').get(id) as IssueTypeRow | undefined;
const INFER_FLAGS = ['inferClassificationDefaults', 'inferFieldDefaults', 'inferStatusDefaults', 'inferSubtaskTypeDefault'] as const;

/** The request as a whole: a malformed one is refused (400) before any issue moves. */
export function parseBulkMove(db: Database, principal: Principal, body: unknown): MoveTarget[] {
  if (!isObject(body) || !isObject(body.targetToSourcesMapping)) throw badRequest('targetToSourcesMapping is required.');
  if (body.sendBulkNotification !== undefined && body.sendBulkNotification !== null && typeof body.sendBulkNotification !== 'boolean') {
    throw badRequest('sendBulkNotification must be a boolean.');
  }
  const entries = Object.entries(body.targetToSourcesMapping);
  if (entries.length === 0) throw badRequest('targetToSourcesMapping must name at least one target.');
  const targets = entries.map(([key, mapping]): MoveTarget => {
    const parts = key.split(',').map((p) => p.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw badRequest(`The target '${key}' must be '<project ID or key>,<issueType ID>' or '<project ID or key>,<issueType ID>,<parent ID or key>'.`);
    }
    const project = findProject(db, parts[0]);
    if (!project || !hasProjectPermission(db, principal, project.id, 'BROWSE_PROJECTS')) throw badRequest(`The project '${parts[0]}' does not exist or you do not have permission to view it.`);
    const type = /^\d+$/.test(parts[1]) ? typeById(db, parts[1]) : undefined;
    if (!type) throw badRequest(`The issue type '${parts[1]}' does not exist: give the issue type's ID.`);
    let parent: IssueRow | undefined;
    if (parts[2] !== undefined) {
      parent = findIssue(db, parts[2]);
      if (!parent || !hasProjectPermission(db, principal, parent.project_id, 'BROWSE_PROJECTS')) throw badRequest(`The parent '${parts[2]}' does not exist or you do not have permission to view it.`);
    }
    if (!isObject(mapping)) throw badRequest(`The mapping for '${key}' must be an object.`);
    for (const flag of INFER_FLAGS) {
      if (typeof mapping[flag] !== 'boolean') throw badRequest(`${flag} is required for '${key}' and must be a boolean.`);
    }
    const refs = mapping.issueIdsOrKeys;
    if (!Array.isArray(refs) || refs.length === 0 || refs.some((r) => typeof r !== 'string' || r.trim() === '')) {
      throw badRequest(`issueIdsOrKeys for '${key}' must be a non-empty list of issue IDs or keys.`);
    }
    return { project, type, parent, issueRefs: refs as string[] };
  });
  const total = targets.reduce((n, t) => n + t.issueRefs.length, 0);
  if (total > MOVE_LIMIT) throw badRequest(`You can't move more than ${MOVE_LIMIT} issues at once.`);
  return targets;
}

export interface MoveOutcome {
  processed: number[];
  /** Issue id → reasons. */
  failed: Record<string, string[]>;
  inaccessible: number;
  /** Every issue row the move changed (the moved issues, their sub-tasks, children that lost their parent). */
  changes: Array<{ before: IssueRow; after: IssueRow }>;
}

export function runBulkMove(db: Database, principal: Principal, targets: MoveTarget[]): MoveOutcome {
  const outcome: MoveOutcome = { processed: [], failed: {}, inaccessible: 0, changes: [] };
  for (const target of targets) {
    for (const ref of target.issueRefs) {
      const issue = findIssue(db, ref);
      if (!issue || !hasProjectPermission(db, principal, issue.project_id, 'BROWSE_PROJECTS')) {
        outcome.inaccessible += 1;
        continue;
      }
      try {
        outcome.changes.push(...db.transaction(() => moveOne(db, principal, issue, target))());
        outcome.processed.push(issue.id);
      } catch (e) {
        if (!(e instanceof JiraError)) throw e;
        outcome.failed[String(issue.id)] = [...e.errorMessages, ...Object.values(e.errors)];
      }
    }
  }
  return outcome;
}

const refuse = (message: string) => new JiraError(400, [message]);

function moveOne(db: Database, principal: Principal, issue: IssueRow, target: MoveTarget): Array<{ before: IssueRow; after: IssueRow }> {
  const { project, type } = target;
  const current = typeById(db, issue.issuetype_id)!;
  requirePermission(db, principal, issue.project_id, 'MOVE_ISSUES');
  if (project.id !== issue.project_id) requirePermission(db, principal, project.id, 'CREATE_ISSUES');

  const children = db.prepare('SELECT * FROM issues WHERE parent_id = ? ORDER BY id').all(issue.id) as IssueRow[];
  const subtasks = children.filter((c) => typeById(db, c.issuetype_id)?.subtask === 1);
  if (subtasks.length > 0 && (type.subtask === 1 || type.hierarchy_level !== 0)) {
    throw refuse(`${issue.key} has sub-tasks, which can only sit under a level-0 work item: move or convert them first.`);
  }
  const parentId = newParent(db, issue, target);
  if (project.id === issue.project_id && type.id === current.id && parentId === issue.parent_id) {
    throw refuse(`${issue.key} is already a ${type.name} in ${project.key}.`);
  }

  const changed: Array<{ before: IssueRow; after: IssueRow }> = [];
  const now = nowIso();
  const rekey = (row: IssueRow) => {
    if (project.id === row.project_id) return { key: row.key, num: row.num };
    const num = (db.prepare('UPDATE projects SET issue_counter = issue_counter + 1 WHERE id = ? RETURNING issue_counter').get(project.id) as { issue_counter: number }).issue_counter;
    // The old key keeps answering (REST and JQL), and is never given to another issue.
    db.prepare('INSERT OR REPLACE INTO issue_key_history (key, issue_id) VALUES (?, ?)').run(row.key, row.id);
    return { key: `${project.key}-${num}`, num };
  };
  const update = (row: IssueRow, set: { key: string; num: number; projectId: string; typeId: string; parentId: number | null }) => {
    db.prepare('UPDATE issues SET key = ?, num = ?, project_id = ?, issuetype_id = ?, parent_id = ?, updated = ? WHERE id = ?')
      .run(set.key, set.num, set.projectId, set.typeId, set.parentId, now, row.id);
    changed.push({ before: row, after: findIssue(db, String(row.id))! });
  };

  update(issue, { ...rekey(issue), projectId: project.id, typeId: type.id, parentId });
  for (const sub of subtasks) update(sub, { ...rekey(sub), projectId: project.id, typeId: sub.issuetype_id, parentId: issue.id });
  // Children of another level no longer fit under the new type (an Epic that became a Task): Jira unlinks them.
  for (const child of children.filter((c) => !subtasks.includes(c))) {
    if (typeById(db, child.issuetype_id)!.hierarchy_level + 1 !== type.hierarchy_level) {
      update(child, { key: child.key, num: child.num, projectId: child.project_id, typeId: child.issuetype_id, parentId: null });
    }
  }
  return changed;
}

/** The parent after the move: the one the mapping names, else the current one while it still fits. */
function newParent(db: Database, issue: IssueRow, { project, type, parent }: MoveTarget): number | null {
  const fits = (p: IssueRow) => typeById(db, p.issuetype_id)!.hierarchy_level === type.hierarchy_level + 1 && (type.subtask !== 1 || p.project_id === project.id);
  if (parent) {
    if (parent.id === issue.id || !fits(parent)) {
      throw refuse(`${parent.key} cannot be the parent of a ${type.name} (level ${type.hierarchy_level})${type.subtask === 1 ? ' in ' + project.key : ''}.`);
    }
    return parent.id;
  }
  const current = issue.parent_id === null ? undefined : findIssue(db, String(issue.parent_id));
  if (current && fits(current)) return current.id;
  if (type.subtask === 1) throw refuse(`A ${type.name} needs a parent: name it in the target ('<project>,<issueType ID>,<parent ID or key>').`);
  return null;
}

/** Jira's bulk task progress (`GET /rest/api/3/bulk/queue/{taskId}`), kept in memory. */
export interface BulkTask {
  taskId: string;
  status: 'ENQUEUED' | 'RUNNING' | 'COMPLETE' | 'FAILED';
  submittedBy: string | null;
  created: number;
  started?: number;
  updated: number;
  totalIssueCount: number;
  outcome?: Omit<MoveOutcome, 'changes'>;
}

export class BulkTasks {
  private next = 10000;
  private readonly tasks = new Map<string, BulkTask>();

  submit(principal: Principal, totalIssueCount: number): BulkTask {
    const now = Date.now();
    const task: BulkTask = { taskId: String(this.next++), status: 'ENQUEUED', submittedBy: principal.kind === 'user' ? principal.accountId : null, created: now, updated: now, totalIssueCount };
    this.tasks.set(task.taskId, task);
    return task;
  }

  get(taskId: string): BulkTask | undefined {
    return this.tasks.get(taskId);
  }

  static progress(task: BulkTask): Record<string, unknown> {
    const base = {
      taskId: task.taskId,
      status: task.status,
      progressPercent: task.status === 'COMPLETE' ? 100 : 0,
      submittedBy: task.submittedBy ? { accountId: task.submittedBy } : undefined,
      created: task.created,
      ...(task.started ? { started: task.started } : {}),
      updated: task.updated,
    };
    if (!task.outcome) return base;
    return {
      ...base,
      totalIssueCount: task.totalIssueCount,
      processedAccessibleIssues: task.outcome.processed,
      failedAccessibleIssues: task.outcome.failed,
      invalidOrInaccessibleIssueCount: task.outcome.inaccessible,
    };
  }
}
