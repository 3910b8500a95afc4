/** Pairs the items of a bulk create with Jira's answer: created issues come in request order, skipping the failed elements. */
import type { BulkCreateResult } from '../jira';

export interface Paired<T> {
  created: Array<{ item: T; issueId: string; issueKey: string }>;
  failed: Array<{ item: T; message: string }>;
}

export function pairBulkResults<T>(items: readonly T[], result: BulkCreateResult): Paired<T> {
  const failedAt = new Map(result.errors.map((e) => [e.index, e.message]));
  const paired: Paired<T> = { created: [], failed: [] };
  let next = 0;
  items.forEach((item, index) => {
    const error = failedAt.get(index);
    if (error !== undefined) paired.failed.push({ item, message: error });
    else {
      const issue = result.issues[next++];
      if (issue) paired.created.push({ item, issueId: issue.id, issueKey: issue.key });
      else paired.failed.push({ item, message: 'Jira did not confirm this issue; refresh to see whether it exists.' });
    }
  });
  return paired;
}
