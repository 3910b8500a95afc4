import { fetchIssueHeading, useResolver, type IssueHeading } from '@ui/api';

/** The epic's key, summary and status, read straight from Jira so the panel names its epic even if the app fails. */
export function useIssueHeading(issueKey: string | undefined) {
  return useResolver<IssueHeading | null>(async () => {
    if (!issueKey) return { ok: true, data: null };
    try {
      return { ok: true, data: await fetchIssueHeading(issueKey) };
    } catch (e) {
      return { ok: false, error: { code: 'JIRA_ERROR', message: e instanceof Error ? e.message : String(e) } };
    }
  }, [issueKey]);
}
