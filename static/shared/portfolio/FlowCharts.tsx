/**
 * The flow metrics as small charts: days from pilot close to ready and to shipped (median bars, 80th
 * percentile as a tick) per quarter, purgatory entered and left per month, and the share of pilots closed
 * with the three questions answered. Each chart says in words what it shows and what is unknown.
 */
import type { DurationMetric, FlowMetrics } from '@src/domain/flow-metrics';

const W = 220;
const H = 80;
const muted = 'var(--ds-text-subtle, #505f79)';

function DurationChart({ title, metric, testId }: { title: string; metric: DurationMetric; testId: string }) {
  const max = Math.max(1, ...metric.byQuarter.map((q) => q.p80 ?? q.median ?? 0));
  const bw = W / Math.max(1, metric.byQuarter.length);
  const label = `${title}: ${metric.byQuarter.map((q) => `${q.period} ${q.median === null ? 'no data' : `median ${q.median} days, 80th percentile ${q.p80} days`}`).join('; ')}`;
  return (
    <figure data-testid={testId} style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600 }}>{title}</figcaption>
      <svg width={W} height={H + 14} role="img" aria-label={label}>
        {metric.byQuarter.map((q, i) => {
          const h = q.median === null ? 0 : (q.median / max) * H;
          const p = q.p80 === null ? null : H - (q.p80 / max) * H;
          return (
            <g key={q.period}>
              <rect x={i * bw + 2} y={H - h} width={bw - 4} height={h} fill="var(--ds-background-brand-bold, #0c66e4)" />
              {p !== null && <line x1={i * bw + 2} x2={i * bw + bw - 2} y1={p} y2={p} stroke="var(--ds-border-danger, #c9372c)" strokeWidth={2} />}
              <text x={i * bw + bw / 2} y={H + 12} fontSize={8} textAnchor="middle" fill={muted}>{q.period.replace(/^\d\d/, '')}</text>
            </g>
          );
        })}
      </svg>
      <p style={{ margin: 0, fontSize: 12 }}>{metric.sentence}</p>
    </figure>
  );
}

function PurgatoryChart({ metrics }: { metrics: FlowMetrics }) {
  const months = metrics.purgatory.byMonth;
  const max = Math.max(1, ...months.flatMap((m) => [m.entered, m.left]));
  const bw = W / Math.max(1, months.length);
  const label = `Purgatory per month: ${months.map((m) => `${m.month} ${m.entered} entered, ${m.left} left`).join('; ')}`;
  return (
    <figure data-testid="flow-purgatory" style={{ margin: 0 }}>
      <figcaption style={{ fontWeight: 600 }}>Entering and leaving purgatory</figcaption>
      <svg width={W} height={H + 14} role="img" aria-label={label}>
        {months.map((m, i) => (
          <g key={m.month}>
            <rect x={i * bw + 1} y={H - (m.entered / max) * H} width={bw / 2 - 1} height={(m.entered / max) * H} fill="var(--ds-background-danger-bold, #c9372c)" />
            <rect x={i * bw + bw / 2} y={H - (m.left / max) * H} width={bw / 2 - 1} height={(m.left / max) * H} fill="var(--ds-background-success-bold, #1f845a)" />
          </g>
        ))}
      </svg>
      <p style={{ margin: 0, fontSize: 12 }}>
        {metrics.purgatory.entered} entered, {metrics.purgatory.left} left in {months.length} months
        {metrics.purgatory.unknown > 0 ? `; ${metrics.purgatory.unknown} unknown` : ''}
      </p>
    </figure>
  );
}

export function FlowCharts({ metrics, title }: { metrics: FlowMetrics; title: string }) {
  const a = metrics.answeredAtClose;
  return (
    <section aria-label={title} data-testid="flow-charts" style={{ display: 'flex', flexWrap: 'wrap', gap: 16 }}>
      <DurationChart title="Pilot close to ready (days)" metric={metrics.closeToReady} testId="flow-close-to-ready" />
      <DurationChart title="Pilot close to shipped (days)" metric={metrics.closeToShipped} testId="flow-close-to-shipped" />
      <PurgatoryChart metrics={metrics} />
      <figure data-testid="flow-answered" style={{ margin: 0, maxWidth: W }}>
        <figcaption style={{ fontWeight: 600 }}>Pilots closed with the three questions answered</figcaption>
        <p style={{ fontSize: 24, margin: '8px 0' }}>{a.share === null ? 'Unknown' : `${Math.round(a.share * 100)}%`}</p>
        <p style={{ margin: 0, fontSize: 12 }}>{a.sentence}</p>
      </figure>
    </section>
  );
}
