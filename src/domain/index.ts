/** The pure domain's public API: schemas, readiness, gate decision, summaries, report rows, brief and plans. */
export * from './record';
export * from './policy';
export * from './readiness-types';
export * from './report-types';
export { computeReadiness, readinessPolicy, isCommittedKpi, ownerAccepted, isEmpty } from './readiness';
export { parseGateConfig, type ParsedGateConfig } from './gate-config';
export { decideGate, couldNotVerifyMessage, unreadableConfigMessage, notDecidedMessage, isInScope, GATE_MESSAGE_MAX, type GateInput, type GateDecision } from './gate';
export { toSearchSummary } from './summary';
export * from './report';
export { handoffBrief, type BriefInput, type BriefWorkstream } from './brief';
export { toCsv, csvCell, type CsvCell } from './csv';
export { auditTrailCsv, AUDIT_CSV_HEADER } from './audit';
export * from './workstream-plan';
export { diffRecords, describeChange, type RecordChange } from './history';
export { daysBetween, isoToday, addDays } from './dates';
export { nextStep } from './next-step';
