import type { Database } from '../db';
import { JiraError } from './errors';
import { hasProjectPermission } from './permissions';
import { addRoleActors, deleteRoleActor, projectRole } from './roles';
import { ROLE_IDS, SEED_ACCOUNTS, SEED_PROJECT } from './seed';
import { seededDb, userPrincipal } from './test-support';

let db: Database;
beforeEach(() => { db = seededDb(); });
afterEach(() => db.close());

const BASE = 'http://jira.local';
const viewerBrowses = () => hasProjectPermission(db, userPrincipal('viewer'), SEED_PROJECT.id, 'BROWSE_PROJECTS');

test('an admin removes a user from a role, which takes the role\'s permissions away, and adds them back', () => {
  expect(viewerBrowses()).toBe(true);
  deleteRoleActor(db, userPrincipal('admin'), 'AIP', ROLE_IDS.viewers, SEED_ACCOUNTS.viewer);
  expect(viewerBrowses()).toBe(false);
  const role = addRoleActors(db, userPrincipal('admin'), BASE, 'AIP', ROLE_IDS.viewers, { user: [SEED_ACCOUNTS.viewer] });
  expect(role.actors.map((a) => a.actorUser.accountId)).toEqual([SEED_ACCOUNTS.viewer]);
  expect(viewerBrowses()).toBe(true);
  expect(projectRole(db, userPrincipal('lead'), BASE, SEED_PROJECT.id, ROLE_IDS.viewers)).toMatchObject({ name: 'Viewers', id: Number(ROLE_IDS.viewers) });
});

test('only project administrators change roles, and Jira\'s errors say what is wrong', () => {
  const statusOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof JiraError) return e.status;
      throw e;
    }
    return 200;
  };
  expect(statusOf(() => deleteRoleActor(db, userPrincipal('lead'), 'AIP', ROLE_IDS.viewers, SEED_ACCOUNTS.viewer))).toBe(403);
  expect(statusOf(() => addRoleActors(db, userPrincipal('lead'), BASE, 'AIP', ROLE_IDS.viewers, { user: [SEED_ACCOUNTS.lead] }))).toBe(403);
  expect(statusOf(() => addRoleActors(db, userPrincipal('admin'), BASE, 'AIP', ROLE_IDS.viewers, { user: ['nobody'] }))).toBe(400);
  expect(statusOf(() => deleteRoleActor(db, userPrincipal('admin'), 'AIP', ROLE_IDS.viewers, SEED_ACCOUNTS.lead))).toBe(404);
  expect(statusOf(() => projectRole(db, userPrincipal('admin'), BASE, 'AIP', '99'))).toBe(404);
  expect(viewerBrowses()).toBe(true);
});
