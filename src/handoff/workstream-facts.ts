/** How many of the epic's workstream issues are done, for the searchable summary (one search, only when there are any). */
import type { HandoffRecord } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import type { JiraGateway } from '../jira/gateway';
import { statusCategoryOf } from '../jira/types';

export async function workstreamFacts(jira: JiraGateway, record: HandoffRecord | null): Promise<WorkstreamFacts | undefined> {
  const ids = Object.values(record?.workstreams ?? {}).map((w) => w.issueId).filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) return undefined;
  const { issues } = await jira.search(`id in (${ids.join(',')})`, { fields: ['status'], maxResults: ids.length });
  return { total: ids.length, done: issues.filter((i) => statusCategoryOf(i) === 'done').length };
}
