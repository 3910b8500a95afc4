import type { Database } from '../db';

/** Validator rules on the one workflow: which Forge validator runs on which transition, for which issue type. */
export interface ValidatorRule {
  id: number;
  projectId: string;
  /** null = every issue type. */
  issueTypeId: string | null;
  transitionId: string;
  moduleKey: string;
  /** What the configuration screen saved; null when none was (a rule added in the old workflow editor). */
  configuration: unknown;
}

export type NewValidatorRule = Omit<ValidatorRule, 'id'>;

interface Row { id: number; project_id: string; issue_type_id: string | null; transition_id: string; module_key: string; configuration: string }

function toRule(r: Row): ValidatorRule {
  let configuration: unknown;
  try {
    configuration = JSON.parse(r.configuration);
  } catch {
    configuration = r.configuration;
  }
  return { id: r.id, projectId: r.project_id, issueTypeId: r.issue_type_id, transitionId: r.transition_id, moduleKey: r.module_key, configuration };
}

export function listValidatorRules(db: Database, filter: { projectId?: string } = {}): ValidatorRule[] {
  const rows = filter.projectId === undefined
    ? db.prepare('SELECT * FROM workflow_validators ORDER BY id').all()
    : db.prepare('SELECT * FROM workflow_validators WHERE project_id = ? ORDER BY id').all(filter.projectId);
  return (rows as Row[]).map(toRule);
}

export function getValidatorRule(db: Database, id: number): ValidatorRule | undefined {
  const row = db.prepare('SELECT * FROM workflow_validators WHERE id = ?').get(id) as Row | undefined;
  return row ? toRule(row) : undefined;
}

export function addValidatorRule(db: Database, rule: NewValidatorRule): ValidatorRule {
  const info = db.prepare(`INSERT INTO workflow_validators (project_id, issue_type_id, transition_id, module_key, configuration)
    VALUES (?, ?, ?, ?, ?)`).run(rule.projectId, rule.issueTypeId, rule.transitionId, rule.moduleKey, JSON.stringify(rule.configuration ?? null));
  return getValidatorRule(db, Number(info.lastInsertRowid))!;
}

export function updateValidatorRule(db: Database, id: number, patch: Partial<NewValidatorRule>): ValidatorRule | undefined {
  const current = getValidatorRule(db, id);
  if (!current) return undefined;
  const next = { ...current, ...patch };
  db.prepare(`UPDATE workflow_validators SET project_id = ?, issue_type_id = ?, transition_id = ?, module_key = ?, configuration = ? WHERE id = ?`)
    .run(next.projectId, next.issueTypeId, next.transitionId, next.moduleKey, JSON.stringify(next.configuration ?? null), id);
  return getValidatorRule(db, id);
}

export function removeValidatorRule(db: Database, id: number): boolean {
  return db.prepare('DELETE FROM workflow_validators WHERE id = ?').run(id).changes > 0;
}

/** The rules that apply when an issue of this project and type takes this transition. */
export function validatorsForTransition(db: Database, projectId: string, issueTypeId: string, transitionId: string): ValidatorRule[] {
  const rows = db.prepare(`SELECT * FROM workflow_validators
    WHERE project_id = ? AND transition_id = ? AND (issue_type_id IS NULL OR issue_type_id = ?) ORDER BY id`)
    .all(projectId, transitionId, issueTypeId) as Row[];
  return rows.map(toRule);
}
