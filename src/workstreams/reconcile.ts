/**
 * Jira's search index lags a few seconds behind a create. Issues the record says we created (workstream
 * issues and their sub-tasks) but the search did not return are read directly (strongly consistent), so a
 * second press right after the first never creates them again. Costs nothing when search and record agree.
 */
import type { HandoffRecord } from '../domain/record';
import { DELIVERY_PROPERTIES, deliveryOf, WORKSTREAM_FIELDS, type Delivery, type EpicRef, type JiraGateway } from '../jira';

export type Remembered = Pick<HandoffRecord, 'workstreams' | 'subtasks'>;

export async function reconcileWithRecord(jira: JiraGateway, epic: EpicRef, found: Delivery, remembered: Partial<Remembered>): Promise<Delivery> {
  const seen = new Set([...found.workstreams, ...found.subtasks].map((f) => f.issue.id));
  const haveWorkstream = new Set(found.workstreams.map((f) => f.workstream));
  const haveItem = new Set(found.subtasks.map((f) => f.item));
  const refs = [
    ...Object.entries(remembered.workstreams ?? {}).filter(([k]) => !haveWorkstream.has(k as keyof Remembered['workstreams'])),
    ...Object.entries(remembered.subtasks ?? {}).filter(([k]) => !haveItem.has(k)),
  ].flatMap(([, ref]) => (ref && !seen.has(ref.issueId) ? [ref.issueId] : []));
  if (refs.length === 0) return found;
  const direct = await Promise.all([...new Set(refs)].map((id) => jira.getIssue(id, { fields: WORKSTREAM_FIELDS, properties: DELIVERY_PROPERTIES })));
  const issues = [...found.workstreams, ...found.subtasks].map((f) => f.issue);
  // deliveryOf believes only issues that really sit under the epic (or under one of its workstream issues).
  return deliveryOf([...issues, ...direct.flatMap((i) => (i ? [i] : []))], epic.id);
}
