/**
 * The searchable summary (issue property `production-handoff-readiness`): the one module that computes
 * an epic's summary from storage and Jira and writes it when it differs (sync), re-checks after a write
 * while deliveries race (settle), and runs on Jira's issue events (the trigger).
 */
export { syncSummary, workstreamCounts, type CountsSource, type SummaryInput, type SyncOutcome, type SyncResult } from './sync';
export { republishWhenStale, type EpicState, type RepairInput, type RepairOutcome } from './settle';
export { handleIssueEvent, onIssueEvent, type EpicOutcome } from './on-issue-event';
