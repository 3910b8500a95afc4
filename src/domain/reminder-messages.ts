/**
 * The reminders of one run as messages: one per person, grouping every item due for them, each under
 * its epic with a link, in a text and an HTML body for Jira's notify endpoint (which mails them by each
 * user's Jira settings). Every user-written text (epic summaries, condition and KPI names, names of
 * people) is escaped in the HTML body and kept on one line in the text body.
 */
import type { ReminderItem } from './reminders';
import { compareKeys } from './report';
import { listNames, plural } from './sentences';
import { REMINDER_KINDS } from './reminder-settings';
import { pushTo } from './group';

export interface ReminderMessage {
  accountId: string;
  /** Epics to send through (Jira's notify is per issue): the first item's, then the others as fallbacks. */
  issueIds: string[];
  subject: string;
  textBody: string;
  htmlBody: string;
  /** Keys of the items this message carries: record them as sent to this person once Jira accepts it. */
  itemKeys: string[];
  /** Items past the maximum, left due for the next run. */
  heldBack: number;
}

export interface MessageOptions {
  /** YYYY-MM-DD of the run (UTC). */
  today: string;
  /** Items in one message; the rest wait for the next run, so no mail grows without bound. */
  maxItems?: number;
}

export const MAX_ITEMS_PER_MESSAGE = 40;

const FOOTER = 'Project administrators choose which reminders are sent (Readiness report, Settings).';

export function reminderMessages(items: readonly ReminderItem[], { today, maxItems = MAX_ITEMS_PER_MESSAGE }: MessageOptions): ReminderMessage[] {
  const byPerson = new Map<string, ReminderItem[]>();
  for (const item of items) {
    for (const accountId of item.recipients) pushTo(byPerson, accountId, item);
  }
  return [...byPerson.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([accountId, theirs]) => messageFor(accountId, sortItems(theirs), today, maxItems));
}

function sortItems(items: ReminderItem[]): ReminderItem[] {
  return [...items].sort((a, b) => compareKeys(a.epic.key, b.epic.key) || REMINDER_KINDS.indexOf(a.kind) - REMINDER_KINDS.indexOf(b.kind) || (a.key < b.key ? -1 : 1));
}

function messageFor(accountId: string, all: ReminderItem[], today: string, maxItems: number): ReminderMessage {
  const items = all.slice(0, maxItems);
  const heldBack = all.length - items.length;
  const epics = groupByEpic(items);
  const allKeys = [...new Set(all.map((i) => i.epic.key))];
  const subject = `Production handoff: ${plural(all.length, 'reminder')} (${keyList(allKeys)})`;
  const header = `Production handoff reminders for ${today}`;
  const more = heldBack > 0 ? `${plural(heldBack, 'more reminder')} follow in the next run.` : '';

  const text: string[] = [header, ''];
  const html: string[] = [`<p>${escapeHtml(header)}</p>`];
  for (const group of epics) {
    const { epic } = group[0];
    const link = safeUrl(epic.url);
    text.push(`${epic.key} ${oneLine(epic.summary)}`, ...(link ? [link] : []));
    const title = `${escapeHtml(epic.key)} ${escapeHtml(oneLine(epic.summary))}`;
    html.push(link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(epic.key)}</a> ${escapeHtml(oneLine(epic.summary))}</p>` : `<p>${title}</p>`);
    html.push('<ul>');
    for (const item of group) {
      text.push(`- ${oneLine(item.line)}`, ...item.details.map((d) => `    ${oneLine(d)}`));
      const details = item.details.length ? `<ul>${item.details.map((d) => `<li>${escapeHtml(oneLine(d))}</li>`).join('')}</ul>` : '';
      html.push(`<li>${escapeHtml(oneLine(item.line))}${details}</li>`);
    }
    html.push('</ul>');
    text.push('');
  }
  if (more) {
    text.push(more, '');
    html.push(`<p>${escapeHtml(more)}</p>`);
  }
  text.push(FOOTER);
  html.push(`<p>${escapeHtml(FOOTER)}</p>`);
  return {
    accountId,
    issueIds: epics.map((g) => g[0].issueId),
    subject,
    textBody: text.join('\n'),
    htmlBody: html.join(''),
    itemKeys: items.map((i) => i.key),
    heldBack,
  };
}

/** "AIP-1", "AIP-1 and AIP-2", "AIP-1, AIP-2, AIP-3 and 4 more". */
function keyList(keys: string[]): string {
  if (keys.length <= 3) return keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(', ')} and ${keys[keys.length - 1]}`;
  return listNames(keys, { max: 3 });
}

function groupByEpic(items: ReminderItem[]): ReminderItem[][] {
  const groups = new Map<string, ReminderItem[]>();
  for (const item of items) pushTo(groups, item.issueId, item);
  return [...groups.values()];
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** One line: line breaks and control characters would let user text start a line of its own. */
function oneLine(text: string): string {
  return text.replace(/[\p{Cc}\u2028\u2029\s]+/gu, ' ').trim();
}

/** Only http(s) addresses become links; anything else is left out rather than linked. */
function safeUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}
