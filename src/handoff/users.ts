/** Turning account ids a user names into the UserRefs a record keeps (display names come from Jira, never the client). */
import type { UserRef } from '../domain/record';
import type { JiraGateway } from '../jira';
import { AppError } from '../kernel';

/**
 * The delivery owner must be able to open the epic: accepting needs only browse (it is limited to the
 * named owner), but someone who cannot see the epic could never accept, and the gate would wait forever.
 * Checked as the app (Jira lets only apps and admins ask about another user), after the caller's own check.
 */
export async function deliveryOwner(userJira: JiraGateway, appJira: JiraGateway, epic: { id: string; key: string }, accountId: string | null, field: string): Promise<UserRef | null> {
  const user = await namedUser(userJira, accountId, field);
  if (user && !(await appJira.issuesWithPermission([epic.id], 'BROWSE_PROJECTS', user.accountId)).has(epic.id)) {
    const message = `${user.displayName} cannot see ${epic.key}, so they could never accept delivery ownership. Name someone who can browse this project.`;
    throw new AppError('VALIDATION', message, { fieldErrors: { [field]: message } });
  }
  return user;
}

/** A workstream lead becomes the assignee of the workstream's issue, so Jira must allow assigning to them. */
export async function assignableUser(jira: JiraGateway, projectKey: string, accountId: string | null, field: string): Promise<UserRef | null> {
  const user = await namedUser(jira, accountId, field);
  if (user && !(await jira.isAssignable(projectKey, user.accountId))) {
    const message = `${user.displayName} cannot be assigned issues in ${projectKey}, so they cannot lead a workstream. Pick someone with the Assignable user permission.`;
    throw new AppError('VALIDATION', message, { fieldErrors: { [field]: message } });
  }
  return user;
}

/** A user named in a payload (owner, champion, lead): must exist in Jira. */
export async function namedUser(jira: JiraGateway, accountId: string | null, field: string): Promise<UserRef | null> {
  if (accountId === null) return null;
  const user = await jira.getUser(accountId);
  if (!user) throw new AppError('VALIDATION', 'That Jira user does not exist.', { fieldErrors: { [field]: 'No Jira user with this account id' } });
  return { accountId: user.accountId, displayName: user.displayName.slice(0, 200) };
}
