/** A Jira REST call that failed after retries: the status and Jira's own error messages. */
export class JiraError extends Error {
  override readonly name = 'JiraError';
  constructor(
    readonly status: number,
    readonly messages: string[],
    readonly path: string,
  ) {
    super(`Jira answered ${status} for ${path}${messages.length ? `: ${messages.join('; ')}` : ''}`);
  }
}

/** Jira's `ErrorCollection`: general messages and messages per field. */
export interface ErrorCollection {
  errorMessages?: unknown;
  errors?: unknown;
}

/**
 * The sentences of one `ErrorCollection`, for people: field messages already name their field in words
 * ("Compliance owner is required."), so the field id is left out unless `withFieldIds`.
 */
export function collectionMessages(collection: ErrorCollection | undefined, withFieldIds = false): string[] {
  const list = Array.isArray(collection?.errorMessages) ? collection.errorMessages.filter(isText).map(String) : [];
  const errors = collection?.errors;
  if (errors && typeof errors === 'object' && !Array.isArray(errors)) {
    for (const [field, message] of Object.entries(errors as Record<string, unknown>)) {
      if (isText(message)) list.push(withFieldIds ? `${field}: ${String(message)}` : String(message));
    }
  }
  return [...new Set(list)];
}

const isText = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Jira's error body is `{errorMessages:[], errors:{field: message}}`; a bulk operation's is
 * `{errors:[{elementErrors:{...}}]}`. Anything else is kept as text.
 */
export function jiraMessages(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as ErrorCollection & { message?: unknown };
    const list = collectionMessages(parsed, true);
    if (Array.isArray(parsed.errors)) {
      for (const element of parsed.errors as Array<{ elementErrors?: ErrorCollection } | null>) list.push(...collectionMessages(element?.elementErrors ?? undefined));
    }
    if (typeof parsed.message === 'string') list.push(parsed.message);
    return [...new Set(list)];
  } catch {
    return body ? [body.slice(0, 300)] : [];
  }
}
