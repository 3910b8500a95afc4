/**
 * Reads report partitions (ranges of issue ids, src/domain/report-partitions.ts) at once, one search page
 * each, ordered by id (src/jira/partition-search.ts); what is left of a range that held more than a page
 * is answered as unfinished, for the next call.
 */
import type { ReportPartition } from '../domain/report-partitions';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { searchPartitions, type JiraGateway } from '../jira';
import type { ReadRow } from './forged-summaries';
import { readRowOf } from './report-rows';
import { REPORT_FIELDS } from './report-search';

export interface PartitionsRead {
  read: ReadRow[];
  unfinished: ReportPartition[];
}

/** Searches `scope ∧ partition` for each partition, all at once (at most 10 a call: the contract's limit). */
export async function readPartitions(jira: JiraGateway, scope: string, partitions: readonly ReportPartition[]): Promise<PartitionsRead> {
  const found = await searchPartitions(jira, scope, partitions, { fields: REPORT_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
  return { read: found.issues.map(readRowOf), unfinished: found.unfinished };
}
