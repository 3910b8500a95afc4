/**
 * Republishes an epic's searchable summary when it no longer matches Jira: its workstream counts are not
 * the live ones, or the epic moved into or out of Done so its "shipped" level is wrong. Only the
 * derived issue property is written — never the record — so running it twice, or beside a save, loses
 * nothing: it re-reads the record version after publishing and publishes again if a save slipped in.
 *
 * Deliveries of issue events may run at the same time, and a slower one's write can land after a newer
 * one's (last writer wins in Jira). So after a write, the epic and its live counts are read again and the
 * summary is published again until a pass finds nothing to change: whichever write lands last, its writer
 * then sees the truth and corrects it.
 */
import { computeReadiness, readinessPolicy } from '../domain/readiness';
import type { ProjectSettings } from '../domain/policy';
import type { HandoffRecord } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import { SUMMARY_PROPERTY_KEY, type SearchSummary } from '../domain/report-types';
import type { JiraGateway, JiraIssue } from '../jira';
import { toEpic } from '../handoff/epic';
import { publishSummary } from '../handoff/summary-sync';
import { countsDiffer } from './issue-event';
import { isInitiative } from '../domain/policy';

/** The epic (read with EPIC_FIELDS and the summary property) and its live workstream counts. */
export interface EpicState {
  epic: JiraIssue;
  live: WorkstreamFacts;
}

export interface RepairInput {
  appJira: JiraGateway;
  /** What the caller has just read: the first pass decides from it. */
  state: EpicState;
  /** Reads the state again after a write (null: the epic is gone or no longer an epic). */
  reread(): Promise<EpicState | null>;
  /** The epic's record and its project's settings (read only when a publish is due). */
  loadFacts(): Promise<{ record: HandoffRecord | null; settings: ProjectSettings }>;
  /** The record version now (0 without a record), to notice a save that raced the publish. */
  recordVersion(): Promise<number>;
  today: string;
}

export type RepairOutcome = 'unchanged' | 'published' | 'failed';

const MAX_TRIES = 3;
/** Passes after a write; each needs another delivery's write to land in between to be used. */
const MAX_PASSES = 4;

export async function republishWhenStale(input: RepairInput): Promise<RepairOutcome> {
  let state: EpicState | null = input.state;
  let outcome: RepairOutcome = 'unchanged';
  for (let pass = 1; state && pass <= MAX_PASSES; pass++) {
    const result = await publishIfStale(input, state);
    if (result !== 'published') return result === 'failed' ? 'failed' : outcome;
    outcome = 'published';
    state = await input.reread();
  }
  return outcome;
}

async function publishIfStale(input: RepairInput, { epic: issue, live }: EpicState): Promise<RepairOutcome> {
  const published = (issue.properties?.[SUMMARY_PROPERTY_KEY] ?? null) as SearchSummary | null;
  const epic = toEpic(issue);
  const levelStale = published !== null && (published.level === 'shipped') !== (epic.statusCategory === 'done');
  if (!countsDiffer(published, live) && !levelStale && published !== null) return 'unchanged';
  if (published === null) {
    // Never published: only initiatives get a summary (a record, or the project's initiative label).
    const { record, settings } = await input.loadFacts();
    if (!record && !isInitiative(epic, settings) && live.total === 0) return 'unchanged';
  }
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const { record, settings } = await input.loadFacts();
    const readiness = computeReadiness(record, { key: epic.key, statusCategory: epic.statusCategory, today: input.today }, readinessPolicy(settings), live);
    if (!(await publishSummary(input.appJira, epic.id, record, readiness, live))) return 'failed';
    if ((await input.recordVersion()) === (record?.version ?? 0)) return 'published';
  }
  return 'published';
}
