/**
 * Permission checks, always as the calling user (Jira decides; the app never guesses). One
 * `mypermissions` call answers every permission a resolver needs, so the view can reuse it.
 */
import { JiraError, JIRA_PERMISSIONS, type JiraGateway, type JiraPermission } from '../jira';
import { AppError } from './errors';

export type Permissions = Record<JiraPermission, boolean>;

const REFUSALS: Record<JiraPermission, string> = {
  BROWSE_PROJECTS: 'You do not have permission to see this issue.',
  EDIT_ISSUES: 'You can view this handoff, but changing it needs permission to edit the epic.',
  CREATE_ISSUES: 'Creating workstream issues needs permission to create issues in this project.',
  ADMINISTER_PROJECTS: 'Only project administrators can change these settings.',
};

type Target = { issueKey: string } | { projectKey: string };

const notFound = (target: Target): AppError =>
  new AppError('NOT_FOUND', 'issueKey' in target ? 'This issue does not exist or you do not have permission to see it.' : 'This project does not exist or you do not have permission to see it.');

async function fetchPermissions(jira: JiraGateway, target: Target): Promise<Permissions> {
  try {
    return (await jira.myPermissions(target, JIRA_PERMISSIONS)) as Permissions;
  } catch (e) {
    // Jira answers 404 both for a missing issue or project and for one the user cannot browse: say the same.
    if (e instanceof JiraError && (e.status === 404 || e.status === 400)) throw notFound(target);
    throw e;
  }
}

function ensure(target: Target, permissions: Permissions, needed: JiraPermission): Permissions {
  if (!permissions.BROWSE_PROJECTS) throw notFound(target);
  if (!permissions[needed]) throw new AppError('FORBIDDEN', REFUSALS[needed]);
  return permissions;
}

/** Throws NOT_FOUND (cannot see it) or FORBIDDEN (cannot do this); returns all of the user's permissions on the issue. */
export async function requireIssuePermission(jira: JiraGateway, issueKey: string, needed: JiraPermission): Promise<Permissions> {
  return ensure({ issueKey }, await fetchPermissions(jira, { issueKey }), needed);
}

export async function requireProjectPermission(jira: JiraGateway, projectKey: string, needed: JiraPermission): Promise<Permissions> {
  return ensure({ projectKey }, await fetchPermissions(jira, { projectKey }), needed);
}

export const requireProjectAdmin = (jira: JiraGateway, projectKey: string): Promise<Permissions> => requireProjectPermission(jira, projectKey, 'ADMINISTER_PROJECTS');

/** The user's permissions on a project without throwing when one is missing (for "can administer?" flags). */
export async function projectPermissions(jira: JiraGateway, projectKey: string): Promise<Permissions> {
  return ensure({ projectKey }, await fetchPermissions(jira, { projectKey }), 'BROWSE_PROJECTS');
}
