import type { CSSProperties, MouseEvent, ReactNode } from 'react';
import { router } from '@forge/bridge';
import { useForgeContext } from '../forge-context';

interface Props {
  issueKey: string;
  children: ReactNode;
  style?: CSSProperties;
  testId?: string;
}

/**
 * A link to a Jira issue from inside the app's frame. The frame is sandboxed (no popups, no top
 * navigation) on an origin of its own, so neither a relative href nor `target="_top"` works there:
 * every click goes through the bridge. A plain click opens the issue in Jira's window; a modified or
 * middle click opens a new tab. The href is the absolute issue URL, for "copy link" and screen readers.
 */
export function IssueLink({ issueKey, children, style, testId }: Props) {
  const { siteUrl } = useForgeContext();
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const newTab = event.button === 1 || event.metaKey || event.ctrlKey || event.shiftKey;
    const location = { target: 'issue' as const, issueKey };
    void (newTab ? router.open(location) : router.navigate(location)).catch(() => undefined);
  };
  return (
    <a
      href={`${siteUrl ?? ''}/browse/${encodeURIComponent(issueKey)}`}
      style={style}
      data-testid={testId}
      onClick={open}
      onAuxClick={(event) => {
        if (event.button === 1) open(event);
      }}
    >
      {children}
    </a>
  );
}
