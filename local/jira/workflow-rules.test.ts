import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import { ISSUE_TYPE_IDS, SEED_PROJECT, TRANSITION_IDS, resetJira, seedJira } from './seed';
import { addValidatorRule, listValidatorRules, removeValidatorRule, updateValidatorRule, validatorsForTransition } from './workflow-rules';
import { seededDb } from './test-support';

test('the seed holds the gate on Done of the workflow every issue type shares, and rules can be added, changed and removed', () => {
  const db = seededDb();
  const [gate] = listValidatorRules(db, { projectId: SEED_PROJECT.id });
  expect(gate).toMatchObject({ issueTypeId: null, transitionId: TRANSITION_IDS.done, moduleKey: 'production-handoff-gate', configuration: { scopeLabel: 'ai-initiative' } });
  expect(validatorsForTransition(db, SEED_PROJECT.id, ISSUE_TYPE_IDS.epic, TRANSITION_IDS.done)).toHaveLength(1);
  expect(validatorsForTransition(db, SEED_PROJECT.id, ISSUE_TYPE_IDS.task, TRANSITION_IDS.done)).toHaveLength(1);

  const epicsOnly = addValidatorRule(db, { projectId: SEED_PROJECT.id, issueTypeId: ISSUE_TYPE_IDS.epic, transitionId: TRANSITION_IDS.done, moduleKey: 'other', configuration: {} });
  expect(validatorsForTransition(db, SEED_PROJECT.id, ISSUE_TYPE_IDS.task, TRANSITION_IDS.done).map((r) => r.moduleKey)).toEqual(['production-handoff-gate']);
  expect(validatorsForTransition(db, SEED_PROJECT.id, ISSUE_TYPE_IDS.epic, TRANSITION_IDS.done).map((r) => r.moduleKey)).toEqual(['production-handoff-gate', 'other']);
  expect(updateValidatorRule(db, gate.id, { configuration: { scopeLabel: 'genai', requireWorkstreamsDone: true } })?.configuration)
    .toEqual({ scopeLabel: 'genai', requireWorkstreamsDone: true });
  expect(updateValidatorRule(db, 9999, { moduleKey: 'x' })).toBeUndefined();
  expect(removeValidatorRule(db, epicsOnly.id)).toBe(true);
  expect(removeValidatorRule(db, epicsOnly.id)).toBe(false);
  expect(listValidatorRules(db)).toHaveLength(1);
  db.close();
});

test('openDatabase creates the folder; seeding is idempotent; reset restores the demo site', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ph-db-'));
  const file = path.join(dir, 'a', 'b', 'local.sqlite');
  const db = openDatabase(file);
  expect(fs.existsSync(file)).toBe(true);
  expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  seedJira(db);
  db.prepare(`UPDATE issues SET summary = 'changed' WHERE key = 'AIP-1'`).run();
  seedJira(db);
  expect((db.prepare(`SELECT summary FROM issues WHERE key = 'AIP-1'`).get() as { summary: string }).summary).toBe('changed');
  const issuesIn = (key: string) => (db.prepare('SELECT COUNT(*) AS n FROM issues i JOIN projects p ON p.id = i.project_id WHERE p.key = ?').get(key) as { n: number }).n;
  expect([issuesIn('AIP'), issuesIn('CLM'), issuesIn('SUP')]).toEqual([8, 7, 6]);
  resetJira(db);
  expect((db.prepare(`SELECT summary FROM issues WHERE key = 'AIP-1'`).get() as { summary: string }).summary).toBe('Claims triage assistant: move from pilot to production');
  // The gate on Done in each project; AIP's rule is still the first.
  expect(listValidatorRules(db).map((r) => r.id)).toEqual([1, 2, 3]);
  expect(listValidatorRules(db, { projectId: SEED_PROJECT.id }).map((r) => r.id)).toEqual([1]);
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
