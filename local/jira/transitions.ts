import type { Database } from '../db';
import type { Principal } from '../auth';
import { findIssue, listTransitions, loadCatalog, nowIso } from './catalog';
import { JiraError } from './errors';
import { formatStatus } from './format';
import { requireBrowsable, requirePermission } from './permissions';
import { validatorsForTransition } from './workflow-rules';

/** The single workflow: global transitions from any status to any other, guarded by configured validators. */
export type ValidatorRunner = (input: {
  issueKey: string;
  transition: { id: string; from: { id: string }; to: { id: string } };
  validators: Array<{ moduleKey: string; configuration: unknown }>;
}) => Promise<{ result: boolean; errorMessage?: string }>;

export function availableTransitions(db: Database, principal: Principal, idOrKey: string, base: string) {
  const issue = requireBrowsable(db, principal, findIssue(db, idOrKey));
  const catalog = loadCatalog(db);
  return listTransitions(db)
    .filter((t) => t.to_status_id !== issue.status_id)
    .map((t) => ({
      id: t.id,
      name: t.name,
      to: formatStatus(base, catalog, catalog.statuses.get(t.to_status_id)!),
      hasScreen: false,
      isGlobal: true,
      isInitial: false,
      isAvailable: true,
      isConditional: false,
      isLooped: false,
    }));
}

export async function transitionIssue(db: Database, principal: Principal, idOrKey: string, body: unknown, validators: ValidatorRunner): Promise<void> {
  const issue = requireBrowsable(db, principal, findIssue(db, idOrKey));
  requirePermission(db, principal, issue.project_id, 'TRANSITION_ISSUES');
  const ref = typeof body === 'object' && body !== null ? (body as { transition?: { id?: unknown } }).transition : undefined;
  const transitionId = ref && (typeof ref.id === 'string' || typeof ref.id === 'number') ? String(ref.id) : undefined;
  if (transitionId === undefined) throw new JiraError(400, ['Missing transition id.']);
  const transition = listTransitions(db).find((t) => t.id === transitionId);
  if (!transition || transition.to_status_id === issue.status_id) {
    throw new JiraError(400, [`Transition id '${transitionId}' is not valid for this issue.`]);
  }

  const rules = validatorsForTransition(db, issue.project_id, issue.issuetype_id, transitionId);
  if (rules.length > 0) {
    let verdict: { result: boolean; errorMessage?: string };
    try {
      verdict = await validators({
        issueKey: issue.key,
        transition: { id: transitionId, from: { id: issue.status_id }, to: { id: transition.to_status_id } },
        validators: rules.map((r) => ({ moduleKey: r.moduleKey, configuration: r.configuration })),
      });
    } catch (e) {
      // A validator that cannot answer blocks the transition, as in Jira.
      throw new JiraError(400, [`The transition could not be validated: ${e instanceof Error ? e.message : String(e)}`]);
    }
    if (!verdict.result) throw new JiraError(400, [verdict.errorMessage ?? 'The transition was blocked by a workflow validator.']);
  }

  // The issue may have changed while the validator ran: re-read before writing.
  const current = findIssue(db, String(issue.id));
  if (!current) throw new JiraError(404, ['Issue does not exist or you do not have permission to see it.']);
  const categoryOf = (statusId: string) => (db.prepare(`SELECT c.key FROM statuses s JOIN status_categories c ON c.id = s.category_id WHERE s.id = ?`)
    .get(statusId) as { key: string }).key;
  const category = categoryOf(transition.to_status_id);
  const isDone = category === 'done';
  const now = nowIso();
  const categoryChanged = category !== categoryOf(current.status_id) ? now : (current.status_category_changed ?? null);
  db.prepare('UPDATE issues SET status_id = ?, resolutiondate = ?, updated = ?, status_category_changed = ? WHERE id = ?')
    .run(transition.to_status_id, isDone ? (current.resolutiondate ?? now) : null, now, categoryChanged, issue.id);
}
