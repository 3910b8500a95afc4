import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ResolverError } from '@src/shared/contract';
import { formatDateTime } from '../words';

/** Titles for a change that failed. */
const TITLES: Partial<Record<ResolverError['code'], string>> = {
  CONFLICT: 'Someone else saved this handoff first',
  LOCKED: 'The epic is Done: its handoff is locked',
  FORBIDDEN: 'You do not have permission to do this',
  VALIDATION: 'Some answers need fixing',
  NOT_FOUND: 'Not found',
  NOT_AN_EPIC: 'The production handoff is kept on epics',
  TOO_LARGE: 'The handoff is too large',
  BUSY: 'Someone else is doing this right now',
  JIRA_ERROR: 'Jira did not answer',
  STORAGE_ERROR: 'Nothing was saved',
};

/** A failed read saved nothing and changed nothing: its title says what could not be loaded, and why when it is a refusal. */
function loadTitle(error: ResolverError, what: string): string {
  if (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND' || error.code === 'NOT_AN_EPIC') return TITLES[error.code]!;
  const cause = error.code === 'JIRA_ERROR' ? ': Jira did not answer' : error.code === 'STORAGE_ERROR' ? ': app storage did not answer' : '';
  return `${what.charAt(0).toUpperCase()}${what.slice(1)} could not be loaded${cause}`;
}

function conflictSentence(error: ResolverError): string | null {
  if (!error.conflict) return null;
  const { by, at } = error.conflict;
  // The server's message usually names them already; say it only once.
  if (error.message.includes(by.displayName)) return null;
  return `${by.displayName} saved a newer version on ${formatDateTime(at)}. Your input is kept: reload the latest version, check it, and save again.`;
}

export interface ErrorBannerProps {
  error: ResolverError;
  /** Offered on conflicts and transient errors: fetch the latest version without losing the form's input (or retry a load). */
  onReload?: () => void;
  /**
   * Set when loading failed, naming what (e.g. "the report"): the title says that it could not be
   * loaded — never "Nothing was saved", which would suggest a change was lost — and the action is "Try again".
   */
  loading?: string;
  testId?: string;
}

export function ErrorBanner({ error, onReload, loading, testId = 'error-banner' }: ErrorBannerProps) {
  const conflict = conflictSentence(error);
  const appearance = error.code === 'CONFLICT' || error.code === 'VALIDATION' ? 'warning' : 'error';
  const actions = onReload ? [<SectionMessageAction key="reload" onClick={onReload}>{loading ? 'Try again' : 'Reload latest'}</SectionMessageAction>] : undefined;
  const title = loading ? loadTitle(error, loading) : (TITLES[error.code] ?? 'Something went wrong');
  return (
    <div data-testid={testId} data-error-code={error.code} role="alert">
      <SectionMessage appearance={appearance} title={title} actions={actions}>
        <p>{error.message}</p>
        {conflict && <p>{conflict}</p>}
      </SectionMessage>
    </div>
  );
}
