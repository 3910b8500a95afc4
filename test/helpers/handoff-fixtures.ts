/** Builds epics and decided handoffs through the same doors a user would: Jira REST and the resolvers. */
import { seedAccountId, SCOPE_LABEL } from '../../local/jira/seed';
import type { HandoffView } from '../../src/shared/contract';
import { invoke, jira, ok } from './local-api';

export const ADMIN = 'admin@example.com';
export const adminAccountId = seedAccountId(ADMIN);

/** A new epic in AIP, or another project (labelled as an AI initiative unless told otherwise); returns its key. */
export async function createEpic(baseUrl: string, summary: string, labels: string[] = [SCOPE_LABEL], project = 'AIP'): Promise<string> {
  const r = await jira<{ key: string }>(baseUrl, 'POST', '/rest/api/3/issue', {
    fields: { project: { key: project }, issuetype: { name: 'Epic' }, summary, labels },
  });
  if (r.status !== 201) throw new Error(`Creating an epic answered ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body.key;
}

/** Records every answer the gate needs: one withdrawn condition, two agreed KPIs with horizons, an accepting owner. */
export async function decideHandoff(baseUrl: string, issueKey: string): Promise<HandoffView> {
  const call = async <T>(p: Promise<import('../../src/shared/contract').Result<T>>) => ok(await p);
  const ctx = { context: { issueKey }, user: ADMIN };
  let view = await call(invoke(baseUrl, 'getHandoff', {}, ctx));
  view = await call(invoke(baseUrl, 'saveCondition', { baseVersion: view.version, condition: { kind: 'data-access', name: 'Direct claims DB access' } }, ctx));
  const conditionId = view.record!.conditions[0].id;
  view = await call(invoke(baseUrl, 'decideCondition', {
    baseVersion: view.version,
    conditionId,
    decision: { status: 'withdrawn', rationale: 'Production reads through the governed feed', productionPath: 'Standard data request', leadTimeDays: 20 },
  }, ctx));
  for (const [name, category] of [['Triage latency p95', 'latency'], ['Claims handled per FTE', 'business-outcome']] as const) {
    view = await call(invoke(baseUrl, 'saveKpi', {
      baseVersion: view.version,
      kpi: { name, category, direction: 'higher-is-better', horizon: { count: 1, unit: 'quarter' }, status: 'agreed' },
    }, ctx));
  }
  view = await call(invoke(baseUrl, 'setOwner', { baseVersion: view.version, ownerAccountId: adminAccountId }, ctx));
  view = await call(invoke(baseUrl, 'acceptOwnership', { baseVersion: view.version }, ctx));
  return view;
}

export const DONE_TRANSITION = '31';
export const IN_PROGRESS_TRANSITION = '21';

export async function transition(baseUrl: string, issueKey: string, id: string, user = ADMIN) {
  return jira<{ errorMessages?: string[] } | undefined>(baseUrl, 'POST', `/rest/api/3/issue/${issueKey}/transitions`, { transition: { id } }, user);
}
