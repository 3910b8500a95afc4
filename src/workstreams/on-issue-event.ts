/**
 * The `workstream-events` trigger: when a workstream issue changes status, moves to another epic or is
 * deleted, the epic's searchable summary gets the live workstream counts; when an epic with a handoff
 * moves into or out of Done, its summary's level follows (shipped or not), so the readiness report and
 * JQL on the summary stop lagging until the next save. The event only says which issue to look at: the
 * marker is read from Jira, the counts come from the same marker search the panel uses, and the summary
 * is written only when its counts differ. It never throws: a failure is logged and the panel's next
 * Workstreams read repairs the counts (a thrown error would only invite retries of the same failure).
 */
import { SUMMARY_PROPERTY_KEY, WORKSTREAM_MARKER_KEY } from '../domain/report-types';
import { isoToday } from '../domain/dates';
import { appJira, isEpic, type JiraGateway, type JiraIssue } from '../jira';
import { loadRecordAndSettings, loadRecord } from '../storage';
import { EPIC_FIELDS } from '../handoff/epic';
import { findWorkstreams, workstreamProgress } from './find-existing';
import { epicsToRecount, planForEvent, withFreshIssue, type IssueEvent } from './issue-event';
import { republishWhenStale, type RepairOutcome } from './summary-repair';

export interface EpicOutcome {
  epicId: string;
  outcome: RepairOutcome | 'not-an-epic';
}

interface Fresh {
  issueId: string;
  issue: JiraIssue | null;
}

export async function onIssueEvent(event: IssueEvent, _context?: unknown): Promise<void> {
  try {
    await handleIssueEvent(event, appJira(), isoToday(new Date()));
  } catch (e) {
    console.error(`Could not refresh the workstream counts after ${event?.eventType ?? 'an event'} on issue ${event?.issue?.key ?? event?.issue?.id ?? '?'}; the panel repairs them on its next read.`, e);
  }
}

/** Which epics were looked at and what happened to each summary. */
export async function handleIssueEvent(event: IssueEvent, jira: JiraGateway, today: string): Promise<EpicOutcome[]> {
  const plan = planForEvent(event);
  if (plan.kind === 'ignore') return [];
  let fresh: Fresh;
  let epics: string[];
  if (plan.kind === 'deleted') {
    // The issue and its marker are gone: recount its last parent; the marker search decides what still counts.
    fresh = { issueId: plan.issueId, issue: null };
    epics = [plan.parentId];
  } else {
    const issue = await jira.getIssue(plan.issueId, { fields: ['status', 'parent', 'issuetype'], properties: [WORKSTREAM_MARKER_KEY] });
    if (!issue) return [];
    fresh = { issueId: plan.issueId, issue };
    // An epic moving into or out of Done changes its level (shipped), and a new or newly labelled epic may
    // become an initiative; a workstream issue changes its epic's counts.
    epics = isEpic(issue) ? (plan.epicMayChange ? [issue.id] : []) : epicsToRecount(issue, plan.formerParentIds);
  }
  const outcomes: EpicOutcome[] = [];
  for (const epicId of epics) outcomes.push({ epicId, outcome: await recountEpic(jira, epicId, fresh, today) });
  return outcomes;
}

async function recountEpic(jira: JiraGateway, epicId: string, fresh: Fresh, today: string): Promise<EpicOutcome['outcome']> {
  const epic = await jira.getIssue(epicId, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
  if (!epic || !isEpic(epic)) return 'not-an-epic';
  const found = withFreshIssue(await findWorkstreams(jira, { id: epic.id, key: epic.key }), epic.id, fresh);
  const projectId = String(epic.fields.project?.id ?? '');
  return republishWhenStale({
    appJira: jira,
    epic,
    live: workstreamProgress(found),
    loadFacts: async () => {
      const facts = await loadRecordAndSettings(epic.id, projectId);
      return { record: facts.record?.record ?? null, settings: facts.settings };
    },
    recordVersion: async () => (await loadRecord(epic.id))?.version ?? 0,
    today,
  });
}
