/** Who is calling, as a record remembers them: the one way the app turns the caller's account id into a UserRef. */
import type { UserRef } from '../domain/record';
import type { JiraGateway } from '../jira';

/**
 * The caller, named as Jira names them. A user Jira cannot describe (or cannot be asked about right now)
 * still has an account id, so what they change stays attributable.
 */
export async function currentUser(jira: JiraGateway, accountId: string): Promise<UserRef> {
  const user = await jira.getUser(accountId).catch(() => null);
  return user ? { accountId, displayName: user.displayName.slice(0, 200) } : { accountId, displayName: 'Unknown user' };
}
