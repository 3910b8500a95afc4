/**
 * exportAuditTrail: one page of the project's append-only audit trail, oldest first. The report page asks
 * for the pages in turn and joins them into the CSV (RFC 4180, formula-safe) or JSON file, so no answer
 * comes near Forge's 5 MB response limit however long the trail grows. Evidence for an AI-governance
 * review, so only people who can edit the project's issues may take it, and each page holds only the
 * entries of issues the caller can browse now (an epic moved to a project where they have no role, or
 * behind an issue security level, drops out): one bulk permission check as the caller per page.
 */
import type { AuditExportPage } from '../shared/contract';
import type { AuditEntry } from '../domain/record';
import type { JiraGateway } from '../jira';
import { isoToday } from '../domain/dates';
import { auditPage } from '../storage';
import { requireProject, requireProjectPermission, type CallContext } from '../kernel';

export async function exportAuditTrail(ctx: CallContext, payload: { format: 'csv' | 'json'; cursor?: string }): Promise<AuditExportPage> {
  const { project } = requireProject(ctx);
  await requireProjectPermission(ctx.userJira, project.key, 'EDIT_ISSUES');
  const page = await auditPage(project.id, payload.cursor);
  const entries = await browsableEntries(ctx.userJira, page.entries);
  const filename = `production-handoff-audit-${project.key}-${isoToday(new Date(), ctx.timezone)}.${payload.format}`;
  return { format: payload.format, filename, entries, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}

/** The entries about project settings, and those of issues the caller (whose gateway this is) can browse now. */
async function browsableEntries(userJira: JiraGateway, entries: AuditEntry[]): Promise<AuditEntry[]> {
  const issueIds = [...new Set(entries.flatMap((e) => (e.issueId ? [e.issueId] : [])))];
  if (issueIds.length === 0) return entries;
  const browsable = await userJira.issuesWithPermission(issueIds, 'BROWSE_PROJECTS');
  return entries.filter((e) => !e.issueId || browsable.has(e.issueId));
}
