/**
 * The handoff brief: a one-pager answering the three questions, to paste into Confluence, a slide or a
 * mail. One document, written once in blocks, rendered twice: rich HTML (what a paste into Confluence or a
 * mail keeps: headings, tables, the link to the epic) and Markdown (plain-text editors, wikis). Human words
 * throughout (names for codes, dates as people write them); every user-written text escaped in both.
 * Built only from the record and the one readiness computation.
 */
import { humanDate, isoToday } from './dates';
import { CONDITION_KIND_LABELS, DECISION_LABELS, DIRECTION_LABELS, KPI_CATEGORY_LABELS, KPI_STATUS_LABELS } from './labels';
import { withUnit } from './kpi-text';
import { formatValue } from './kpi-progress';
import type { Decision, HandoffRecord, PilotCondition, ProductionKpi } from './record';
import type { Readiness, ReadinessLevel } from './readiness-types';
import { horizonText, plural } from './sentences';

export interface BriefWorkstream {
  name: string;
  issueKey?: string;
  statusName?: string;
  lead?: string;
}

export interface BriefInput {
  epic: { key: string; summary: string };
  record: HandoffRecord | null;
  readiness: Readiness;
  workstreams?: BriefWorkstream[];
  /** When the brief was made, already in words ("30 Nov 2026, 14:03 (Europe/Berlin)"). */
  generatedAt: string;
  /** The reader's zone, for the days of timestamps (an acceptance). */
  timeZone: string;
  /** The Jira site, for the link to the epic; only http(s) addresses are linked. */
  siteUrl?: string;
}

export interface Brief {
  markdown: string;
  html: string;
}

const LEVEL_WORDS: Record<ReadinessLevel, string> = {
  'not-started': 'Not started',
  deciding: 'Deciding',
  ready: 'Ready for production',
  shipped: 'Shipped',
};

// ---- the document ---------------------------------------------------------------------------------
/** Inline content: the brief's own words, user text (escaped on output), emphasis, the epic link. */
type Span = { text: string } | { strong: string } | { link: string; href: string };
type Block =
  | { kind: 'h1' | 'h2' | 'p'; spans: Span[] }
  | { kind: 'list'; items: Span[][] }
  | { kind: 'table'; header: string[]; rows: Array<Array<string | undefined>> }
  | { kind: 'warning'; title: string; text: string };

const t = (text: string): Span => ({ text });
const p = (...spans: Span[]): Block => ({ kind: 'p', spans });

export function handoffBrief(input: BriefInput): Brief {
  const blocks = briefBlocks(input);
  return { markdown: toMarkdown(blocks), html: toHtml(blocks) };
}

function briefBlocks(input: BriefInput): Block[] {
  const { epic, record, readiness } = input;
  const link = epicLink(input);
  const status = readiness.answered ? ' (all questions answered)' : ` (${plural(readiness.openQuestions, 'question')} open)`;
  return [
    { kind: 'h1', spans: [t(`Production handoff: ${epic.key} ${epic.summary}`)] },
    ...(link ? [p(t('Epic: '), link)] : []),
    p(t(`Generated ${input.generatedAt}. Readiness: `), { strong: LEVEL_WORDS[readiness.level] }, t(`${status}.`)),
    ...(readiness.pilot.sentence ? [p(t(readiness.pilot.sentence))] : []),
    ...readinessSection(readiness),
    { kind: 'h2', spans: [t('1. Which pilot conditions become permanent?')] },
    ...conditionsSection(record?.conditions ?? []),
    { kind: 'h2', spans: [t('2. Which metrics govern production, over what horizon?')] },
    ...kpiSection(record, readiness),
    { kind: 'h2', spans: [t('3. Who owns the delivery?')] },
    ...ownerSection(record, input.timeZone),
    ...workstreamSection(input.workstreams),
  ];
}

