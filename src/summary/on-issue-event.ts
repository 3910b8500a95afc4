/**
 * The `workstream-events` trigger: when a workstream issue or one of the app's sub-tasks under it changes
 * status, moves or is deleted, the epic's searchable summary gets the live workstream and sub-task counts; when an epic moves into or out
 * of Done, is labelled or retyped, its summary follows (shipped or not, an initiative or not), so the
 * readiness report and JQL on the summary stop lagging until the next save; and a summary someone wrote by
 * hand is rewritten. The event only says which issue to look at: the marker is read from Jira, the counts
 * come from the same marker search the panel uses, and the summary is computed from storage and written
 * only when it differs (summary/sync.ts). It never throws: a failure is logged and the panel's next read
 * repairs the summary (a thrown error would only invite retries of the same failure).
 */
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { appJira, DELIVERY_PROPERTIES, deliveryProgress, EPIC_FIELDS, findDelivery, isEpic, type JiraGateway, type JiraIssue } from '../jira';
import { loadRecordAndSettings, loadRecord } from '../storage';
import { epicsToRecount, planForEvent, withFreshIssue, type IssueEvent } from './issue-event';
import { republishWhenStale, type EpicState, type RepairOutcome } from './settle';

export interface EpicOutcome {
  epicId: string;
  outcome: RepairOutcome | 'not-an-epic';
}

/** What the handler reads of the issue the event names: enough to place it under an epic (directly or as a sub-task). */
const ISSUE_FIELDS = { fields: ['status', 'parent', 'issuetype'], properties: [...DELIVERY_PROPERTIES] };

interface Fresh {
  issueId: string;
  issue: JiraIssue | null;
}

export async function onIssueEvent(event: IssueEvent, _context?: unknown): Promise<void> {
  try {
    await handleIssueEvent(event, appJira());
  } catch (e) {
    console.error(`Could not refresh the workstream counts after ${event?.eventType ?? 'an event'} on issue ${event?.issue?.key ?? event?.issue?.id ?? '?'}; the panel repairs them on its next read.`, e);
  }
}

/** Which epics were looked at and what happened to each summary. */
export async function handleIssueEvent(event: IssueEvent, jira: JiraGateway): Promise<EpicOutcome[]> {
  const plan = planForEvent(event);
  if (plan.kind === 'ignore') return [];
  let fresh: Fresh;
  let epics: string[];
  if (plan.kind === 'deleted') {
    // The issue and its marker are gone: recount its last parent's epic (the parent itself for a workstream
    // issue; the epic a workstream issue's marker names for a sub-task); the marker search decides what still counts.
    fresh = { issueId: plan.issueId, issue: null };
    const parent = await jira.getIssue(plan.parentId, ISSUE_FIELDS);
    epics = !parent ? [] : isEpic(parent) ? [parent.id] : epicsToRecount(parent);
  } else {
    const issue = await jira.getIssue(plan.issueId, ISSUE_FIELDS);
    if (!issue) return [];
    fresh = { issueId: plan.issueId, issue };
    // An epic moving into or out of Done changes its level (shipped), and a new or newly labelled epic may
    // become an initiative; a workstream issue changes its epic's counts.
    epics = isEpic(issue) ? (plan.epicMayChange ? [issue.id] : []) : epicsToRecount(issue);
  }
  const outcomes: EpicOutcome[] = [];
  for (const epicId of epics) outcomes.push({ epicId, outcome: await recountEpic(jira, epicId, fresh) });
  return outcomes;
}

async function recountEpic(jira: JiraGateway, epicId: string, fresh: Fresh): Promise<EpicOutcome['outcome']> {
  /** The epic and its live counts now; the triggering issue is read directly again (search may lag). */
  const read = async (again: boolean): Promise<EpicState | null> => {
    const epic = await jira.getIssue(epicId, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] });
    if (!epic || !isEpic(epic)) return null;
    const issue = again && fresh.issue ? await jira.getIssue(fresh.issueId, ISSUE_FIELDS) : fresh.issue;
    const found = withFreshIssue(await findDelivery(jira, { id: epic.id, key: epic.key }), epic.id, { issueId: fresh.issueId, issue });
    return { epic, live: deliveryProgress(found) };
  };
  const state = await read(false);
  if (!state) return 'not-an-epic';
  const projectId = String(state.epic.fields.project?.id ?? '');
  return republishWhenStale({
    appJira: jira,
    state,
    reread: () => read(true),
    loadFacts: async () => {
      const facts = await loadRecordAndSettings(epicId, projectId);
      return { record: facts.record?.record ?? null, settings: facts.settings };
    },
    recordVersion: async () => (await loadRecord(epicId))?.version ?? 0,
  });
}
