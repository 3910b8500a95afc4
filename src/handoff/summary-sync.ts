/**
 * Publishes the searchable summary (issue property indexed for JQL) after a save. The save is already
 * committed, so a failure here is logged, not thrown: the next save (or view by an editor) writes it again.
 */
import { toSearchSummary } from '../domain/summary';
import type { HandoffRecord } from '../domain/record';
import type { Readiness, WorkstreamFacts } from '../domain/readiness-types';
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import type { JiraGateway } from '../jira/gateway';

export async function publishSummary(appJira: JiraGateway, issueId: string, record: HandoffRecord | null, readiness: Readiness, workstreams?: WorkstreamFacts): Promise<boolean> {
  try {
    await appJira.setIssueProperty(issueId, SUMMARY_PROPERTY_KEY, toSearchSummary(record, readiness, workstreams));
    return true;
  } catch (e) {
    console.warn(`Could not publish the readiness summary of issue ${issueId}; it is written again on the next save.`, e);
    return false;
  }
}

/**
 * True when the published summary is older than the stored record (a lost publish to repair), or an
 * initiative has none yet (it existed before the app, so no event published its "not started" summary).
 */
export function summaryIsStale(published: Pick<SearchSummary, 'version'> | null, record: HandoffRecord | null, initiative = false): boolean {
  if (record === null) return published === null && initiative;
  return (published?.version ?? 0) !== record.version;
}
