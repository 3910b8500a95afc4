import fc from 'fast-check';
import { escapeHtml, reminderMessages } from './reminder-messages';
import type { ReminderItem } from './reminders';

const epic = (n: number, summary = `Initiative ${n}`) => ({ issueId: `1000${n}`, key: `AIP-${n}`, summary, statusCategory: 'indeterminate' as const, url: `https://example.atlassian.net/browse/AIP-${n}` });

function item(over: Partial<ReminderItem> & { n?: number }): ReminderItem {
  const e = epic(over.n ?? 1);
  return {
    kind: 'stalled',
    key: `stalled:${e.issueId}:2026-03-01`,
    issueId: e.issueId,
    epic: e,
    anchorDate: '2026-03-01',
    dueSince: '2026-03-15',
    recipients: ['acc-priya'],
    line: 'No change to the handoff for 14 days (last on 1 Mar 2026).',
    details: [],
    ...over,
  };
}

describe('reminderMessages: one message per person per run', () => {
  const items = [
    item({ n: 2, kind: 'pilot-closed', key: 'pilot-closed:10002:2026-03-01', recipients: ['acc-priya', 'acc-sam'], line: 'The pilot closed on 1 Mar 2026 with 1 question open: in pilot purgatory for 14 days.', details: ['No delivery owner is named.'] }),
    item({ n: 1 }),
    item({ n: 10, kind: 'owner-not-accepted', key: 'owner-not-accepted:100010:acc-priya:2026-03-01', recipients: ['acc-priya'], line: 'Priya Raman was named delivery owner on 1 Mar 2026 and has not accepted yet.' }),
    item({ n: 3, recipients: [] }),
  ];
  const messages = reminderMessages(items, { today: '2026-03-15' });

  it('groups every due item of a person into one message; nobody gets an item twice or an item not theirs', () => {
    expect(messages.map((m) => [m.accountId, m.itemKeys])).toEqual([
      ['acc-priya', ['stalled:10001:2026-03-01', 'pilot-closed:10002:2026-03-01', 'owner-not-accepted:100010:acc-priya:2026-03-01']],
      ['acc-sam', ['pilot-closed:10002:2026-03-01']],
    ]);
  });
  it('sends through the epic of the first item, with the others as fallbacks', () => {
    expect(messages[0].issueIds).toEqual(['10001', '10002', '100010']);
    expect(messages[1].issueIds).toEqual(['10002']);
  });
  it('writes a subject naming the count and the epics', () => {
    expect(messages[0].subject).toBe('Production handoff: 3 reminders (AIP-1, AIP-2 and AIP-10)');
    expect(messages[1].subject).toBe('Production handoff: 1 reminder (AIP-2)');
  });
  it('writes a text body: each epic with its link, then its items', () => {
    expect(messages[1].textBody).toBe(
      [
        'Production handoff reminders for 2026-03-15',
        '',
        'AIP-2 Initiative 2',
        'https://example.atlassian.net/browse/AIP-2',
        '- The pilot closed on 1 Mar 2026 with 1 question open: in pilot purgatory for 14 days.',
        '    No delivery owner is named.',
        '',
        'Project administrators choose which reminders are sent (Readiness report, Settings).',
      ].join('\n'),
    );
  });
  it('writes an HTML body with each epic linked', () => {
    expect(messages[1].htmlBody).toBe(
      '<p>Production handoff reminders for 2026-03-15</p>' +
        '<p><a href="https://example.atlassian.net/browse/AIP-2">AIP-2</a> Initiative 2</p>' +
        '<ul><li>The pilot closed on 1 Mar 2026 with 1 question open: in pilot purgatory for 14 days.<ul><li>No delivery owner is named.</li></ul></li></ul>' +
        '<p>Project administrators choose which reminders are sent (Readiness report, Settings).</p>',
    );
  });
});

describe('reminderMessages: user-written text', () => {
  it('escapes every user-written text in HTML and keeps each on one line in text', () => {
    const hostile = item({
      epic: { ...epic(1, '<img src=x onerror=alert(1)> & "quotes"\nline two'), url: 'https://example.atlassian.net/browse/AIP-1' },
      line: 'The permanent pilot condition "<script>alert(1)</script>" (sustained by O\'Brien & co) is due for review today.',
      details: ['<b>bold</b>'],
    });
    const [m] = reminderMessages([hostile], { today: '2026-03-15' });
    expect(m.htmlBody).not.toMatch(/<img|<script|<b>/);
    expect(m.htmlBody).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot; line two');
    expect(m.htmlBody).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.htmlBody).toContain('O&#39;Brien &amp; co');
    expect(m.textBody).toContain('AIP-1 <img src=x onerror=alert(1)> & "quotes" line two\n');
  });
  it('links only http(s) epic addresses', () => {
    const [m] = reminderMessages([item({ epic: { ...epic(1), url: 'javascript:alert(1)' } })], { today: '2026-03-15' });
    expect(m.htmlBody).not.toContain('javascript:');
    expect(m.htmlBody).toContain('<p>AIP-1 Initiative 1</p>');
    expect(m.textBody).not.toContain('javascript:');
  });
  it('never lets any text open a tag (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (summary, line, detail) => {
        const [m] = reminderMessages([item({ epic: { ...epic(1, summary) }, line, details: [detail] })], { today: '2026-03-15' });
        const tags = m.htmlBody.match(/<[^>]*>/g) ?? [];
        for (const tag of tags) expect(tag).toMatch(/^<\/?(p|ul|li|a( href="https:\/\/example\.atlassian\.net\/browse\/AIP-1")?)>$/);
      }),
    );
  });
  it('escapeHtml escapes the five characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});

describe('reminderMessages: size', () => {
  it('holds back items beyond the maximum for the next run, and says so', () => {
    const many = Array.from({ length: 7 }, (_, i) => item({ n: i + 1, key: `stalled:1000${i + 1}:2026-03-01` }));
    const [m] = reminderMessages(many, { today: '2026-03-15', maxItems: 5 });
    expect(m.itemKeys).toHaveLength(5);
    expect(m.heldBack).toBe(2);
    expect(m.textBody).toContain('2 more reminders follow in the next run.');
    expect(m.subject).toBe('Production handoff: 7 reminders (AIP-1, AIP-2, AIP-3 and 4 more)');
  });
  it('gives no message without items', () => {
    expect(reminderMessages([], { today: '2026-03-15' })).toEqual([]);
  });
});
