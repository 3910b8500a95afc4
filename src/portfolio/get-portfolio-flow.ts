/**
 * getPortfolioFlow: the flow metrics (pilot close to ready and to shipped, purgatory in and out, pilots
 * closed with the questions answered) per project and across the portfolio, for the initiatives the user
 * can browse. Jira: the ids of the first 5,000 (one request), then their id ranges of 100, 10 searches at
 * once (beyond 5,000 the answer says it is partial); storage: records in batches
 * of 25 and each project's audit trail by key prefix. Entries of issues outside the search are ignored,
 * so nothing the user cannot browse is counted.
 */
import type { PortfolioFlow } from '../shared/contract';
import { AuditReadiness, type FlowAuditEntry, type FlowInitiative } from '../domain/flow-history';
import { flowMetrics } from '../domain/flow-metrics';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { auditPage, loadRecords } from '../storage';
import type { CallContext } from '../kernel';
import { PORTFOLIO_FIELDS, portfolioCondition, portfolioIssueOf, type PortfolioIssue } from './portfolio-search';
import { PARTITIONS_PER_CALL, planPartitions } from '../domain/report-partitions';
import { searchIds, searchPartitions } from '../jira';
import { portfolioScope } from './get-portfolio-page';
import type { PortfolioSelection } from './gadget-config';

export async function getPortfolioFlow(ctx: CallContext, payload: PortfolioSelection): Promise<PortfolioFlow> {
  const today = isoToday(new Date(), ctx.timezone);
  // The first 5,000 initiatives by id (one ids-only request), read in id ranges 10 at once instead of 50 pages in a row.
  const scoped = await portfolioScope(ctx, payload, (scope) => searchIds(ctx.userJira, portfolioCondition(scope)));
  const empty = flowMetrics([], [], today);
  if (!scoped) return { today, portfolio: empty, projects: [], complete: true, jiraRequests: ctx.userJira.requestCount };
  const condition = portfolioCondition(scoped.scope);
  const ids = scoped.found;
  const queue = [...planPartitions(ids.ids, { complete: ids.complete }).partitions];
  const read: PortfolioIssue[] = [];
  while (queue.length > 0) {
    const found = await searchPartitions(ctx.userJira, condition, queue.splice(0, PARTITIONS_PER_CALL), { fields: PORTFOLIO_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
    for (const issue of found.issues) {
      const r = portfolioIssueOf(issue, scoped.scope);
      if (r) read.push(r);
    }
    // A range that held more than a page (initiatives created meanwhile) goes on from its last id.
    queue.push(...found.unfinished);
  }

  const projectIds = [...new Set(read.map((r) => r.project.id))];
  const [records, trails] = await Promise.all([loadRecords(read.map((r) => r.epic.id)), Promise.all(projectIds.map(readTrail))]);
  const audit = trails.flat();
  const initiatives = read.map((r): FlowInitiative & { projectId: string } => {
    const record = records.get(r.epic.id)?.record ?? null;
    return {
      issueId: r.epic.id,
      projectId: r.project.id,
      record: record ? { pilot: record.pilot, createdAt: record.createdAt } : null,
      statusCategory: r.epic.statusCategory,
      ...(r.epic.statusCategory === 'done' && r.statusCategoryChanged ? { doneSince: r.statusCategoryChanged } : {}),
    };
  });
  const projects = projectIds.map((id) => {
    const p = read.find((r) => r.project.id === id)!.project;
    return { ...p, metrics: flowMetrics(initiatives.filter((i) => i.projectId === id), audit, today) };
  });
  return { today, portfolio: flowMetrics(initiatives, audit, today), projects, complete: ids.complete, jiraRequests: ctx.userJira.requestCount };
}

/** One project's audit trail as the flow reads it; `readiness` only when it has the shape the change path writes. */
async function readTrail(projectId: string): Promise<FlowAuditEntry[]> {
  const out: FlowAuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await auditPage(projectId, cursor);
    for (const e of page.entries) {
      if (!e.issueId) continue;
      const readiness = AuditReadiness.safeParse((e as { readiness?: unknown }).readiness);
      out.push({ issueId: e.issueId, at: e.at, version: e.version, ...(readiness.success ? { readiness: readiness.data } : {}) });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
