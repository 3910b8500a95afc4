/**
 * What was sent, as the epic itself remembers it: an issue property (`production-handoff-reminders`) the
 * daily run writes after Jira took a message, beside the ledger in app storage. Storage decides who may
 * send (its conditional writes are the claim); this copy survives a storage reset, so a run after one
 * still sends nothing twice, and it gives the panel its "last sent" line with the epic's own read.
 * Any editor of the epic could change it: it can only hold reminders back or change the panel's line.
 */
import { z } from 'zod';
import { AccountId, type HandoffRecord, type UserRef } from './record';
import { REMINDER_KINDS, type ReminderKind, type ReminderSettings } from './reminder-settings';
import { dueReminders, upcomingReminders, withoutSent, type ReminderInput } from './reminders';

export const REMINDERS_PROPERTY_KEY = 'production-handoff-reminders';
/** Entries kept, newest last: ~170 characters each, far inside an issue property's 32,768. */
export const SENT_ENTRIES_MAX = 150;

const SentEntry = z.object({ k: z.string().min(1).max(400), to: AccountId, name: z.string().max(200), at: z.string().max(40) }).strict();
export type SentEntry = z.infer<typeof SentEntry>;
const SentProperty = z.object({ v: z.literal(1), sent: z.array(SentEntry).max(1000) }).strict();
export type SentProperty = z.infer<typeof SentProperty>;

/** The entries of a property as Jira holds it; anything else counts as none (never as "sent"). */
export function readSent(value: unknown): SentEntry[] {
  const parsed = SentProperty.safeParse(value);
  return parsed.success ? parsed.data.sent : [];
}

export function withSent(existing: readonly SentEntry[], added: readonly SentEntry[]): SentProperty {
  const seen = new Set(added.map((e) => `${e.k}\u0000${e.to}`));
  const kept = existing.filter((e) => !seen.has(`${e.k}\u0000${e.to}`));
  return { v: 1, sent: [...kept, ...added].slice(-SENT_ENTRIES_MAX) };
}

export const sentKey = (itemKey: string, accountId: string): string => `${itemKey}\u0000${accountId}`;

export function sentSet(entries: readonly SentEntry[]): Set<string> {
  return new Set(entries.map((e) => sentKey(e.k, e.to)));
}

const kindOf = (itemKey: string): ReminderKind | undefined => REMINDER_KINDS.find((k) => itemKey.startsWith(`${k}:`));

// ---- the panel's line ---------------------------------------------------------------------------------
export interface ReminderLine {
  /** The latest day anyone was told about this epic (a run sends each person's message at its own moment). */
  lastSent?: { at: string; to: string[]; kinds: ReminderKind[] };
  /** Due now and not sent yet: the next daily run sends them. */
  dueNow: Array<{ kind: ReminderKind; sentence: string; to: string[] }>;
  /** The next reminder to fall due if nothing changes. */
  next?: { on: string; kind: ReminderKind; sentence: string };
}

export function reminderLine(input: ReminderInput, sent: readonly SentEntry[]): ReminderLine {
  const line: ReminderLine = { dueNow: [] };
  if (sent.length > 0) {
    const at = sent.reduce((a, e) => (e.at > a ? e.at : a), '');
    const last = sent.filter((e) => e.at.slice(0, 10) === at.slice(0, 10));
    line.lastSent = { at, to: [...new Set(last.map((e) => e.name || e.to))], kinds: [...new Set(last.flatMap((e) => kindOf(e.k) ?? []))] };
  }
  const told = sentSet(sent);
  const names = namesOf(input.record, input.settings);
  line.dueNow = withoutSent(dueReminders(input), (key, id) => told.has(sentKey(key, id))).map((i) => ({ kind: i.kind, sentence: i.line, to: i.recipients.map((id) => names.get(id) ?? 'a Jira user') }));
  const next = upcomingReminders(input)[0];
  if (next) line.next = next;
  return line;
}

function namesOf(record: HandoffRecord | null, settings: ReminderSettings): Map<string, string> {
  const users: Array<UserRef | undefined> = [record?.ownership.deliveryOwner, record?.ownership.pilotChampion, settings.sponsorContact];
  return new Map(users.flatMap((u) => (u ? [[u.accountId, u.displayName] as [string, string]] : [])));
}

/** "Lee Lead and Priya Raman": the names a sent line shows. */
export { recipientsText } from './sentences';
