/**
 * The application's own error: a contract error code, a message a user may read, and optional field
 * errors or conflict details. Use cases throw it; the resolver registry turns it (and every other error)
 * into the contract's `{ok: false, error}`.
 */
import type { ZodError } from 'zod';
import type { ErrorCode, ResolverError } from '../shared/contract';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Pick<ResolverError, 'fieldErrors' | 'conflict'> = {},
  ) {
    super(message);
  }
}

/** Zod issues → `{ "kpi.horizon.count": "Horizon must be at least 1" }` (first message per field). */
export function fieldErrorsOf(error: ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const paths = unknownKeys.length ? unknownKeys.map((k) => [...issue.path, k]) : [issue.path];
    for (const path of paths) {
      const field = path.map(String).join('.') || '(payload)';
      out[field] ??= unknownKeys.length ? 'This field is not accepted' : issue.message;
    }
  }
  return out;
}

export function validationError(error: ZodError): AppError {
  const fieldErrors = fieldErrorsOf(error);
  const first = Object.entries(fieldErrors)[0];
  const message = first ? `Check the highlighted fields: ${first[1]}${Object.keys(fieldErrors).length > 1 ? ' (and more)' : ''}.` : 'The request is not valid.';
  return new AppError('VALIDATION', message, { fieldErrors });
}
