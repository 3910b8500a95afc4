import { useEffect, useState } from 'react';
import { fetchIssueHeading, type IssueHeading } from '../../../../../shared/jira';

/** The epic's key, summary and status, read straight from Jira so the panel names its epic even if the app fails. */
export function useIssueHeading(issueKey: string | undefined): { heading: IssueHeading | null; error: string | null } {
  const [heading, setHeading] = useState<IssueHeading | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!issueKey) return;
    let live = true;
    fetchIssueHeading(issueKey).then(
      (h) => live && setHeading(h),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [issueKey]);
  return { heading, error };
}
