import { fetchIssueHeading, useResolver, type IssueHeading } from '@ui/api';

/**
 * The epic's key, summary and status straight from Jira, so the panel names its epic even when the app
 * fails. Only then: while the handoff loads or once it is there, its view names the epic and the panel
 * makes no request of its own (on Forge each one is a round trip).
 */
export function useIssueHeading(issueKey: string | undefined, needed: boolean) {
  return useResolver<IssueHeading | null>(async () => {
    if (!issueKey || !needed) return { ok: true, data: null };
    try {
      return { ok: true, data: await fetchIssueHeading(issueKey) };
    } catch (e) {
      return { ok: false, error: { code: 'JIRA_ERROR', message: e instanceof Error ? e.message : String(e) } };
    }
  }, [issueKey, needed]);
}
