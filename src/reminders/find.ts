/**
 * Which epics the daily run looks at: one JQL search on the searchable summary's indexed `remindOn` (the first
 * day a reminder of the epic is or becomes due, computed with the project's settings whenever the summary is
 * written), so the run never reads every record. A project whose settings changed since its summaries were
 * written is searched whole, once (`remindOn` may be later than the truth there). Every epic found is judged
 * afresh from storage; the search only narrows.
 */
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { REMINDERS_PROPERTY_KEY } from '../domain/reminder-ledger';
import { EPIC_FIELDS, type JiraGateway, type JiraIssue } from '../jira';

export function remindersJql(today: string, rescanProjectIds: readonly string[]): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error(`Not a date: ${today}`);
  const ids = rescanProjectIds.filter((id) => /^\d+$/.test(id));
  const due = `issue.property[${SUMMARY_PROPERTY_KEY}].remindOn <= "${today}"`;
  const whole = ids.length ? ` OR (project in (${ids.join(', ')}) AND issue.property[${SUMMARY_PROPERTY_KEY}].level IS NOT EMPTY)` : '';
  return `${due}${whole} ORDER BY id ASC`;
}

/** Pages of the search, as the app (every project), until done or out of time; `complete` says which. */
export async function findDueEpics(appJira: JiraGateway, jql: string, hasTime: () => boolean): Promise<{ issues: JiraIssue[]; complete: boolean }> {
  const issues: JiraIssue[] = [];
  let nextPageToken: string | undefined;
  do {
    if (!hasTime()) return { issues, complete: false };
    const page = await appJira.search(jql, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY, REMINDERS_PROPERTY_KEY], maxResults: 100, nextPageToken });
    issues.push(...page.issues);
    nextPageToken = page.nextPageToken;
  } while (nextPageToken);
  return { issues, complete: true };
}
