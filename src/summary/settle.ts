/**
 * Republishes an epic's searchable summary when it differs in any field from the one computed from
 * storage and the live workstream counts (a missed event, a status change, a hand-written summary). Only the
 * derived issue property is written — never the record — so running it twice, or beside a save, loses
 * nothing: it re-reads the record version after publishing and publishes again if a save slipped in.
 *
 * Deliveries of issue events may run at the same time, and a slower one's write can land after a newer
 * one's (last writer wins in Jira). So after a write, the epic and its live counts are read again and the
 * summary is published again until a pass finds nothing to change: whichever write lands last, its writer
 * then sees the truth and corrects it.
 */
import type { ProjectSettings } from '../domain/policy';
import type { HandoffRecord } from '../domain/record';
import type { WorkstreamFacts } from '../domain/readiness-types';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { toEpic, type JiraGateway, type JiraIssue } from '../jira';
import { syncSummary } from './sync';

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
  /** The epic's record and its project's settings. */
  loadFacts(): Promise<{ record: HandoffRecord | null; settings: ProjectSettings }>;
  /** The record version now (0 without a record), to notice a save that raced the publish. */
  recordVersion(): Promise<number>;
}

export type RepairOutcome = 'unchanged' | 'published' | 'failed';

const MAX_TRIES = 3;
/** Passes after a write; each needs another delivery's write to land in between to be used. */
const MAX_PASSES = 4;

export async function republishWhenStale(input: RepairInput): Promise<RepairOutcome> {
  let state: EpicState | null = input.state;
  let outcome: RepairOutcome = 'unchanged';
  for (let pass = 1; state && pass <= MAX_PASSES; pass++) {
    const result = await publishIfDifferent(input, state);
    if (result !== 'published') return result === 'failed' ? 'failed' : outcome;
    outcome = 'published';
    state = await input.reread();
  }
  return outcome;
}

async function publishIfDifferent(input: RepairInput, { epic: issue, live }: EpicState): Promise<RepairOutcome> {
  const epic = toEpic(issue);
  const published = issue.properties?.[SUMMARY_PROPERTY_KEY];
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const { record, settings } = await input.loadFacts();
    const { outcome } = await syncSummary(input.appJira, { epic, record, settings, published }, live);
    if (outcome === 'unchanged' || outcome === 'failed') return outcome;
    if ((await input.recordVersion()) === (record?.version ?? 0)) return 'published';
  }
  return 'published';
}
