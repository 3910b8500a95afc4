/** Read-only use cases beside the view: the history list and the Markdown brief. */
import { handoffBrief } from '../domain/brief';
import { WORKSTREAM_NAMES } from '../domain/policy';
import type { HistoryEntry, WorkstreamKey } from '../domain/record';
import { historyPage } from '../storage';
import type { CallContext } from '../kernel';
import { loadHandoff } from './load';
import { viewReadiness } from './view';

/** One page of the epic's history, oldest first (storage keeps it in version order); the panel joins the pages. */
export async function getHistory(ctx: CallContext, payload: { cursor?: string }): Promise<{ entries: HistoryEntry[]; nextCursor?: string }> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  return historyPage(loaded.epic.id, payload.cursor);
}

export async function getBrief(ctx: CallContext): Promise<{ markdown: string }> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  const readiness = viewReadiness({ ...loaded, timezone: ctx.timezone });
  const refs = Object.entries(loaded.record?.workstreams ?? {}) as Array<[WorkstreamKey, { issueId: string; issueKey: string }]>;
  const statuses = await workstreamStatuses(ctx, refs.map(([, ref]) => ref.issueId));
  const workstreams = refs.map(([key, ref]) => ({
    name: WORKSTREAM_NAMES[key],
    issueKey: ref.issueKey,
    ...(statuses.get(ref.issueId) ? { statusName: statuses.get(ref.issueId) } : {}),
    ...(loaded.record?.ownership.workstreamLeads[key] ? { lead: loaded.record.ownership.workstreamLeads[key]!.displayName } : {}),
  }));
  const markdown = handoffBrief({ epic: { key: loaded.epic.key, summary: loaded.epic.summary }, record: loaded.record, readiness, workstreams, generatedAt: new Date().toISOString() });
  return { markdown };
}

/** Live status names of the workstream issues (one search; the brief still renders if Jira fails). */
async function workstreamStatuses(ctx: CallContext, issueIds: string[]): Promise<Map<string, string>> {
  const ids = issueIds.filter((id) => /^\d+$/.test(id));
  if (ids.length === 0) return new Map();
  try {
    const { issues } = await ctx.userJira.search(`id in (${ids.join(',')})`, { fields: ['status'], maxResults: ids.length });
    return new Map(issues.map((i) => [i.id, i.fields.status?.name ?? '']));
  } catch {
    return new Map();
  }
}
