/**
 * The handoff brief: a Markdown one-pager answering the three questions, to paste into Confluence
 * or a steering-committee deck. Built only from the record and the one readiness computation.
 */
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
  generatedAt: string;
  siteUrl?: string;
}

const LEVEL_WORDS: Record<ReadinessLevel, string> = {
  'not-started': 'Not started',
  deciding: 'Deciding',
  ready: 'Ready for production',
  shipped: 'Shipped',
};

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

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

export function handoffBrief(input: BriefInput): string {
  const { epic, record, readiness } = input;
  const lines: string[] = [
    `# Production handoff: ${inline(epic.key)} ${inline(epic.summary)}`,
    '',
    ...epicLink(input),
    `Generated ${input.generatedAt}. Readiness: **${LEVEL_WORDS[readiness.level]}**${readiness.answered ? ' (all questions answered)' : ` (${plural(readiness.openQuestions, 'question')} open)`}.`,
    ...(readiness.pilot.sentence ? ['', readiness.pilot.sentence] : []),
    '',
    ...readinessSection(readiness),
    '## 1. Which pilot conditions become permanent?',
    '',
    ...conditionsSection(record?.conditions ?? []),
    '',
    '## 2. Which metrics govern production, over what horizon?',
    '',
    ...kpiSection(record, readiness),
    '',
    '## 3. Who owns the delivery?',
    '',
    ...ownerSection(record),
    '',
    ...workstreamSection(input.workstreams),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function epicLink(input: BriefInput): string[] {
  if (!input.siteUrl) return [];
  return [`Epic: [${inline(input.epic.key)}](${input.siteUrl.replace(/\/$/, '')}/browse/${encodeURIComponent(input.epic.key)})`, ''];
}

function readinessSection(readiness: Readiness): string[] {
  const out: string[] = [];
  if (readiness.missing.length > 0) {
    out.push('**Missing answers**', '', ...readiness.missing.map((m) => `- ${inline(m.sentence)}`), '');
  }
  if (readiness.shipSignal.active && readiness.shipSignal.sentence) out.push(`> **Warning:** ${readiness.shipSignal.sentence}`, '');
  return out;
}

function decisionDetail(d: Decision): string {
  if (d.status === 'permanent') return `Sustained by ${d.sustainedBy}${d.reviewDate ? `, review by ${d.reviewDate}` : ''}`;
  if (d.status === 'withdrawn') return `Production path: ${d.productionPath} (lead time ${plural(d.leadTimeDays, 'day')})`;
  return '';
}

function conditionsSection(conditions: PilotCondition[]): string[] {
  if (conditions.length === 0) return ['No pilot conditions are recorded.'];
  return table(
    ['Condition', 'Kind', 'Decision', 'Sustained by / production path', 'Rationale'],
    conditions.map((c) => [
      cell(c.name),
      cell(c.kind),
      cell(c.decision.status),
      cell(decisionDetail(c.decision)),
      cell(c.decision.status === 'undecided' ? '' : c.decision.rationale),
    ]),
  );
}

function kpiRow(kpi: ProductionKpi, record: HandoffRecord): string[] {
  const replaces = kpi.replacesMetricId ? (record.pilotMetrics.find((m) => m.id === kpi.replacesMetricId)?.name ?? '') : '';
  const change = kpi.baseline || kpi.target ? `${kpi.baseline || '?'} → ${kpi.target || '?'}${kpi.unit ? ` ${kpi.unit}` : ''}` : '';
  return [
    cell(kpi.name),
    cell(kpi.category),
    cell(change),
    cell(kpi.direction === 'higher-is-better' ? 'higher is better' : 'lower is better'),
    cell(kpi.horizon ? horizonText(kpi.horizon) : ''),
    cell(kpi.firstReviewDate),
    cell(kpi.status),
    cell(replaces),
  ];
}

function kpiSection(record: HandoffRecord | null, readiness: Readiness): string[] {
  const out: string[] = [];
  const metrics = record?.pilotMetrics ?? [];
  if (metrics.length > 0) {
    out.push('Pilot success metrics:', '', ...metrics.map((m) => `- ${inline(m.name)}${m.result ? `: ${inline(m.result)}` : ''}`), '');
  }
  const kpis = record?.kpis ?? [];
  if (!record || kpis.length === 0) out.push('No production KPIs are recorded.');
  else out.push(...table(['KPI', 'Category', 'Baseline → target', 'Direction', 'Horizon', 'First review', 'Status', 'Replaces'], kpis.map((k) => kpiRow(k, record))));
  if (readiness.kpiFlags.length > 0) out.push('', ...readiness.kpiFlags.map((f) => `- ${inline(f.sentence)}`));
  const latest = kpis.flatMap((k) => {
    const l = record?.kpiReadings?.[k.id]?.latest;
    return l ? [`- ${inline(k.name)}: ${inline(formatValue(l.value, k.unit))} on ${l.date}`] : [];
  });
  if (latest.length > 0) out.push('', 'Latest readings:', '', ...latest);
  return out;
}

function ownerSection(record: HandoffRecord | null): string[] {
  const own = record?.ownership;
  const owner = own?.deliveryOwner;
  const out = [
    owner
      ? `Delivery owner: **${inline(owner.displayName)}**${own?.accepted && own.accepted.by.accountId === owner.accountId ? ` (accepted ${own.accepted.at.slice(0, 10)})` : ' (not yet accepted)'}`
      : 'Delivery owner: not named.',
  ];
  if (own?.pilotChampion) out.push('', `Pilot champion: ${inline(own.pilotChampion.displayName)}`);
  return out;
}

function workstreamSection(workstreams?: BriefWorkstream[]): string[] {
  if (!workstreams || workstreams.length === 0) return [];
  return [
    '## Workstreams',
    '',
    ...table(
      ['Workstream', 'Issue', 'Status', 'Lead'],
      workstreams.map((w) => [cell(w.name), cell(w.issueKey ?? 'not created'), cell(w.statusName), cell(w.lead)]),
    ),
  ];
}
