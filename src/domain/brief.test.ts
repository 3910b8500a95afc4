import MarkdownIt from 'markdown-it';
import { cell, handoffBrief } from './brief';
import { computeReadiness } from './readiness';
import type { EpicFacts } from './readiness-types';
import { AT, MARCUS, POLICY, PRIYA, condition, kpi, readyRecord } from './__fixtures__/records';

const EPIC: EpicFacts = { key: 'AIP-12', statusCategory: 'indeterminate', today: '2026-03-10' };

describe('cell', () => {
  it('keeps a value inside one table cell', () => {
    expect(cell('a | b\nc\r\nd')).toBe('a \\| b<br>c<br>d');
    expect(cell('')).toBe('—');
    expect(cell(3)).toBe('3');
  });
});

describe('handoffBrief', () => {
  const rec = {
    ...readyRecord(),
    pilot: { plannedCloseDate: '2026-03-22' },
    conditions: [
      condition('c1', 'Direct claims DB access', 'withdrawn'),
      condition('c2', 'Weekly | sponsor review', 'withdrawn'),
      condition('c3', 'Fast approvals', 'permanent'),
      condition('c4', 'Shadow IT laptop\nwith admin rights'),
    ],
    pilotMetrics: [{ id: 'm1', name: 'Triage time', result: '42% faster on 300 claims' }],
    kpis: [
      kpi('k1', 'Claims handled per hour', 'latency', { baseline: '12', target: '20', unit: 'claims/h', replacesMetricId: 'm1', firstReviewDate: '2026-06-30' }),
      kpi('k2', 'Revenue per claim', 'business-outcome', { horizon: { count: 3, unit: 'quarter' }, direction: 'lower-is-better' }),
    ],
    ownership: { deliveryOwner: PRIYA, accepted: { by: PRIYA, at: AT }, pilotChampion: MARCUS, workstreamLeads: {} },
  };
  const { markdown: brief, html } = handoffBrief({
    epic: { key: 'AIP-12', summary: 'Claims triage assistant' },
    record: rec,
    readiness: computeReadiness(rec, EPIC, POLICY),
    workstreams: [{ name: 'Data integration', issueKey: 'AIP-20', statusName: 'In Progress', lead: 'Priya Raman' }, { name: 'Model deployment' }],
    generatedAt: '10 Mar 2026, 09:00 (UTC)',
    timeZone: 'UTC',
    siteUrl: 'https://example.atlassian.net/',
  });
  const lines = brief.split('\n');

  it('answers the three questions under their headings, in order', () => {
    const at = (h: string) => lines.indexOf(h);
    expect(lines[0]).toBe('# Production handoff: AIP-12 Claims triage assistant');
    expect(at('## 1. Which pilot conditions become permanent?')).toBeGreaterThan(0);
    expect(at('## 2. Which metrics govern production, over what horizon?')).toBeGreaterThan(at('## 1. Which pilot conditions become permanent?'));
    expect(at('## 3. Who owns the delivery?')).toBeGreaterThan(at('## 2. Which metrics govern production, over what horizon?'));
    expect(brief).toContain('Epic: [AIP-12](https://example.atlassian.net/browse/AIP-12)');
  });
  it('states readiness, the missing answers, the pilot clock and the ship signal', () => {
    expect(brief).toContain('Generated 10 Mar 2026, 09:00 (UTC). Readiness: **Deciding** (1 question open).');
    expect(brief).toContain('- 1 pilot condition has no decision (Shadow IT laptop\nwith admin rights).'.replace('\n', ' '));
    expect(brief).toContain('Pilot closes in 12 days, 1 question open.');
    expect(brief).toContain('> **Weak commitment: 2 of 3 pilot exceptions withdrawn.** Most of what made the pilot work (2 of 3 decided conditions) is being withdrawn');
  });
  it('tabulates conditions with escaped cells', () => {
    expect(lines).toContain('| Condition | Kind | Decision | Sustained by / production path | Rationale |');
    expect(lines).toContain('| Weekly \\| sponsor review | Data access | Withdrawn | Production path: Standard data request (lead time 30 days) | Pilot-only shortcut |');
    expect(lines).toContain('| Fast approvals | Data access | Permanent | Sustained by Data platform team | Needed in production |');
    expect(lines).toContain('| Shadow IT laptop<br>with admin rights | Data access | Undecided | — | — |');
  });
  it('tabulates KPIs with horizon, review, status and the metric replaced, and lists the flags', () => {
    expect(lines).toContain('| Claims handled per hour | Latency | 12 claims/h → 20 claims/h | higher is better | 1 quarter | 30 Jun 2026 | Agreed | Triage time |');
    expect(lines).toContain('| Revenue per claim | Business outcome | — | lower is better | 3 quarters | — | Agreed | — |');
    expect(lines).toContain('- Revenue per claim is judged over 3 quarters: add an interim checkpoint before the next quarterly review.');
    expect(lines).toContain('- Triage time: 42% faster on 300 claims');
  });
  it('names the delivery owner, the acceptance, the champion and the workstreams', () => {
    expect(lines).toContain('Delivery owner: **Priya Raman** (accepted 1 Mar 2026)');
    expect(lines).toContain('Pilot champion: Marcus Lee');
    expect(lines).toContain('| Data integration | AIP-20 | In Progress | Priya Raman |');
    expect(lines).toContain('| Model deployment | not created | — | — |');
  });
  it('has the same content as HTML: headings, the epic link, and tables a paste keeps', () => {
    expect(html).toMatch(/^<h1>Production handoff: AIP-12 Claims triage assistant<\/h1>/);
    expect(html).toContain('<a href="https://example.atlassian.net/browse/AIP-12">AIP-12</a>');
    expect(html).toContain('<h2>1. Which pilot conditions become permanent?</h2>');
    const plain = html.replace(/ style="[^"]*"/g, '');
    expect(plain).toContain('<th>Condition</th><th>Kind</th><th>Decision</th>');
    expect(plain).toContain('<td>Weekly | sponsor review</td><td>Data access</td><td>Withdrawn</td>');
    expect(plain).toContain('<td>Shadow IT laptop<br>with admin rights</td>');
    expect(plain).toContain('<td>12 claims/h → 20 claims/h</td>');
    expect(html).toContain('<strong>Weak commitment: 2 of 3 pilot exceptions withdrawn.</strong>');
    expect(html.match(/<table/g)).toHaveLength(3);
    // Dates as people write them, never ISO strings, in both flavours.
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(brief).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });
  it('says plainly what is not recorded for an epic without a record', () => {
    const { markdown: empty } = handoffBrief({ epic: { key: 'AIP-3', summary: 'OCR' }, record: null, readiness: computeReadiness(null, EPIC, POLICY), generatedAt: 'now', timeZone: 'UTC' });
    expect(empty).toContain('Readiness: **Not started** (3 questions open).');
    expect(empty).toContain('No pilot conditions are recorded.');
    expect(empty).toContain('No production KPIs are recorded.');
    expect(empty).toContain('Delivery owner: not named.');
    expect(empty).not.toContain('## Workstreams');
    expect(empty.endsWith('\n')).toBe(true);
    expect(empty).not.toMatch(/\n{3,}/);
  });
});

