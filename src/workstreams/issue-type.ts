/** Which issue type a workstream issue gets: an epic's children must be level-0, non-sub-task types. */
import type { IssueTypeMeta } from '../jira';

export function chooseWorkstreamIssueType(types: IssueTypeMeta[], preferred: string): IssueTypeMeta | undefined {
  const candidates = types.filter((t) => !t.subtask && t.hierarchyLevel === 0);
  const named = (name: string) => candidates.find((t) => t.name.toLowerCase() === name.toLowerCase());
  return named(preferred) ?? named('Task') ?? candidates[0];
}
