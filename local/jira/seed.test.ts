import type { Database } from '../db';
import { findIssue, findProject } from './catalog';
import { createIssue } from './issues';
import { browsableProjectIds, hasProjectPermission } from './permissions';
import { DEMO_KEYS, DEMO_PROJECTS, SEED_PROJECT } from './seed';
import { seededDb, userPrincipal } from './test-support';

let db: Database;
beforeEach(() => { db = seededDb({ demoProjects: true }); });
afterEach(() => db.close());

const keysOf = (projectId: string) => (db.prepare('SELECT key FROM issues WHERE project_id = ? ORDER BY num').all(projectId) as Array<{ key: string }>).map((r) => r.key);

test('three projects: AIP as before, CLM "Claims Automation" and SUP "Support Copilot"', () => {
  expect(findProject(db, 'CLM')).toMatchObject({ id: DEMO_PROJECTS.claims.id, name: 'Claims Automation' });
  expect(findProject(db, 'SUP')).toMatchObject({ id: DEMO_PROJECTS.support.id, name: 'Support Copilot' });
  expect(keysOf(SEED_PROJECT.id)).toEqual(['AIP-1', 'AIP-2', 'AIP-3', 'AIP-4', 'AIP-5', 'AIP-6', 'AIP-7', 'AIP-8']);
  expect(keysOf(DEMO_PROJECTS.claims.id)).toHaveLength(7);
  expect(keysOf(DEMO_PROJECTS.support.id)).toHaveLength(6);
  expect(findIssue(db, 'CLM-6')!.parent_id).toBe(findIssue(db, DEMO_KEYS.claimsFraud)!.id);
  expect(findIssue(db, 'SUP-6')!.parent_id).toBe(findIssue(db, DEMO_KEYS.supportRouting)!.id);
  const initiatives = db.prepare("SELECT COUNT(*) AS n FROM issues WHERE project_id != ? AND labels LIKE '%ai-initiative%'").get(SEED_PROJECT.id) as { n: number };
  expect(initiatives.n).toBe(7);
});

test('the same people hold other roles there; Val cannot see CLM and Priya cannot see SUP', () => {
  const sorted = (ids: string[] | null) => [...(ids ?? [])].sort();
  // OPS (10003) is the empty project for Jira's Move: Avery administers it, Lee and Priya are members.
  expect(sorted(browsableProjectIds(db, userPrincipal('admin')))).toEqual(['10000', '10001', '10002', '10003']);
  expect(sorted(browsableProjectIds(db, userPrincipal('viewer')))).toEqual(['10000', '10002']);
  expect(sorted(browsableProjectIds(db, userPrincipal('priya')))).toEqual(['10000', '10001', '10003']);
  expect(hasProjectPermission(db, userPrincipal('priya'), DEMO_PROJECTS.claims.id, 'ADMINISTER_PROJECTS')).toBe(true);
  expect(hasProjectPermission(db, userPrincipal('priya'), SEED_PROJECT.id, 'ADMINISTER_PROJECTS')).toBe(false);
  expect(hasProjectPermission(db, userPrincipal('marcus'), DEMO_PROJECTS.claims.id, 'EDIT_ISSUES')).toBe(false);
  expect(hasProjectPermission(db, userPrincipal('marcus'), DEMO_PROJECTS.support.id, 'ADMINISTER_PROJECTS')).toBe(true);
});

test('new issues continue each project\'s numbering', () => {
  const created = createIssue(db, userPrincipal('lead'), { fields: { project: { key: 'CLM' }, issuetype: { name: 'Task' }, summary: 'Next' } });
  expect(created.key).toBe('CLM-8');
});
