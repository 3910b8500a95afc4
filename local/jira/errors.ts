/** An error answered the way Jira answers it: a status code and `{errorMessages, errors}`. */
export class JiraError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.values(errors)[0] ?? `Jira error ${status}`);
  }

  get body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const badRequest = (message: string) => new JiraError(400, [message]);
export const fieldErrors = (errors: Record<string, string>) => new JiraError(400, [], errors);
export const forbidden = (message: string) => new JiraError(403, [message]);
export const issueNotFound = () => new JiraError(404, ['Issue does not exist or you do not have permission to see it.']);
export const projectNotFound = (idOrKey: string) =>
  new JiraError(404, [`No project could be found with key '${idOrKey}'.`]);
export const notAuthenticated = () => new JiraError(401, ['Client must be authenticated to access this resource.']);
