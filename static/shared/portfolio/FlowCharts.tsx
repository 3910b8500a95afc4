/**
 * The flow metrics as small charts: days from pilot close to ready and to shipped (median bars with their
 * value, 80th percentile as a tick) per quarter, purgatory entered and left per month, and the share of
 * pilots closed with the three questions answered. Each chart has a legend, a tooltip per bar, an
 * accessible description of every value, and a sentence that says what is unknown.
 */
import type { DurationMetric, DurationStat, FlowMetrics } from '@src/domain/flow-metrics';

const W = 232;
const H = 72;
/** Room above the bars for their value, below them for the period. */
const TOP = 12;
const BOTTOM = 14;
const muted = 'var(--ds-text-subtle, #505f79)';
const BAR = 'var(--ds-background-brand-bold, #0c66e4)';
const TICK = 'var(--ds-border-danger, #c9372c)';
const ENTERED = 'var(--ds-background-danger-bold, #c9372c)';
const LEFT = 'var(--ds-background-success-bold, #1f845a)';
const EMPTY = 'var(--ds-border, #dfe1e6)';
const MONTH_LETTERS = ['J', 'F', 'M', 'A', 'M', 'J', 'J', 'A', 'S', 'O', 'N', 'D'];

const figureStyle = { margin: 0, width: W, flex: `0 0 ${W}px` } as const;
const captionStyle = { fontWeight: 600, fontSize: 14, marginBottom: 4 } as const;
const sentenceStyle = { margin: '4px 0 0', fontSize: 12, color: muted } as const;

const days = (n: number | null) => (n === null ? 'no data' : `${n} ${n === 1 ? 'day' : 'days'}`);
const count = (n: number) => `${n} ${n === 1 ? 'initiative' : 'initiatives'}`;

function statText(q: DurationStat): string {
  return q.count === 0 ? `${q.period}: no initiative` : `${q.period}: median ${days(q.median)}, 80th percentile ${days(q.p80)}, ${count(q.count)}`;
}

function Legend({ items }: { items: Array<{ label: string; swatch: 'bar' | 'tick'; color: string }> }) {
  return (
    <div aria-hidden style={{ display: 'flex', gap: 12, fontSize: 11, color: muted, marginTop: 2 }}>
      {items.map((i) => (
        <span key={i.label} style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
          <span style={i.swatch === 'bar' ? { width: 10, height: 10, background: i.color, borderRadius: 2 } : { width: 12, height: 0, borderTop: `2px solid ${i.color}` }} />
          {i.label}
        </span>
      ))}
    </div>
  );
}

function DurationChart({ title, metric, testId }: { title: string; metric: DurationMetric; testId: string }) {
  const max = Math.max(1, ...metric.byQuarter.map((q) => q.p80 ?? q.median ?? 0));
  const bw = W / Math.max(1, metric.byQuarter.length);
  const y = (v: number) => TOP + H - (v / max) * H;
  const label = `${title} (days): ${metric.byQuarter.map((q) => `${q.period} ${q.median === null ? 'no data' : `median ${q.median} days, 80th percentile ${q.p80} days`}`).join('; ')}`;
  return (
    <figure data-testid={testId} style={figureStyle}>
      <figcaption style={captionStyle}>{title}</figcaption>
      <svg width={W} height={TOP + H + BOTTOM} role="img" aria-label={label}>
        {metric.byQuarter.map((q, i) => {
          const x = i * bw + 3;
          const w = bw - 6;
          return (
            <g key={q.period} data-period={q.period} data-median={q.median ?? ''}>
              <title>{statText(q)}</title>
              {q.median === null ? (
                <line x1={x} x2={x + w} y1={TOP + H} y2={TOP + H} stroke={EMPTY} strokeWidth={1} />
              ) : (
                <>
                  {/* A zero median still shows: a sliver, and its value above it. */}
                  <rect x={x} y={Math.min(y(q.median), TOP + H - 2)} width={w} height={Math.max(2, TOP + H - y(q.median))} fill={BAR} rx={1} />
                  {q.p80 !== null && <line x1={x - 1} x2={x + w + 1} y1={y(q.p80)} y2={y(q.p80)} stroke={TICK} strokeWidth={2} />}
                  <text x={x + w / 2} y={Math.min(y(q.median), y(q.p80 ?? q.median)) - 3} fontSize={9} textAnchor="middle" fill={muted}>{q.median}</text>
                </>
              )}
              <text x={x + w / 2} y={TOP + H + 11} fontSize={8} textAnchor="middle" fill={muted}>{q.period.replace(/^\d\d/, '')}</text>
            </g>
          );
        })}
      </svg>
      <Legend items={[{ label: 'median days', swatch: 'bar', color: BAR }, { label: '80th percentile', swatch: 'tick', color: TICK }]} />
      <p style={sentenceStyle}>{metric.sentence}</p>
    </figure>
  );
}