describe('handoffBrief with hostile text in every user-written field', () => {
  // What a lax renderer does with the pasted brief: raw HTML on, bare URLs linked, no link filtering.
  const md = new MarkdownIt({ html: true, linkify: true });
  md.validateLink = () => true;

  const IMG = '<img src=x onerror=alert(1)>';
  const LINK = '[click me](javascript:alert(1))';
  const PIXEL = '![](https://tracker.example/pixel.png)';
  const SCRIPT = '<script>alert(2)</script>';
  const hostile = (field: string) => `${field} ${IMG} ${LINK} ${PIXEL} ${SCRIPT} *b* _i_ \`c\` # h`;
  const user = (name: string) => ({ accountId: `acc-${name.length}`, displayName: hostile(name) });

  const rec = {
    ...readyRecord(),
    pilot: { plannedCloseDate: '2026-03-22' },
    conditions: [
      { ...condition('c1', hostile('condition'), 'permanent'), details: hostile('details'), grantedBy: hostile('granted') },
      {
        ...condition('c2', hostile('withdrawn'), 'withdrawn'),
        decision: { status: 'withdrawn' as const, rationale: hostile('rationale'), productionPath: hostile('path'), leadTimeDays: 3, decided: { by: PRIYA, at: AT } },
      },
      condition('c3', hostile('undecided')),
    ],
    pilotMetrics: [{ id: 'm1', name: hostile('metric'), result: hostile('result') }],
    kpis: [
      kpi('k1', hostile('kpi'), 'latency', { baseline: hostile('baseline'), target: hostile('target'), unit: hostile('unit'), source: hostile('source'), owner: hostile('owner'), replacesMetricId: 'm1' }),
      kpi('k2', hostile('business'), 'business-outcome', { horizon: { count: 3, unit: 'quarter' }, firstReviewDate: '2026-01-01' }),
    ],
    ownership: { deliveryOwner: user('delivery owner'), pilotChampion: user('champion'), workstreamLeads: {} },
  };
  const brief = handoffBrief({
    epic: { key: 'AIP-12', summary: hostile('summary') },
    record: rec,
    readiness: computeReadiness(rec, EPIC, POLICY),
    workstreams: [{ name: 'Data integration', issueKey: 'AIP-20', statusName: hostile('status'), lead: hostile('lead') }],
    generatedAt: '10 Mar 2026, 09:00 (UTC)',
    timeZone: 'UTC',
    siteUrl: 'https://example.atlassian.net/',
  });
  const html = md.render(brief.markdown);

  it('renders no image, script or event handler, and no link but the epic\'s', () => {
    expect(html).not.toMatch(/<img|<script|<[a-z][^>]*\sonerror=/i);
    // Links: the epic's, and bare URLs shown as the URL they are (a renderer's linkify); never a disguised or script link.
    const links = [...html.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map(([, href, text]) => ({ href, text }));
    const epicLink = { href: 'https://example.atlassian.net/browse/AIP-12', text: 'AIP-12' };
    expect(links.filter((l) => l.href === epicLink.href)).toEqual([epicLink]);
    for (const link of links.filter((l) => l.href !== epicLink.href)) expect(link).toEqual({ href: link.text, text: expect.stringMatching(/^https:\/\/tracker\.example\//) });
    expect(html.match(/<a /g)).toHaveLength(links.length);
    expect(html).not.toMatch(/<(em|strong|code|h[1-6]|del)>[^<]*(b|i|c|h)<\/\1>/);
  });

  it('keeps every hostile text readable as the text it was', () => {
    const text = html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    for (const piece of [IMG, LINK, PIXEL, SCRIPT]) expect(text.split(piece).length - 1).toBeGreaterThanOrEqual(20);
  });

  it('the HTML flavour holds no tag, attribute or link of theirs, and every text as it was', () => {
    const tags = [...brief.html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/gi)];
    const own = ['h1', 'h2', 'p', 'a', 'strong', 'ul', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'br', 'blockquote'];
    expect(tags.map((tag) => tag[1].toLowerCase()).filter((tag) => !own.includes(tag))).toEqual([]);
    // Attributes: the epic link's href and the tables' own styling, nothing a user wrote.
    const attributes = tags.map((t) => t[2].trim()).filter(Boolean);
    expect(attributes.filter((a) => a.startsWith('href'))).toEqual(['href="https://example.atlassian.net/browse/AIP-12"']);
    expect(attributes.filter((a) => !a.startsWith('href')).every((a) => /^style="[^"<>]*"$/.test(a))).toBe(true);
    const text = brief.html.replace(/<[^>]+>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    for (const piece of [IMG, LINK, PIXEL, SCRIPT]) expect(text.split(piece).length - 1).toBeGreaterThanOrEqual(20);
  });
});
