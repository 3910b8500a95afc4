/**
 * Reads report partitions (ranges of issue ids, src/domain/report-partitions.ts) at once, one search page
 * each, ordered by id. A partition that holds more than a page continues from the id after the last one
 * read (a range of its own, not Jira's page token), so nothing read twice and nothing skipped even while
 * issues are created or relabelled; what is left is answered as unfinished, for the next call.
 */
import { nextId, partitionClause, PARTITION_SIZE, type ReportPartition } from '../domain/report-partitions';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { JiraGateway } from '../jira';
import type { ReadRow } from './forged-summaries';
import { readRowOf } from './report-rows';
import { REPORT_FIELDS } from './report-search';

export interface PartitionsRead {
  read: ReadRow[];
  unfinished: ReportPartition[];
}

/** Searches `scope ∧ partition` for each partition, all at once (at most 10 a call: the contract's limit). */
export async function readPartitions(jira: JiraGateway, scope: string, partitions: readonly ReportPartition[]): Promise<PartitionsRead> {
  const pages = await Promise.all(
    partitions.map(async (p) => {
      const page = await jira.search(`${scope} AND ${partitionClause(p)} ORDER BY id ASC`, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY], maxResults: PARTITION_SIZE });
      const last = page.issues[page.issues.length - 1];
      const rest: ReportPartition | undefined = page.nextPageToken && last ? { from: nextId(last.id), ...(p.to !== undefined ? { to: p.to } : {}) } : undefined;
      return { read: page.issues.map(readRowOf), rest };
    }),
  );
  return { read: pages.flatMap((p) => p.read), unfinished: pages.flatMap((p) => (p.rest ? [p.rest] : [])) };
}
