/**
 * Remembers the epic's workstream issues in its handoff record (version-safe: a concurrent save makes
 * us re-read and re-apply, never overwrite). The marker in Jira stays the source of truth for "does it
 * exist"; the record keeps the refs for the brief, the history and the audit trail.
 */
import { emptyRecord, type HandoffRecord, type UserRef, type WorkstreamIssueRef, type WorkstreamKey } from '../domain/record';
import { loadRecord, saveRecord } from '../storage';

const MAX_TRIES = 4;

export interface RememberInput {
  epic: { id: string; key: string };
  projectId: string;
  refs: Partial<Record<WorkstreamKey, WorkstreamIssueRef>>;
  by: UserRef;
}

/** The record as saved (or as found, when it already named every issue). */
export async function rememberWorkstreamIssues(input: RememberInput): Promise<HandoffRecord> {
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const stored = await loadRecord(input.epic.id);
    const baseVersion = stored?.version ?? 0;
    const at = new Date().toISOString();
    const before = stored?.record ?? emptyRecord(input.epic.id, at, input.by);
    const changed = changedRefs(before, input.refs);
    if (changed.length === 0) return before;
    const record: HandoffRecord = {
      ...before,
      version: baseVersion + 1,
      updated: { by: input.by, at },
      workstreams: { ...before.workstreams, ...input.refs },
    };
    const outcome = await saveRecord({
      issueId: input.epic.id,
      issueKey: input.epic.key,
      projectId: input.projectId,
      baseVersion,
      record,
      history: {
        version: record.version,
        at,
        by: input.by,
        action: 'createWorkstreams',
        summary: `${input.by.displayName} linked workstream issues ${changed.map((k) => input.refs[k]?.issueKey).join(', ')}`,
        changes: changed.map((k) => ({ field: `workstreams.${k}`, from: before.workstreams[k]?.issueKey, to: input.refs[k]?.issueKey })),
      },
    });
    if (outcome.ok) return record;
  }
  throw new Error('The handoff record kept changing while the workstream issues were being recorded');
}

function changedRefs(record: HandoffRecord, refs: RememberInput['refs']): WorkstreamKey[] {
  return (Object.keys(refs) as WorkstreamKey[]).filter((k) => record.workstreams[k]?.issueId !== refs[k]?.issueId);
}
