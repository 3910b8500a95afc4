import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import type { ResolverError } from '../../../src/shared/contract';
import { formatDateTime } from '../words';

const TITLES: Partial<Record<ResolverError['code'], string>> = {
  CONFLICT: 'Someone else saved this handoff first',
  FORBIDDEN: 'You do not have permission to do this',
  VALIDATION: 'Some answers need fixing',
  NOT_FOUND: 'Not found',
  NOT_AN_EPIC: 'The production handoff is kept on epics',
  TOO_LARGE: 'The handoff is too large',
  BUSY: 'Someone else is doing this right now',
  JIRA_ERROR: 'Jira did not answer',
  STORAGE_ERROR: 'Nothing was saved',
};

function conflictSentence(error: ResolverError): string | null {
  if (!error.conflict) return null;
  const { by, at } = error.conflict;
  // The server's message usually names them already; say it only once.
  if (error.message.includes(by.displayName)) return null;
  return `${by.displayName} saved a newer version on ${formatDateTime(at)}. Your input is kept: reload the latest version, check it, and save again.`;
}

export interface ErrorBannerProps {
  error: ResolverError;
  /** Offered on conflicts and transient errors: fetch the latest version without losing the form's input. */
  onReload?: () => void;
  testId?: string;
}

export function ErrorBanner({ error, onReload, testId = 'error-banner' }: ErrorBannerProps) {
  const conflict = conflictSentence(error);
  const appearance = error.code === 'CONFLICT' || error.code === 'VALIDATION' ? 'warning' : 'error';
  const actions = onReload ? [<SectionMessageAction key="reload" onClick={onReload}>Reload latest</SectionMessageAction>] : undefined;
  return (
    <div data-testid={testId} data-error-code={error.code} role="alert">
      <SectionMessage appearance={appearance} title={TITLES[error.code] ?? 'Something went wrong'} actions={actions}>
        <p>{error.message}</p>
        {conflict && <p>{conflict}</p>}
      </SectionMessage>
    </div>
  );
}
