/**
 * The handoff gate (`jira:workflowValidator`): may this issue move to Done? It gathers the facts with as
 * few reads as possible — one Jira request as the app, then the record and the project settings in one
 * app-storage read — and lets `decideGate` answer. The record is read for every issue, not only epics:
 * the workflow is shared, and an epic retyped as a Task keeps its handoff. It never decides from the
 * readiness issue property (anyone who can edit the issue can edit that). Any failure for an issue that
 * is or might be in scope blocks the transition with a message saying so: the gate fails closed.
 */
import { appJira, countWorkstreams, isEpic, statusCategoryOf, type JiraGateway, type JiraIssue } from '../jira';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { loadRecordAndSettings, type RecordAndSettings } from '../storage';
import { couldNotVerifyMessage, decideGate, isInScope, type GateDecision } from '../domain/gate';
import { isoToday } from '../domain/dates';
import { parseGateConfig } from '../domain/gate-config';

export interface ValidatorArgs {
  issue: { key: string };
  configuration?: unknown;
  transition?: { from?: { id?: string }; to?: { id?: string } };
}

export interface ValidatorResult {
  result: boolean;
  errorMessage?: string;
}

/** What the gate reads; a parameter so the benchmark and tests can count and the entry point stays thin. */
export interface GateSources {
  jira: JiraGateway;
  /** The epic's record and its project's settings, in one storage read. */
  loadFacts(issueId: string, projectId: string): Promise<RecordAndSettings>;
  today(): string;
}

export const forgeGateSources = (): GateSources => ({
  jira: appJira(),
  loadFacts: loadRecordAndSettings,
  // A validator runs with no user and no time zone: the gate counts days in UTC. Its decision does not
  // depend on the day (only the wording of the pilot clock does), so no epic passes or fails by zone.
  today: () => isoToday(new Date(), 'UTC'),
});

const GATE_FIELDS = ['issuetype', 'labels', 'status', 'project'] as const;

export async function validate(args: ValidatorArgs, _context?: unknown): Promise<ValidatorResult> {
  return decideTransition(args, forgeGateSources());
}

export async function decideTransition(args: ValidatorArgs, sources: GateSources): Promise<ValidatorResult> {
  const key = typeof args?.issue?.key === 'string' ? args.issue.key : '';
  if (!key) return { result: false, errorMessage: couldNotVerifyMessage('this issue') };
  const { config, problem, scopeLabel } = parseGateConfig(args.configuration);
  try {
    const issue = await sources.jira.getIssue(key, { fields: GATE_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
    // The app can always see the issue being transitioned; not seeing it means we cannot tell what it is.
    if (!issue) return { result: false, errorMessage: couldNotVerifyMessage(key) };
    const loaded = await sources.loadFacts(issue.id, projectIdOf(issue)).catch((e: unknown) => {
      // Any other issue meets the gate only because the workflow is shared: unless it carries a handoff's
      // summary (an epic retyped after its handoff started), storage being down must not block it.
      if (!isEpic(issue) && issue.properties?.[SUMMARY_PROPERTY_KEY] === undefined) return null;
      throw e;
    });
    if (!loaded) return { result: true };
    const { record: stored, settings } = loaded;
    const facts = { epic: epicFacts(issue), record: stored?.record ?? null, config, settings, today: sources.today() };
    // An unreadable configuration is decided without workstreams: it blocks whatever might be in scope.
    if (problem !== undefined) return verdict(decideGate({ ...facts, unreadableConfig: { problem, ...(scopeLabel !== undefined ? { scopeLabel } : {}) } }));
    if (!isInScope(facts.epic, facts.record, config)) return { result: true };
    const workstreams = config.requireWorkstreamsDone ? await countWorkstreams(sources.jira, issue) : undefined;
    return verdict(decideGate({ ...facts, workstreams }));
  } catch {
    return { result: false, errorMessage: couldNotVerifyMessage(key) };
  }
}

const verdict = (decision: GateDecision): ValidatorResult => (decision.result ? { result: true } : { result: false, errorMessage: decision.errorMessage });

function epicFacts(issue: JiraIssue) {
  return { key: issue.key, isEpic: isEpic(issue), labels: issue.fields.labels ?? [], statusCategory: statusCategoryOf(issue) };
}

function projectIdOf(issue: JiraIssue): string {
  const id = issue.fields.project?.id;
  if (!id) throw new Error(`Jira did not say which project ${issue.key} is in`);
  return id;
}
