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

/** Jira's error body is `{errorMessages:[], errors:{field: message}}`; anything else is kept as text. */
export function jiraMessages(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as { errorMessages?: unknown; errors?: unknown; message?: unknown };
    const list = Array.isArray(parsed.errorMessages) ? parsed.errorMessages.map(String) : [];
    if (parsed.errors && typeof parsed.errors === 'object') {
      for (const [field, message] of Object.entries(parsed.errors as Record<string, unknown>)) list.push(`${field}: ${String(message)}`);
    }
    if (typeof parsed.message === 'string') list.push(parsed.message);
    return list;
  } catch {
    return body ? [body.slice(0, 300)] : [];
  }
}
