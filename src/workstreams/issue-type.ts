/** Which issue types the app creates: an epic's children are level-0, non-sub-task types; their sub-tasks a level -1 sub-task type. */
import type { IssueTypeMeta } from '../jira';

export function chooseWorkstreamIssueType(types: IssueTypeMeta[], preferred: string): IssueTypeMeta | undefined {
  const candidates = types.filter((t) => !t.subtask && t.hierarchyLevel === 0);
  const named = (name: string) => candidates.find((t) => t.name.toLowerCase() === name.toLowerCase());
  return named(preferred) ?? named('Task') ?? candidates[0];
}

/** The project's sub-task type ("Sub-task" when there are several); undefined when its scheme has none. */
export function chooseSubtaskIssueType(types: IssueTypeMeta[]): IssueTypeMeta | undefined {
  const candidates = types.filter((t) => t.subtask && t.hierarchyLevel === -1);
  return candidates.find((t) => t.name.toLowerCase() === 'sub-task') ?? candidates[0];
}
