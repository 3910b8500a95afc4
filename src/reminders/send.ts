/**
 * Sending one run's messages exactly once: claim the message's ledger entries (storage/reminder-ledger.ts),
 * send through Jira's notify for the first epic of the message that still exists, confirm, and write what was
 * sent onto each epic (domain/reminder-ledger.ts). A message whose entries another run holds is trimmed to
 * the rest or skipped; one Jira refuses gives its claims back for the next run; a failure never stops the
 * other messages.
 */
import { reminderMessages, type ReminderMessage } from '../domain/reminder-messages';
import type { ReminderItem } from '../domain/reminders';
import { REMINDERS_PROPERTY_KEY, readSent, withSent, type SentEntry } from '../domain/reminder-ledger';
import { JiraError, type JiraGateway } from '../jira';
import { claim, confirmSent, release, type LedgerRef } from '../storage';

export interface SendOutcome {
  sent: Array<{ accountId: string; issueId: string; items: number }>;
  failures: Array<{ accountId: string; message: string }>;
  /** Messages not tried because the run ran out of time: still due, the next run sends them. */
  deferred: number;
}

export interface SendContext {
  appJira: JiraGateway;
  /** This run's token: what its claims are conditional on. */
  token: string;
  today: string;
  now: () => string;
  hasTime: () => boolean;
  /** What each epic holds now, updated as this run writes to it. */
  sentOnEpic: Map<string, unknown>;
  /** Account id → display name, for the epic's record of who was told. */
  names: Map<string, string>;
}

export async function sendAll(messages: readonly ReminderMessage[], items: readonly ReminderItem[], ctx: SendContext): Promise<SendOutcome> {
  const outcome: SendOutcome = { sent: [], failures: [], deferred: 0 };
  const byKey = new Map(items.map((i) => [i.key, i]));
  for (const [i, message] of messages.entries()) {
    if (!ctx.hasTime()) {
      outcome.deferred = messages.length - i;
      break;
    }
    try {
      const done = await sendOne(message, byKey, ctx);
      if (done) outcome.sent.push(done);
    } catch (e) {
      outcome.failures.push({ accountId: message.accountId, message: e instanceof Error ? e.message : String(e) });
      console.error(`Reminders: the message to ${message.accountId} failed`, e);
    }
  }
  return outcome;
}

async function sendOne(message: ReminderMessage, byKey: Map<string, ReminderItem>, ctx: SendContext): Promise<SendOutcome['sent'][number] | null> {
  const refs: LedgerRef[] = message.itemKeys.map((itemKey) => ({ itemKey, accountId: message.accountId }));
  const claimed = await claim(refs, ctx.token, ctx.now());
  if (claimed.length === 0) return null;
  // Another run took some entries: this message carries only the ones this run holds.
  const mine = claimed.length === refs.length ? message : trimmed(message, claimed, byKey, ctx.today);
  if (!mine) {
    await release(claimed, ctx.token);
    return null;
  }
  let through: string | undefined;
  try {
    through = await notifyThrough(mine, ctx.appJira);
  } catch (e) {
    // Jira refused or failed to answer: nothing was sent, so the next run tries again.
    await release(claimed, ctx.token).catch((r) => console.error('Reminders: could not give claims back; those reminders are held', r));
    throw e;
  }
  const at = ctx.now();
  await confirmSent(claimed, ctx.token, at).catch((e) => console.error('Reminders: sent, but the ledger could not be confirmed (the epic still records it)', e));
  await recordOnEpics(claimed, byKey, at, ctx);
  return { accountId: message.accountId, issueId: through, items: claimed.length };
}

function trimmed(message: ReminderMessage, claimed: readonly LedgerRef[], byKey: Map<string, ReminderItem>, today: string): ReminderMessage | undefined {
  const keys = new Set(claimed.map((c) => c.itemKey));
  const items = [...keys].flatMap((k) => {
    const item = byKey.get(k);
    return item ? [{ ...item, recipients: [message.accountId] }] : [];
  });
  return reminderMessages(items, { today })[0];
}

/** Jira's notify is per issue: the message's first epic, or the next if that one is gone (404). */
async function notifyThrough(message: ReminderMessage, jira: JiraGateway): Promise<string> {
  let last: unknown;
  for (const issueId of message.issueIds) {
    try {
      await jira.notify(issueId, { subject: message.subject, textBody: message.textBody, htmlBody: message.htmlBody, accountIds: [message.accountId] });
      return issueId;
    } catch (e) {
      if (!(e instanceof JiraError && e.status === 404)) throw e;
      last = e;
    }
  }
  throw last ?? new Error('The message names no epic');
}

/** Adds what was sent to each epic's own record of it (one write per epic touched). */
async function recordOnEpics(claimed: readonly LedgerRef[], byKey: Map<string, ReminderItem>, at: string, ctx: SendContext): Promise<void> {
  const perEpic = new Map<string, SentEntry[]>();
  for (const c of claimed) {
    const item = byKey.get(c.itemKey);
    if (!item) continue;
    const list = perEpic.get(item.issueId) ?? [];
    list.push({ k: c.itemKey, to: c.accountId, name: ctx.names.get(c.accountId) ?? '', at });
    perEpic.set(item.issueId, list);
  }
  for (const [issueId, added] of perEpic) {
    const next = withSent(readSent(ctx.sentOnEpic.get(issueId)), added);
    try {
      await ctx.appJira.setIssueProperty(issueId, REMINDERS_PROPERTY_KEY, next);
      ctx.sentOnEpic.set(issueId, next);
    } catch (e) {
      // The ledger in storage still says sent; only a storage reset as well would lose it.
      console.error(`Reminders: could not record on epic ${issueId} what was sent`, e);
    }
  }
}
