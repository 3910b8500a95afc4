/**
 * The daily reminders run (Forge `scheduledTrigger`, no user: everything as the app).
 *
 * find the epics (one JQL search on the summary's `remindOn`) → their projects' settings and records (KVS
 * batch reads) → what is due per epic (pure: domain/reminders.ts; an epic whose data breaks it is reported and
 * the others go on) → drop what the ledger or the epic's own record says was sent → one message per person →
 * send each exactly once (send.ts).
 *
 * One run at a time: a TTL lock (storage/locks.ts, which reads the expiry so a crashed run's lingering lock
 * frees itself) makes Forge's occasional duplicate invocation, or a rerun while one is going, a no-op; the
 * ledger's conditional claims would keep them from sending anything twice even without it. The run stops
 * starting new work before the function's time limit; whatever is left is still due and the next run sends it.
 */
import { randomUUID } from 'node:crypto';
import { isoToday } from '../domain/dates';
import type { ProjectSettings } from '../domain/policy';
import { SUMMARY_PROPERTY_KEY } from '../domain/report-types';
import { dueRemindersForAll, reminderInputFor, withoutSent, type ReminderInput } from '../domain/reminders';
import { reminderMessages } from '../domain/reminder-messages';
import { REMINDERS_PROPERTY_KEY, readSent, sentKey, sentSet } from '../domain/reminder-ledger';
import { toEpic, type Epic, type JiraGateway, type JiraIssue } from '../jira';
import { acquireLock, clearRescan, loadRecords, loadSettings, readLedger, reminderKey, releaseLock, rescanProjects, type StoredRecord } from '../storage';
import { syncSummary, workstreamCounts } from '../summary';
import { findDueEpics, remindersJql } from './find';
import { sendAll } from './send';

/** The function's time limit is 300 s (manifest.yml); new work stops well before it. */
export const RUN_BUDGET_MS = 240_000;
const LOCK_NAME = 'reminders-daily-run';
/** Longer than the function may run, so a live run never loses its lock; a crashed run's lock frees itself. */
const LOCK_TTL_S = 330;

export interface RunReport {
  today: string;
  ran: boolean;
  /** Why it did nothing (another run holds the lock). */
  skipped?: string;
  epics: number;
  due: number;
  messages: number;
  sent: number;
  deferred: number;
  complete: boolean;
  failures: Array<{ what: string; message: string }>;
}

export async function runReminders(appJira: JiraGateway, opts: { budgetMs?: number } = {}): Promise<RunReport> {
  const started = Date.now();
  const hasTime = () => Date.now() - started < (opts.budgetMs ?? RUN_BUDGET_MS);
  const today = isoToday(new Date(), 'UTC');
  const report: RunReport = { today, ran: false, epics: 0, due: 0, messages: 0, sent: 0, deferred: 0, complete: true, failures: [] };
  const lock = await acquireLock(LOCK_NAME, LOCK_TTL_S, 'daily reminders');
  if (!lock) return { ...report, skipped: 'another reminders run is going' };
  try {
    await run(appJira, today, hasTime, report);
    return { ...report, ran: true };
  } finally {
    await releaseLock(lock).catch((e) => console.error('Reminders: could not release the run lock (it frees itself)', e));
  }
}

