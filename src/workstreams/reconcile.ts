/**
 * Jira's search index lags a few seconds behind a create. Issues the record says we created but the
 * search did not return are read directly (strongly consistent), so a second press right after the
 * first never creates them again. Costs nothing when search and record agree.
 */
import type { WorkstreamKey } from '../domain/record';
import { claimedWorkstream, WORKSTREAM_FIELDS, type EpicRef, type FoundWorkstream, type JiraGateway } from '../jira';
import { WORKSTREAM_MARKER_KEY } from '../domain/report-types';

export async function reconcileWithRecord(
  jira: JiraGateway,
  epic: EpicRef,
  found: FoundWorkstream[],
  remembered: Partial<Record<WorkstreamKey, { issueId: string }>>,
): Promise<FoundWorkstream[]> {
  const have = new Set(found.map((f) => f.workstream));
  const missing = (Object.entries(remembered) as Array<[WorkstreamKey, { issueId: string }]>).filter(([k]) => !have.has(k));
  const direct = await Promise.all(
    missing.map(async ([, ref]) => jira.getIssue(ref.issueId, { fields: [...WORKSTREAM_FIELDS, 'parent'], properties: [WORKSTREAM_MARKER_KEY] })),
  );
  const extra = direct.flatMap((issue) => {
    if (!issue || issue.fields.parent?.id !== epic.id) return [];
    const workstream = claimedWorkstream(issue, epic.id);
    return workstream ? [{ workstream, issue }] : [];
  });
  return [...found, ...extra];
}
