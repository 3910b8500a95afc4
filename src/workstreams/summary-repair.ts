/**
 * Republishes an epic's searchable summary when it no longer matches Jira: its workstream counts are not
 * the live ones, or the epic moved into or out of Done so its "shipped" level is wrong. Only the
 * derived issue property is written — never the record — so running it twice, or beside a save, loses
 * nothing: it re-reads the record version after publishing and publishes again if a save slipped in.
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

export interface RepairInput {
  appJira: JiraGateway;
  /** The epic, read with EPIC_FIELDS and the summary property. */
  epic: JiraIssue;
  live: WorkstreamFacts;
  /** The epic's record and its project's settings (read only when a publish is due). */
  loadFacts(): Promise<{ record: HandoffRecord | null; settings: ProjectSettings }>;
  /** The record version now (0 without a record), to notice a save that raced the publish. */
  recordVersion(): Promise<number>;
  today: string;
}

export type RepairOutcome = 'unchanged' | 'published' | 'failed';

const MAX_TRIES = 3;

export async function republishWhenStale(input: RepairInput): Promise<RepairOutcome> {
  const published = (input.epic.properties?.[SUMMARY_PROPERTY_KEY] ?? null) as SearchSummary | null;
  const epic = toEpic(input.epic);
  const levelStale = published !== null && (published.level === 'shipped') !== (epic.statusCategory === 'done');
  if (!countsDiffer(published, input.live) && !levelStale && published !== null) return 'unchanged';
  if (published === null) {
    // Never published: only initiatives get a summary (a record, or the project's initiative label).
    const { record, settings } = await input.loadFacts();
    if (!record && !isInitiative(epic, settings) && input.live.total === 0) return 'unchanged';
  }
  for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
    const { record, settings } = await input.loadFacts();
    const readiness = computeReadiness(record, { key: epic.key, statusCategory: epic.statusCategory, today: input.today }, readinessPolicy(settings), input.live);
    if (!(await publishSummary(input.appJira, epic.id, record, readiness, input.live))) return 'failed';
    if ((await input.recordVersion()) === (record?.version ?? 0)) return 'published';
  }
  return 'published';
}
