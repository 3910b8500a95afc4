/** The readiness report: its rows (no per-epic request), the readiness trail of the last 12 weeks and the audit trail export. */
export { reportHandlers } from './resolvers';
