/**
 * Anything thrown inside a resolver, mapped to the contract's error codes: the registry catches and
 * answers `{ok:false, error}`. Nothing internal (stacks, paths, the platform's own words) reaches the UI.
 */
import { ZodError } from 'zod';
import type { ErrorCode, ResolverError } from '../shared/contract';
import { JiraError } from '../jira';
import { StorageError, TooLargeError } from '../storage';
import { AppError, validationError } from '../kernel';

function jiraErrorCode(status: number): ErrorCode {
  if (status === 404) return 'NOT_FOUND';
  if (status === 401 || status === 403) return 'FORBIDDEN';
  return 'JIRA_ERROR';
}

/** Maps anything thrown inside a resolver to the contract's error shape. */
export function toResolverError(e: unknown): ResolverError {
  if (e instanceof AppError) return { code: e.code, message: e.message, ...e.details };
  if (e instanceof ZodError) return toResolverError(validationError(e));
  if (e instanceof TooLargeError) return { code: 'TOO_LARGE', message: e.message };
  if (e instanceof StorageError) {
    // Says what failed (e.g. "read the project settings"), never the platform's own words.
    const what = e.what ? `Forge storage did not answer when the app tried to ${e.what}` : 'The handoff could not be read or saved right now';
    return { code: 'STORAGE_ERROR', message: `${what}. Nothing was changed; try again in a moment.` };
  }
  if (e instanceof JiraError) {
    const code = jiraErrorCode(e.status);
    const message =
      code === 'NOT_FOUND' ? 'This issue does not exist or you do not have permission to see it.'
      : code === 'FORBIDDEN' ? 'Jira refused this request for your account.'
      : `Jira could not complete the request (${e.status}). Try again in a moment.`;
    return { code, message };
  }
  return { code: 'INTERNAL', message: 'Something went wrong on our side. Nothing was changed; try again, and tell your Jira admin if it keeps happening.' };
}
