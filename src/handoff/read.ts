/** Read-only use cases beside the view: the history list and the Markdown brief. */
import { handoffBrief, type Brief } from '../domain/brief';
import { humanDate, isoToday } from '../domain/dates';
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

/** The brief as rich HTML and Markdown, with a link to the epic on the site (Jira's own serverInfo says where it is). */
export async function getBrief(ctx: CallContext): Promise<Brief> {
  const loaded = await loadHandoff(ctx, 'BROWSE_PROJECTS');
  const readiness = viewReadiness({ ...loaded, timezone: ctx.timezone });
  const refs = Object.entries(loaded.record?.workstreams ?? {}) as Array<[WorkstreamKey, { issueId: string; issueKey: string }]>;
  const [statuses, siteUrl] = await Promise.all([
    workstreamStatuses(ctx, refs.map(([, ref]) => ref.issueId)),
    // The brief is still worth copying without the link.
    ctx.appJira.siteUrl().then((url) => url || undefined, () => undefined),
  ]);
  const workstreams = refs.map(([key, ref]) => ({
    name: WORKSTREAM_NAMES[key],
    issueKey: ref.issueKey,
    ...(statuses.get(ref.issueId) ? { statusName: statuses.get(ref.issueId) } : {}),
    ...(loaded.record?.ownership.workstreamLeads[key] ? { lead: loaded.record.ownership.workstreamLeads[key]!.displayName } : {}),
  }));
  return handoffBrief({
    epic: { key: loaded.epic.key, summary: loaded.epic.summary },
    record: loaded.record,
    readiness,
    workstreams,
    generatedAt: generatedAt(new Date(), ctx.timezone),
    timeZone: ctx.timezone,
    ...(siteUrl ? { siteUrl } : {}),
  });
}

/** "30 Nov 2026, 14:03 (Europe/Berlin)": when, in the reader's zone, as people write it. */
function generatedAt(now: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(now);
  return `${humanDate(isoToday(now, timeZone))}, ${time} (${timeZone})`;
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
