/** The portfolio's rows from what its searches returned: each checked against its own project's label, with its project's stall threshold. */
import type { PortfolioRow } from '../shared/contract';
import { toReportRow } from '../domain/report';
import type { JiraIssue } from '../jira';
import { summaryWithoutRecord } from '../domain/summary';
import { portfolioIssueOf, settingsOf, type PortfolioScope } from './portfolio-search';

export function portfolioRowsOf(issues: readonly JiraIssue[], scope: PortfolioScope, today: string): PortfolioRow[] {
  return issues.flatMap((issue) => {
    const read = portfolioIssueOf(issue, scope);
    if (!read) return [];
    const settings = settingsOf(scope, read.project.id);
    const row = toReportRow(read.epic, read.summary ?? summaryWithoutRecord(read.epic, settings, today), today, settings);
    return [{ ...row, project: read.project, stallDays: settings.stallDays }];
  });
}
