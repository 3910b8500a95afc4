/** The audit feature's public entry: exporting the project's audit trail. */
export { AuditExport } from './AuditExport';
