/**
 * Searches over disjoint ranges of issue ids (src/domain/report-partitions.ts), shared by the report and
 * the portfolio: the ids of what a condition finds (one ids-only request answers up to 5,000), and one
 * search page per range, all ranges at once. A range that holds more than a page continues from the id
 * after the last one read (a range of its own, not Jira's page token), so nothing is read twice and
 * nothing skipped even while issues are created or relabelled; what is left is answered as unfinished.
 */
import { nextId, partitionClause, PARTITION_SIZE, type ReportPartition } from '../domain/report-partitions';
import type { JiraGateway } from './gateway';
import type { JiraIssue } from './types';

/** Jira's largest page when a search asks for ids only (it may answer fewer: then `complete` is false). */
const IDS_PER_REQUEST = 5000;

/** The ids `condition` (JQL without ORDER BY) finds above `after`, ascending. */
export async function searchIds(jira: JiraGateway, condition: string, after?: string): Promise<{ ids: string[]; complete: boolean }> {
  const jql = `${condition}${after !== undefined ? ` AND id > ${after}` : ''} ORDER BY id ASC`;
  const page = await jira.search(jql, { fields: ['id'], maxResults: IDS_PER_REQUEST });
  return { ids: page.issues.map((i) => i.id), complete: !page.nextPageToken };
}

export interface PartitionsSearched {
  issues: JiraIssue[];
  unfinished: ReportPartition[];
}

/** Searches `condition ∧ partition` for each partition, all at once, one page each, ordered by id. */
export async function searchPartitions(
  jira: JiraGateway,
  condition: string,
  partitions: readonly ReportPartition[],
  query: { fields: readonly string[]; properties?: readonly string[] },
): Promise<PartitionsSearched> {
  const pages = await Promise.all(
    partitions.map(async (p) => {
      const page = await jira.search(`${condition} AND ${partitionClause(p)} ORDER BY id ASC`, { fields: query.fields, ...(query.properties ? { properties: query.properties } : {}), maxResults: PARTITION_SIZE });
      const last = page.issues[page.issues.length - 1];
      const rest: ReportPartition | undefined = page.nextPageToken && last ? { from: nextId(last.id), ...(p.to !== undefined ? { to: p.to } : {}) } : undefined;
      return { issues: page.issues, rest };
    }),
  );
  return { issues: pages.flatMap((p) => p.issues), unfinished: pages.flatMap((p) => (p.rest ? [p.rest] : [])) };
}
