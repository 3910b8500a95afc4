/**
 * Project role actors, as Jira's "Project role actors" REST resource manages them: who holds which role
 * in a project (and so which permissions). Lets tests take a user's access away the way an admin would.
 */
import type { Database } from '../db';
import type { Principal } from '../auth';
import { findProject, findUserByAccountId, type ProjectRow } from './catalog';
import { JiraError, badRequest, projectNotFound } from './errors';
import { hasProjectPermission, requirePermission } from './permissions';

interface RoleRow { id: string; name: string }

function projectFor(db: Database, p: Principal, ref: string): ProjectRow {
  const project = findProject(db, ref);
  if (!project || !hasProjectPermission(db, p, project.id, 'BROWSE_PROJECTS')) throw projectNotFound(ref);
  return project;
}

function roleOf(db: Database, id: string): RoleRow {
  const role = db.prepare('SELECT id, name FROM project_roles WHERE id = ?').get(id) as RoleRow | undefined;
  if (!role) throw new JiraError(404, [`A project role with ID '${id}' does not exist.`]);
  return role;
}

/** GET /project/{projectIdOrKey}/role/{id}: the role with its user actors in that project. */
export function projectRole(db: Database, p: Principal, base: string, projectRef: string, roleId: string) {
  const project = projectFor(db, p, projectRef);
  const role = roleOf(db, roleId);
  const members = db.prepare(`SELECT u.account_id, u.display_name FROM role_members rm JOIN users u ON u.account_id = rm.account_id
    WHERE rm.project_id = ? AND rm.role_id = ? ORDER BY u.display_name`).all(project.id, role.id) as Array<{ account_id: string; display_name: string }>;
  return {
    self: `${base}/rest/api/3/project/${project.id}/role/${role.id}`,
    name: role.name,
    id: Number(role.id),
    description: `The ${role.name} role of ${project.key}.`,
    actors: members.map((m, i) => ({ id: i + 1, displayName: m.display_name, type: 'atlassian-user-role-actor', actorUser: { accountId: m.account_id } })),
    scope: { type: 'PROJECT', project: { id: project.id } },
  };
}

/** POST /project/{projectIdOrKey}/role/{id} `{user: [accountId]}`: needs Administer Projects. */
export function addRoleActors(db: Database, p: Principal, base: string, projectRef: string, roleId: string, body: unknown) {
  const project = projectFor(db, p, projectRef);
  requirePermission(db, p, project.id, 'ADMINISTER_PROJECTS');
  const role = roleOf(db, roleId);
  const users = (body as { user?: unknown } | undefined)?.user;
  if (!Array.isArray(users) || users.length === 0 || users.some((u) => typeof u !== 'string')) throw badRequest('Provide the users to add as a list of account IDs in "user".');
  for (const accountId of users as string[]) {
    if (!findUserByAccountId(db, accountId)) throw badRequest(`The user with account ID '${accountId}' does not exist.`);
  }
  const insert = db.prepare('INSERT OR IGNORE INTO role_members (project_id, role_id, account_id) VALUES (?, ?, ?)');
  db.transaction(() => {
    for (const accountId of users as string[]) insert.run(project.id, role.id, accountId);
  })();
  return projectRole(db, p, base, project.id, role.id);
}

/** DELETE /project/{projectIdOrKey}/role/{id}?user=accountId: needs Administer Projects. */
export function deleteRoleActor(db: Database, p: Principal, projectRef: string, roleId: string, accountId: unknown): void {
  const project = projectFor(db, p, projectRef);
  requirePermission(db, p, project.id, 'ADMINISTER_PROJECTS');
  const role = roleOf(db, roleId);
  if (typeof accountId !== 'string' || !accountId) throw badRequest('Provide the user to remove as an account ID in the "user" query parameter.');
  const removed = db.prepare('DELETE FROM role_members WHERE project_id = ? AND role_id = ? AND account_id = ?').run(project.id, role.id, accountId).changes;
  if (removed === 0) throw new JiraError(404, [`The user with account ID '${accountId}' is not an actor of the role ${role.name} in ${project.key}.`]);
}
