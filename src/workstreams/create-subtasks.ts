/**
 * The second bulk request of a creation: the missing sub-tasks under their workstream issues (Jira needs
 * the parents' keys, so it follows the workstream issues' request). Before it, one read of the sub-task
 * create screen says whether the due date field is there and whether Jira requires a field the app cannot
 * fill; a project without a sub-task type or with such a field gets a message naming what to change and no
 * request at all, so nothing is half-created that a retry cannot finish.
 */
import type { WorkstreamKey } from '../domain/record';
import type { WantedSubtask } from '../domain/subtask-plan';
import { listNames } from '../domain/sentences';
import type { EpicRef, IssueTypeMeta, JiraGateway } from '../jira';
import { chooseSubtaskIssueType } from './issue-type';
import { subtaskIssueUpdate } from './issue-updates';
import { pairBulkResults } from './bulk-results';

/** The fields the app fills in (or Jira defaults) on a sub-task. */
const FILLED = new Set(['project', 'issuetype', 'parent', 'summary', 'description', 'assignee', 'duedate', 'reporter']);

export interface SubtaskOutcome {
  created: Array<{ item: WantedSubtask['item']; workstream: WorkstreamKey; issueId: string; issueKey: string; summary: string }>;
  failed: Array<{ item: WantedSubtask['item']; workstream: WorkstreamKey; summary: string; message: string }>;
  /** Why none could be created, naming what a Jira admin changes. */
  problem?: string;
}

export interface SubtaskRequest {
  toCreate: WantedSubtask[];
  /** The key of each workstream's issue (found, or created by the first request). */
  parents: ReadonlyMap<WorkstreamKey, string>;
  epic: EpicRef & { projectId: string; projectKey: string };
  /** The project's issue types as createmeta lists them (read once for both requests). */
  types: IssueTypeMeta[];
}

export async function createSubtasks(jira: JiraGateway, { toCreate, parents, epic, types }: SubtaskRequest): Promise<SubtaskOutcome> {
  const placeable = toCreate.filter((w) => parents.has(w.workstream));
  const orphans: SubtaskOutcome['failed'] = toCreate
    .filter((w) => !parents.has(w.workstream))
    .map((w) => ({ item: w.item, workstream: w.workstream, summary: w.summary, message: 'Its workstream issue could not be created; press Create again once it exists.' }));
  if (placeable.length === 0) return { created: [], failed: orphans };
  const type = chooseSubtaskIssueType(types);
  if (!type) {
    return { created: [], failed: orphans, problem: `Project ${epic.projectKey} has no sub-task issue type, so no sub-task was created. A Jira admin adds one (Sub-task) to the project's issue types; then press Create again.` };
  }
  const screen = await jira.createFields(epic.projectKey, type.id);
  const blocking = screen.filter((f) => f.required && !f.hasDefaultValue && !FILLED.has(f.fieldId));
  if (blocking.length > 0) {
    const names = blocking.map((f) => f.name);
    const them = names.length === 1 ? 'it' : 'them';
    return {
      created: [],
      failed: orphans,
      problem: `Jira requires ${listNames(names)} to create a ${type.name} in ${epic.projectKey}, which the app cannot fill in, so no sub-task was created. A Jira admin makes ${them} optional or gives ${them} a default value for ${type.name}; then press Create again.`,
    };
  }
  const onScreen = new Set(screen.map((f) => f.fieldId));
  const owners = await kpiOwners(jira, epic.projectKey, placeable);
  const updates = placeable.map((w) => {
    const assignee = w.assignee?.accountId ?? (w.kpiOwner ? owners.get(w.kpiOwner)?.accountId : undefined);
    return subtaskIssueUpdate(w, epic, { projectId: epic.projectId, issueTypeId: type.id, parentKey: parents.get(w.workstream)!, onScreen, ...(assignee ? { assigneeAccountId: assignee } : {}) });
  });
  const paired = pairBulkResults(placeable, await jira.bulkCreate(updates));
  return {
    created: paired.created.map(({ item: w, issueId, issueKey }) => ({ item: w.item, workstream: w.workstream, issueId, issueKey, summary: w.summary })),
    failed: [...paired.failed.map(({ item: w, message }) => ({ item: w.item, workstream: w.workstream, summary: w.summary, message })), ...orphans],
  };
}

/**
 * KPI owners are names typed into the record: each distinct one is looked up once among the people issues
 * in the project can be assigned to; a name that is nobody (or several people) leaves the sub-task unassigned.
 */
async function kpiOwners(jira: JiraGateway, projectKey: string, items: WantedSubtask[]): Promise<Map<string, { accountId: string }>> {
  const names = [...new Set(items.filter((w) => !w.assignee && w.kpiOwner).map((w) => w.kpiOwner!))];
  const found = await Promise.all(names.map(async (name) => [name, await jira.findAssignableUser(projectKey, name).catch(() => null)] as const));
  return new Map(found.flatMap(([name, user]) => (user ? [[name, user]] : [])));
}
