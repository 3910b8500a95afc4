/**
 * getWorkstreams: the epic's workstream issues and their sub-tasks with live status, found by one marker
 * search as the user, and what creating now would add. It also repairs the searchable summary when it
 * differs from the one computed from storage and the live counts (an issue event was missed or failed, or
 * someone wrote it by hand): the epic read runs beside the search and a write happens only on a difference.
 */
import type { WorkstreamsView } from '../shared/contract';
import { isoToday } from '../domain/dates';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import type { ProjectSettings } from '../domain/policy';
import { deliveryProgress, EPIC_FIELDS, findDelivery, isEpic, type Delivery, type JiraIssue } from '../jira';
import { loadRecord, loadSettings, type StoredRecord } from '../storage';
import { requireIssue, requireIssuePermission, type CallContext } from '../kernel';
import { republishWhenStale } from '../summary';
import { planDelivery } from './plan';
import { workstreamsView } from './view';

export async function getWorkstreams(ctx: CallContext): Promise<WorkstreamsView> {
  const { issue, project } = requireIssue(ctx);
  const can = await requireIssuePermission(ctx.userJira, issue.key, 'BROWSE_PROJECTS');
  const [found, stored, settings, epic] = await Promise.all([
    findDelivery(ctx.userJira, issue),
    loadRecord(issue.id),
    loadSettings(project.id),
    ctx.userJira.getIssue(issue.id, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] }),
  ]);
  if (epic && isEpic(epic)) await repairSummary(ctx, epic, found, stored, settings);
  const record = stored?.record ?? null;
  const plan = planDelivery({ epic: { ...issue, summary: epic?.fields.summary ?? '' }, settings, record, found, today: isoToday(new Date(), ctx.timezone) });
  return workstreamsView({ found, settings, leads: record?.ownership.workstreamLeads ?? {}, plan, canCreate: can.CREATE_ISSUES === true });
}

/** Never fails the read: the view is right either way, and the next read tries again. */
async function repairSummary(ctx: CallContext, epic: JiraIssue, found: Delivery, stored: StoredRecord | null, settings: ProjectSettings): Promise<void> {
  let first = true;
  await republishWhenStale({
    appJira: ctx.appJira,
    state: { epic, live: deliveryProgress(found) },
    // After a write, the same reads again: a trigger's older write may land after this one.
    reread: async () => {
      const [again, now] = await Promise.all([
        ctx.userJira.getIssue(epic.id, { fields: EPIC_FIELDS, properties: [SUMMARY_PROPERTY_KEY] }),
        findDelivery(ctx.userJira, { id: epic.id, key: epic.key }),
      ]);
      return again && isEpic(again) ? { epic: again, live: deliveryProgress(now) } : null;
    },
    loadFacts: async () => {
      // The first attempt reuses what this read loaded; a retry after a racing save reads afresh.
      const record = first ? stored : await loadRecord(epic.id);
      first = false;
      return { record: record?.record ?? null, settings };
    },
    recordVersion: async () => (await loadRecord(epic.id))?.version ?? 0,
  }).catch((e: unknown) => console.warn(`Could not repair the workstream counts in the summary of ${epic.key}.`, e));
}
