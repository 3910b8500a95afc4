/**
 * The audit trail as a spreadsheet: one CSV row per change, built wherever the pages of the trail are
 * joined (the report page joins them in the browser, so no single response has to hold the whole trail).
 */
import type { AuditEntry } from './record';
import { toCsv, type CsvCell } from './csv';

const AUDIT_CSV_HEADER = ['At', 'By', 'Account id', 'Issue', 'Version', 'Action', 'Summary', 'Changes'];

export function auditTrailCsv(entries: readonly AuditEntry[]): string {
  return toCsv(AUDIT_CSV_HEADER, entries.map(auditCsvRow));
}

function auditCsvRow(e: AuditEntry): CsvCell[] {
  return [e.at, e.by.displayName, e.by.accountId, e.issueKey ?? (e.issueId ? e.issueId : 'project settings'), e.version, e.action, e.summary, e.changes.map(changeText).join('; ')];
}

function changeText(c: { field: string; from?: unknown; to?: unknown }): string {
  const show = (v: unknown) => (v === undefined || v === null || v === '' ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  return 'from' in c || 'to' in c ? `${c.field}: ${show(c.from)} → ${show(c.to)}` : c.field;
}