function epicLink(input: BriefInput): Span | undefined {
  if (!input.siteUrl || !/^https?:\/\/[^\s"'<>]+$/i.test(input.siteUrl)) return undefined;
  return { link: input.epic.key, href: `${input.siteUrl.replace(/\/$/, '')}/browse/${encodeURIComponent(input.epic.key)}` };
}

function readinessSection(readiness: Readiness): Block[] {
  const out: Block[] = [];
  if (readiness.missing.length > 0) out.push(p({ strong: 'Missing answers' }), { kind: 'list', items: readiness.missing.map((m) => [t(m.sentence)]) });
  const signal = readiness.shipSignal;
  if (signal.active && signal.headline && signal.sentence) out.push({ kind: 'warning', title: `${signal.headline}.`, text: signal.sentence });
  return out;
}

function decisionDetail(d: Decision): string {
  if (d.status === 'permanent') return `Sustained by ${d.sustainedBy}${d.reviewDate ? `, review by ${humanDate(d.reviewDate)}` : ''}`;
  if (d.status === 'withdrawn') return `Production path: ${d.productionPath} (lead time ${plural(d.leadTimeDays, 'day')})`;
  return '';
}

function conditionsSection(conditions: PilotCondition[]): Block[] {
  if (conditions.length === 0) return [p(t('No pilot conditions are recorded.'))];
  return [
    {
      kind: 'table',
      header: ['Condition', 'Kind', 'Decision', 'Sustained by / production path', 'Rationale'],
      rows: conditions.map((c) => [
        c.name,
        CONDITION_KIND_LABELS[c.kind],
        DECISION_LABELS[c.decision.status],
        decisionDetail(c.decision),
        c.decision.status === 'undecided' ? '' : c.decision.rationale,
      ]),
    },
  ];
}

function kpiRow(kpi: ProductionKpi, record: HandoffRecord): Array<string | undefined> {
  const replaces = kpi.replacesMetricId ? (record.pilotMetrics.find((m) => m.id === kpi.replacesMetricId)?.name ?? '') : '';
  const from = withUnit(kpi.baseline, kpi.unit);
  const to = withUnit(kpi.target, kpi.unit);
  return [
    kpi.name,
    KPI_CATEGORY_LABELS[kpi.category],
    from || to ? `${from || '?'} → ${to || '?'}` : '',
    DIRECTION_LABELS[kpi.direction],
    kpi.horizon ? horizonText(kpi.horizon) : '',
    kpi.firstReviewDate ? humanDate(kpi.firstReviewDate) : '',
    KPI_STATUS_LABELS[kpi.status],
    replaces,
  ];
}

function kpiSection(record: HandoffRecord | null, readiness: Readiness): Block[] {
  const out: Block[] = [];
  const metrics = record?.pilotMetrics ?? [];
  if (metrics.length > 0) {
    out.push(p(t('Pilot success metrics:')), { kind: 'list', items: metrics.map((m) => [t(m.result ? `${m.name}: ${m.result}` : m.name)]) });
  }
  const kpis = record?.kpis ?? [];
  if (!record || kpis.length === 0) out.push(p(t('No production KPIs are recorded.')));
  else out.push({ kind: 'table', header: ['KPI', 'Category', 'Baseline → target', 'Direction', 'Horizon', 'First review', 'Status', 'Replaces'], rows: kpis.map((k) => kpiRow(k, record)) });
  if (readiness.kpiFlags.length > 0) out.push({ kind: 'list', items: readiness.kpiFlags.map((f) => [t(f.sentence)]) });
  const latest = kpis.flatMap((k) => {
    const l = record?.kpiReadings?.[k.id]?.latest;
    return l ? [[t(`${k.name}: ${formatValue(l.value, k.unit)} on ${humanDate(l.date)}`)]] : [];
  });
  if (latest.length > 0) out.push(p(t('Latest readings:')), { kind: 'list', items: latest });
  return out;
}

function ownerSection(record: HandoffRecord | null, timeZone: string): Block[] {
  const own = record?.ownership;
  const owner = own?.deliveryOwner;
  const accepted = own?.accepted && owner && own.accepted.by.accountId === owner.accountId ? own.accepted : undefined;
  const out: Block[] = [
    owner
      ? p(t('Delivery owner: '), { strong: owner.displayName }, t(accepted ? ` (accepted ${humanDate(isoToday(new Date(accepted.at), timeZone))})` : ' (not yet accepted)'))
      : p(t('Delivery owner: not named.')),
  ];
  if (own?.pilotChampion) out.push(p(t(`Pilot champion: ${own.pilotChampion.displayName}`)));
  return out;
}

function workstreamSection(workstreams?: BriefWorkstream[]): Block[] {
  if (!workstreams || workstreams.length === 0) return [];
  return [
    { kind: 'h2', spans: [t('Workstreams')] },
    { kind: 'table', header: ['Workstream', 'Issue', 'Status', 'Lead'], rows: workstreams.map((w) => [w.name, w.issueKey ?? 'not created', w.statusName, w.lead]) },
  ];
}

// ---- Markdown -------------------------------------------------------------------------------------
/**
 * User-written text shown as itself wherever the brief is pasted: HTML's `<`, `>` and `&` become
 * entities (no tag, image or autolink can start), and Markdown's inline punctuation is escaped (no
 * link, image, emphasis, code or table cell boundary can start). Line starts need nothing more: every
 * line of the brief begins with the brief's own words or markup, never with user text.
 */
function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/[\\`*_[\]|~#]/g, '\\$&');
}

/** A table cell stays one cell: escaped, line breaks become <br>. */
export function cell(value: string | number | undefined | null): string {
  if (value === undefined || value === null || value === '') return '—';
  return escapeText(String(value)).replace(/\r\n|\r|\n/g, '<br>');
}

/** Inline text outside tables: escaped, and on one line so it cannot start a heading or list. */
function inline(value: string): string {
  return escapeText(value.replace(/\s*[\r\n]+\s*/g, ' '));
}

function markdownSpans(spans: Span[]): string {
  return spans
    .map((s) => ('strong' in s ? `**${inline(s.strong)}**` : 'link' in s ? `[${inline(s.link)}](${s.href})` : inline(s.text)))
    .join('');
}

function markdownBlock(b: Block): string[] {
  switch (b.kind) {
    case 'h1':
      return [`# ${markdownSpans(b.spans)}`];
    case 'h2':
      return [`## ${markdownSpans(b.spans)}`];
    case 'p':
      return [markdownSpans(b.spans)];
    case 'list':
      return b.items.map((item) => `- ${markdownSpans(item)}`);
    case 'warning':
      return [`> **${inline(b.title)}** ${inline(b.text)}`];
    case 'table':
      return [`| ${b.header.join(' | ')} |`, `| ${b.header.map(() => '---').join(' | ')} |`, ...b.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
  }
}

function toMarkdown(blocks: Block[]): string {
  return `${blocks.map((b) => markdownBlock(b).join('\n')).join('\n\n').trimEnd()}\n`;
}

// ---- HTML -----------------------------------------------------------------------------------------
const escapeHtml = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** Borders a paste keeps (Confluence, mail clients); no class names, no script, no user-written attribute. */
const TABLE_STYLE = 'border-collapse:collapse';
const CELL_STYLE = 'border:1px solid #c1c7d0;padding:4px 8px;text-align:left;vertical-align:top';

function htmlSpans(spans: Span[]): string {
  return spans
    .map((s) => ('strong' in s ? `<strong>${escapeHtml(s.strong)}</strong>` : 'link' in s ? `<a href="${escapeHtml(s.href)}">${escapeHtml(s.link)}</a>` : escapeHtml(s.text)))
    .join('');
}

const htmlCell = (value: string | undefined) => (value ? escapeHtml(value).replace(/\r\n|\r|\n/g, '<br>') : '—');

function htmlBlock(b: Block): string {
  switch (b.kind) {
    case 'h1':
    case 'h2':
    case 'p':
      return `<${b.kind}>${htmlSpans(b.spans)}</${b.kind}>`;
    case 'list':
      return `<ul>${b.items.map((item) => `<li>${htmlSpans(item)}</li>`).join('')}</ul>`;
    case 'warning':
      return `<blockquote><strong>${escapeHtml(b.title)}</strong> ${escapeHtml(b.text)}</blockquote>`;
    case 'table': {
      const head = `<thead><tr>${b.header.map((h) => `<th style="${CELL_STYLE}">${escapeHtml(h)}</th>`).join('')}</tr></thead>`;
      const body = `<tbody>${b.rows.map((r) => `<tr>${r.map((v) => `<td style="${CELL_STYLE}">${htmlCell(v)}</td>`).join('')}</tr>`).join('')}</tbody>`;
      return `<table style="${TABLE_STYLE}">${head}${body}</table>`;
    }
  }
}

const toHtml = (blocks: Block[]): string => blocks.map(htmlBlock).join('\n');