async function run(appJira: JiraGateway, today: string, hasTime: () => boolean, report: RunReport): Promise<void> {
  const fail = (what: string, e: unknown) => {
    report.failures.push({ what, message: e instanceof Error ? e.message : String(e) });
    console.error(`Reminders: ${what}`, e);
  };
  const rescans = await rescanProjects().catch((e) => (fail('read the projects to look at again', e), new Map<string, number>()));
  const found = await findDueEpics(appJira, remindersJql(today, [...rescans.keys()]), hasTime);
  report.complete = found.complete;
  const epics = found.issues.map((issue) => ({ issue, epic: toEpic(issue) })).filter((e) => e.epic.isEpic);
  report.epics = epics.length;
  if (epics.length === 0) return;

  const projectIds = [...new Set(epics.map((e) => e.epic.projectId))];
  const settings = new Map<string, ProjectSettings>();
  await Promise.all(projectIds.map(async (id) => {
    try {
      settings.set(id, await loadSettings(id));
    } catch (e) {
      fail(`read the settings of project ${id}; its epics wait for the next run`, e);
    }
  }));
  const records = await loadRecords(epics.map((e) => e.epic.id));
  const siteUrl = await appJira.siteUrl().catch(() => '');

  await rescanSummaries(appJira, epics, records, settings, rescans, fail);

  const inputs: ReminderInput[] = [];
  for (const { epic } of epics) {
    const s = settings.get(epic.projectId);
    const record = records.get(epic.id)?.record ?? null;
    if (!s || !record) continue;
    inputs.push(reminderInputFor({ issueId: epic.id, key: epic.key, summary: epic.summary, statusCategory: epic.statusCategory, url: siteUrl ? `${siteUrl}/browse/${epic.key}` : '' }, record, s, today));
  }
  const computed = dueRemindersForAll(inputs);
  for (const f of computed.failures) fail(`work out the reminders of ${f.key}`, new Error(f.message));
  if (computed.items.length === 0) return;

  // What was sent: the epic's own record of it (read with the search) and the ledger (storage).
  const sentOnEpic = new Map(epics.map(({ issue, epic }) => [epic.id, issue.properties?.[REMINDERS_PROPERTY_KEY]]));
  const onEpics = new Set([...sentOnEpic.values()].flatMap((v) => [...sentSet(readSent(v))]));
  const ledger = await readLedger(computed.items.flatMap((i) => i.recipients.map((accountId) => ({ itemKey: i.key, accountId }))));
  const pending = withoutSent(computed.items, (key, id) => onEpics.has(sentKey(key, id)) || ledger.has(reminderKey(key, id)));
  report.due = pending.length;
  const messages = reminderMessages(pending, { today });
  report.messages = messages.length;

  const outcome = await sendAll(messages, pending, {
    appJira,
    token: randomUUID(),
    today,
    now: () => new Date().toISOString(),
    hasTime,
    sentOnEpic,
    names: namesOf(inputs),
  });
  report.sent = outcome.sent.length;
  report.deferred = outcome.deferred;
  for (const f of outcome.failures) fail(`send the reminders of ${f.accountId}`, new Error(f.message));
}

/** The display names the run knows (owners, champions, sponsor contacts), for each epic's record of who was told. */
function namesOf(inputs: readonly ReminderInput[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const i of inputs) {
    for (const u of [i.record?.ownership.deliveryOwner, i.record?.ownership.pilotChampion, i.settings.sponsorContact]) if (u) names.set(u.accountId, u.displayName);
  }
  return names;
}

/** A project whose settings changed: its summaries are rewritten with the new settings, so `remindOn` is right again. */
async function rescanSummaries(
  appJira: JiraGateway,
  epics: ReadonlyArray<{ issue: JiraIssue; epic: Epic }>,
  records: Map<string, StoredRecord | null>,
  settings: Map<string, ProjectSettings>,
  rescans: Map<string, number>,
  fail: (what: string, e: unknown) => void,
): Promise<void> {
  for (const [projectId, version] of rescans) {
    const s = settings.get(projectId);
    if (!s) continue;
    for (const { issue, epic } of epics.filter((e) => e.epic.projectId === projectId)) {
      const record = records.get(epic.id)?.record ?? null;
      const published = issue.properties?.[SUMMARY_PROPERTY_KEY];
      await syncSummary(appJira, { epic, record, settings: s, published }, () => workstreamCounts(appJira, epic.id, record, published));
    }
    await clearRescan(projectId, version).catch((e) => fail(`clear the rescan of project ${projectId}`, e));
  }
}
