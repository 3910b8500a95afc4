import type { Database } from '../db';
import type { Principal } from '../auth';
import type { IssueRow } from './catalog';
import { badRequest, forbidden, issueNotFound } from './errors';

/** The Jira permissions the local host knows, with the ids and wording Jira uses. */
export const PERMISSIONS = {
  BROWSE_PROJECTS: { id: '10', name: 'Browse Projects', type: 'PROJECT', description: 'Ability to browse projects and the issues within them.' },
  CREATE_ISSUES: { id: '11', name: 'Create Issues', type: 'PROJECT', description: 'Ability to create issues.' },
  EDIT_ISSUES: { id: '12', name: 'Edit Issues', type: 'PROJECT', description: 'Ability to edit issues.' },
  ASSIGN_ISSUES: { id: '13', name: 'Assign Issues', type: 'PROJECT', description: 'Ability to assign issues to other people.' },
  DELETE_ISSUES: { id: '16', name: 'Delete Issues', type: 'PROJECT', description: 'Ability to delete issues.' },
  MOVE_ISSUES: { id: '25', name: 'Move Issues', type: 'PROJECT', description: 'Ability to move issues between projects or between workflows of the same project (if applicable). Note the user can only move issues to a project they have the create permission for.' },
  ASSIGNABLE_USER: { id: '17', name: 'Assignable User', type: 'PROJECT', description: 'Users with this permission may be assigned to issues.' },
  ADMINISTER_PROJECTS: { id: '23', name: 'Administer Projects', type: 'PROJECT', description: 'Ability to administer a project in Jira.' },
  TRANSITION_ISSUES: { id: '46', name: 'Transition Issues', type: 'PROJECT', description: 'Ability to transition issues.' },
  EDIT_ISSUE_PROPERTIES: { id: '17001', name: 'Edit Issue Properties', type: 'PROJECT', description: 'Ability to edit issue properties.' },
  ADMINISTER: { id: '0', name: 'Administer Jira', type: 'GLOBAL', description: 'Create and administer projects, issue types, fields, workflows and schemes.' },
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;

export function isPermissionKey(key: string): key is PermissionKey {
  return Object.prototype.hasOwnProperty.call(PERMISSIONS, key);
}

/** Project permissions a user holds through their roles in that project. */
export function projectPermissionsOf(db: Database, accountId: string, projectId: string): Set<string> {
  const rows = db.prepare(`
    SELECT DISTINCT rp.permission FROM role_members rm
    JOIN role_permissions rp ON rp.role_id = rm.role_id
    WHERE rm.account_id = ? AND rm.project_id = ?`).all(accountId, projectId) as Array<{ permission: string }>;
  return new Set(rows.map((r) => r.permission));
}

export function hasProjectPermission(db: Database, principal: Principal, projectId: string, permission: PermissionKey): boolean {
  if (principal.kind === 'app') return true;
  if (permission === 'ADMINISTER') return hasGlobalAdmin(db, principal.accountId);
  return projectPermissionsOf(db, principal.accountId, projectId).has(permission);
}

export function hasGlobalAdmin(db: Database, accountId: string): boolean {
  const row = db.prepare('SELECT site_admin FROM users WHERE account_id = ?').get(accountId) as { site_admin: number } | undefined;
  return row?.site_admin === 1;
}

/** Whether the principal holds the permission in at least one project (Jira's answer without a project context). */
export function hasPermissionAnywhere(db: Database, principal: Principal, permission: PermissionKey): boolean {
  if (principal.kind === 'app') return true;
  if (permission === 'ADMINISTER') return hasGlobalAdmin(db, principal.accountId);
  const row = db.prepare(`
    SELECT 1 FROM role_members rm JOIN role_permissions rp ON rp.role_id = rm.role_id
    WHERE rm.account_id = ? AND rp.permission = ? LIMIT 1`).get(principal.accountId, permission);
  return row !== undefined;
}

/** Ids of projects whose issues the principal may see; `null` means every project (the app). */
export function browsableProjectIds(db: Database, principal: Principal): string[] | null {
  if (principal.kind === 'app') return null;
  const rows = db.prepare(`
    SELECT DISTINCT rm.project_id FROM role_members rm JOIN role_permissions rp ON rp.role_id = rm.role_id
    WHERE rm.account_id = ? AND rp.permission = 'BROWSE_PROJECTS'`).all(principal.accountId) as Array<{ project_id: string }>;
  return rows.map((r) => r.project_id);
}

/** An issue the principal cannot browse does not exist for them (Jira answers 404, not 403). */
export function requireBrowsable(db: Database, principal: Principal, issue: IssueRow | undefined): IssueRow {
  if (!issue || !hasProjectPermission(db, principal, issue.project_id, 'BROWSE_PROJECTS')) throw issueNotFound();
  return issue;
}

const DENIALS: Partial<Record<PermissionKey, string>> = {
  EDIT_ISSUES: 'You do not have permission to edit issues in this project.',
  CREATE_ISSUES: 'You do not have permission to create issues in this project.',
  TRANSITION_ISSUES: 'You do not have permission to transition this issue.',
  ASSIGN_ISSUES: 'You do not have permission to assign issues in this project.',
  DELETE_ISSUES: 'You do not have permission to delete issues in this project.',
  MOVE_ISSUES: 'You do not have permission to move issues in this project.',
  ADMINISTER_PROJECTS: 'You do not have permission to administer this project.',
};

export function requirePermission(db: Database, principal: Principal, projectId: string, permission: PermissionKey): void {
  if (!hasProjectPermission(db, principal, projectId, permission)) {
    throw forbidden(DENIALS[permission] ?? `You do not have the permission ${permission}.`);
  }
}

export function parsePermissionList(raw: unknown): PermissionKey[] {
  if (typeof raw !== 'string' || raw.trim() === '') throw badRequest('The permissions query parameter is required.');
  const keys = raw.split(',').map((k) => k.trim()).filter(Boolean);
  const unknown = keys.filter((k) => !isPermissionKey(k));
  if (unknown.length > 0) throw badRequest(`Invalid permission key(s): ${unknown.join(', ')}`);
  return keys as PermissionKey[];
}

/** Users who may be assigned issues in a project (ASSIGNABLE_USER through their roles). */
export function isAssignable(db: Database, accountId: string, projectId: string): boolean {
  return projectPermissionsOf(db, accountId, projectId).has('ASSIGNABLE_USER');
}
