/**
 * A small chart of one KPI: its readings, the straight target path from the baseline at the first review to
 * the target at the horizon's end, the horizon's end and today. Loaded on demand (its own chunk), so the
 * panel's first render carries none of it.
 */
import { Stack, Text } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { kpiChart, formatValue } from '@src/domain/kpi-progress';
import type { ProductionKpi } from '@src/domain/record';
import { isoToday } from '@src/domain/dates';
import { ErrorBanner } from '@ui/components/ErrorBanner';
import { LoadingState } from '@ui/components/LoadingState';
import { useForgeContext } from '@ui/forge-context';
import { formatDate } from '@ui/words';
import { useKpiReadings } from '../hooks/useKpiReadings';

const W = 320;
const H = 120;
const PAD = { left: 8, right: 8, top: 10, bottom: 18 };
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export default function KpiChart({ kpi, version }: { kpi: ProductionKpi; version: number }) {
  const readings = useKpiReadings(kpi.id, version);
  const context = useForgeContext();
  if (readings.error) return <ErrorBanner error={readings.error} loading="the KPI's readings" onReload={() => void readings.reload()} />;
  if (!readings.data) return <LoadingState label="Loading readings…" />;
  const zone = typeof context.timezone === 'string' && context.timezone ? context.timezone : 'UTC';
  const chart = kpiChart(kpi, readings.data, isoToday(new Date(), zone));
  const { from, to, min, max } = chart.domain;
  const span = Math.max(1, dayMs(to) - dayMs(from));
  const range = max - min || Math.abs(max) || 1;
  const x = (d: string) => PAD.left + ((dayMs(d) - dayMs(from)) / span) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - (min - range * 0.1)) / (range * 1.2)) * (H - PAD.top - PAD.bottom);
  const line = chart.points.map((p) => `${x(p.date).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const latest = chart.points[chart.points.length - 1];
  const description = [
    `${chart.points.length} readings`,
    latest ? `latest ${formatValue(latest.value, kpi.unit)} on ${formatDate(latest.date)}` : 'none yet',
    chart.targetLine ? `target ${formatValue(chart.targetLine[1].value, kpi.unit)} by ${formatDate(chart.targetLine[1].date)}` : 'no target path (baseline, target, first review and horizon are needed)',
  ].join('; ');
  return (
    <Stack space="space.050" testId="kpi-chart">
      <svg width="100%" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Chart of ${kpi.name}: ${description}`} style={{ maxWidth: W }}>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke={token('color.border')} />
        {chart.targetLine && (
          <line data-testid="kpi-chart-target" x1={x(chart.targetLine[0].date)} y1={y(chart.targetLine[0].value)} x2={x(chart.targetLine[1].date)} y2={y(chart.targetLine[1].value)} stroke={token('color.border.success')} strokeDasharray="4 3" />
        )}
        {chart.horizonEnd && <line data-testid="kpi-chart-horizon" x1={x(chart.horizonEnd)} x2={x(chart.horizonEnd)} y1={PAD.top} y2={H - PAD.bottom} stroke={token('color.border.discovery')} />}
        {chart.today >= from && chart.today <= to && <line x1={x(chart.today)} x2={x(chart.today)} y1={PAD.top} y2={H - PAD.bottom} stroke={token('color.border.bold')} strokeDasharray="2 2" />}
        {chart.points.length > 1 && <polyline points={line} fill="none" stroke={token('color.chart.brand')} strokeWidth={2} />}
        {chart.points.map((p) => (
          <circle key={p.date} data-testid="kpi-chart-point" cx={x(p.date)} cy={y(p.value)} r={3} fill={token('color.chart.brand')}>
            <title>{`${formatValue(p.value, kpi.unit)} on ${formatDate(p.date)}`}</title>
          </circle>
        ))}
        <text x={PAD.left} y={H - 4} fontSize="9" fill={token('color.text.subtlest')}>
          {formatDate(from)}
        </text>
        <text x={W - PAD.right} y={H - 4} fontSize="9" textAnchor="end" fill={token('color.text.subtlest')}>
          {formatDate(to)}
        </text>
      </svg>
      <Text size="small" color="color.text.subtlest">
        {description}. Dashed green: the path to the target; purple: the horizon&apos;s end.
      </Text>
    </Stack>
  );
}
