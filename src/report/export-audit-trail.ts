/**
 * exportAuditTrail: one page of the project's append-only audit trail, oldest first. The report page asks
 * for the pages in turn and joins them into the CSV (RFC 4180, formula-safe) or JSON file, so no answer
 * comes near Forge's 5 MB response limit however long the trail grows. Evidence for an AI-governance
 * review, so only people who can edit the project's issues may take it.
 */
import type { AuditExportPage } from '../shared/contract';
import { isoToday } from '../domain/dates';
import { auditPage } from '../storage';
import { requireProjectPermission } from '../permissions';
import { requireProject, type CallContext } from '../resolvers/context';

export async function exportAuditTrail(ctx: CallContext, payload: { format: 'csv' | 'json'; cursor?: string }): Promise<AuditExportPage> {
  const { project } = requireProject(ctx);
  await requireProjectPermission(ctx.userJira, project.key, 'EDIT_ISSUES');
  const page = await auditPage(project.id, payload.cursor);
  const filename = `production-handoff-audit-${project.key}-${isoToday(new Date(), ctx.timezone)}.${payload.format}`;
  return { format: payload.format, filename, entries: page.entries, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
}
