/**
 * How many of the epic's workstream issues are done, for the searchable summary. Counted by the same
 * marker search as the panel, the gate and the issue-event trigger, so a save never publishes numbers
 * the trigger would then contradict; skipped (no request) while the record names no workstream issue.
 */
import type { HandoffRecord } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import type { JiraGateway } from '../jira/gateway';
import { countWorkstreams } from '../workstreams/find-existing';

export async function workstreamFacts(jira: JiraGateway, record: HandoffRecord | null): Promise<WorkstreamFacts | undefined> {
  if (!record || Object.keys(record.workstreams).length === 0) return undefined;
  return countWorkstreams(jira, { id: record.issueId });
}
