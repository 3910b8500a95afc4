/** The readiness report: its rows (no per-epic request) and the audit trail export. */
export { reportHandlers } from './resolvers';