function PurgatoryChart({ metrics }: { metrics: FlowMetrics }) {
  const months = metrics.purgatory.byMonth;
  const max = Math.max(1, ...months.flatMap((m) => [m.entered, m.left]));
  const bw = W / Math.max(1, months.length);
  const h = (v: number) => (v / max) * H;
  const label = `Purgatory per month: ${months.map((m) => `${m.month} ${m.entered} entered, ${m.left} left`).join('; ')}`;
  return (
    <figure data-testid="flow-purgatory" style={figureStyle}>
      <figcaption style={captionStyle}>Entering and leaving purgatory</figcaption>
      <svg width={W} height={TOP + H + BOTTOM} role="img" aria-label={label}>
        <line x1={0} x2={W} y1={TOP + H} y2={TOP + H} stroke={EMPTY} strokeWidth={1} />
        {months.map((m, i) => (
          <g key={m.month} data-month={m.month} data-entered={m.entered} data-left={m.left}>
            <title>{`${m.month}: ${m.entered} entered, ${m.left} left`}</title>
            <rect x={i * bw + 2} y={TOP + H - h(m.entered)} width={bw / 2 - 2} height={h(m.entered)} fill={ENTERED} />
            <rect x={i * bw + bw / 2} y={TOP + H - h(m.left)} width={bw / 2 - 2} height={h(m.left)} fill={LEFT} />
            <text x={i * bw + bw / 2} y={TOP + H + 11} fontSize={8} textAnchor="middle" fill={muted}>{MONTH_LETTERS[Number(m.month.slice(5, 7)) - 1] ?? ''}</text>
          </g>
        ))}
      </svg>
      <Legend items={[{ label: 'entered', swatch: 'bar', color: ENTERED }, { label: 'left (shipped)', swatch: 'bar', color: LEFT }]} />
      <p style={sentenceStyle}>
        {metrics.purgatory.entered} entered, {metrics.purgatory.left} left in {months.length} months
        {months.length > 0 ? ` (${months[0].month} to ${months[months.length - 1].month})` : ''}
        {metrics.purgatory.unknown > 0 ? `; ${metrics.purgatory.unknown} unknown` : ''}
      </p>
    </figure>
  );
}

export function FlowCharts({ metrics, title }: { metrics: FlowMetrics; title: string }) {
  const a = metrics.answeredAtClose;
  return (
    <section aria-label={title} data-testid="flow-charts" style={{ display: 'flex', flexWrap: 'wrap', gap: 24, alignItems: 'flex-start' }}>
      <DurationChart title="Pilot close to ready" metric={metrics.closeToReady} testId="flow-close-to-ready" />
      <DurationChart title="Pilot close to shipped" metric={metrics.closeToShipped} testId="flow-close-to-shipped" />
      <PurgatoryChart metrics={metrics} />
      <figure data-testid="flow-answered" style={figureStyle}>
        <figcaption style={captionStyle}>Pilots closed with the three questions answered</figcaption>
        <p style={{ fontSize: 28, fontWeight: 600, margin: '8px 0 4px' }}>{a.share === null ? 'Unknown' : `${Math.round(a.share * 100)}%`}</p>
        <div aria-hidden style={{ height: 8, borderRadius: 4, background: EMPTY, overflow: 'hidden' }}>
          <div style={{ width: `${Math.round((a.share ?? 0) * 100)}%`, height: '100%', background: LEFT }} />
        </div>
        <p style={sentenceStyle}>{a.sentence}</p>
      </figure>
    </section>
  );
}
