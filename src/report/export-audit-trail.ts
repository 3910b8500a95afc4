/**
 * exportAuditTrail: the project's append-only audit trail as CSV (RFC 4180, formula-safe) or JSON.
 * Evidence for an AI-governance review, so only people who can edit the project's issues may take it.
 */
import type { AuditExport } from '../shared/contract';
import { toCsv } from '../domain/csv';
import { isoToday } from '../domain/dates';
import { listAudit, type AuditEntry } from '../storage';
import { requireProjectPermission } from '../permissions';
import { requireProject, type CallContext } from '../resolvers/context';

const HEADER = ['At', 'By', 'Account id', 'Issue', 'Version', 'Action', 'Summary', 'Changes'];

export async function exportAuditTrail(ctx: CallContext, payload: { format: 'csv' | 'json' }): Promise<AuditExport> {
  const { project } = requireProject(ctx);
  await requireProjectPermission(ctx.userJira, project.key, 'EDIT_ISSUES');
  const entries = await listAudit(project.id);
  const base = `production-handoff-audit-${project.key}-${isoToday(new Date(), ctx.timezone)}`;
  if (payload.format === 'json') {
    return { format: 'json', filename: `${base}.json`, content: JSON.stringify(entries, null, 2), entries: entries.length };
  }
  return { format: 'csv', filename: `${base}.csv`, content: toCsv(HEADER, entries.map(csvRow)), entries: entries.length };
}

function csvRow(e: AuditEntry): Array<string | number> {
  return [e.at, e.by.displayName, e.by.accountId, e.issueKey ?? (e.issueId ? e.issueId : 'project settings'), e.version, e.action, e.summary, e.changes.map(changeText).join('; ')];
}

function changeText(c: { field: string; from?: unknown; to?: unknown }): string {
  const show = (v: unknown) => (v === undefined || v === null || v === '' ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  return 'from' in c || 'to' in c ? `${c.field}: ${show(c.from)} → ${show(c.to)}` : c.field;
}
