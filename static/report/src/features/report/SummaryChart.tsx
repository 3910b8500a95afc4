import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { READINESS_LEVELS, type ReadinessLevel } from '@src/domain/readiness-types';
import type { ReportTotals } from '@src/domain/report';
import { LEVEL_LABELS } from '@ui/words';

/** Same hues as the readiness lozenges: grey, blue, green, purple. */
const LEVEL_COLOURS: Record<ReadinessLevel, string> = {
  'not-started': token('color.chart.gray.bold'),
  deciding: token('color.chart.blue.bold'),
  ready: token('color.chart.green.bold'),
  shipped: token('color.chart.purple.bold'),
};

const cardStyles = xcss({
  borderWidth: 'border.width',
  borderStyle: 'solid',
  borderColor: 'color.border',
  borderRadius: 'radius.medium',
  padding: 'space.200',
  backgroundColor: 'elevation.surface',
});

const barTrack = { flex: 1, height: 12, borderRadius: 3, background: token('color.background.neutral') };

function LevelBars({ totals }: { totals: ReportTotals }) {
  const max = Math.max(1, ...READINESS_LEVELS.map((l) => totals.byLevel[l]));
  return (
    <table aria-label="Initiatives per readiness level" style={{ width: '100%', borderCollapse: 'collapse' }}>
      <tbody style={{ borderBottom: 'none' }}>
        {READINESS_LEVELS.map((level) => (
          <tr key={level} data-level={level} data-count={totals.byLevel[level]}>
            <th scope="row" style={{ width: 96, textAlign: 'start', padding: `${token('space.050')} 0`, font: token('font.body.small'), color: token('color.text.subtle') }}>
              {LEVEL_LABELS[level]}
            </th>
            <td style={{ padding: `${token('space.050')} ${token('space.100')}` }}>
              <div style={barTrack} aria-hidden>
                <div style={{ width: `${(totals.byLevel[level] / max) * 100}%`, height: '100%', borderRadius: 3, background: LEVEL_COLOURS[level] }} />
              </div>
            </td>
            <td style={{ width: 48, textAlign: 'end', font: token('font.body'), fontWeight: token('font.weight.semibold') }}>{totals.byLevel[level]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Metric({ label, value, testId, tone }: { label: string; value: number; testId: string; tone?: 'danger' | 'warning' }) {
  const colour = value > 0 && tone ? token(tone === 'danger' ? 'color.text.danger' : 'color.text.warning') : token('color.text');
  return (
    <Stack space="space.050" testId={testId}>
      <span style={{ font: token('font.metric.medium'), color: colour }} data-value={value}>
        {value.toLocaleString()}
      </span>
      <Text size="small" color="color.text.subtle">
        {label}
      </Text>
    </Stack>
  );
}

export function SummaryChart({ totals }: { totals: ReportTotals }) {
  return (
    <Box xcss={cardStyles} testId="summary-chart">
      <Inline space="space.400" alignBlock="start" shouldWrap>
        <Box xcss={xcss({ flexGrow: 1, minWidth: '280px', maxWidth: '560px' })}>
          <Stack space="space.100">
            <Heading size="xsmall" as="h2">
              {`${totals.total.toLocaleString()} initiatives by readiness`}
            </Heading>
            <LevelBars totals={totals} />
          </Stack>
        </Box>
        <Inline space="space.400" alignBlock="start" shouldWrap>
          <Metric label="Stalled" value={totals.stalled} testId="summary-stalled" tone="danger" />
          <Metric label="Weak commitment" value={totals.shipSignal} testId="summary-ship-signal" tone="danger" />
          <Metric label="No delivery owner" value={totals.noOwner} testId="summary-no-owner" tone="warning" />
          <Metric label="In pilot purgatory" value={totals.inPurgatory} testId="summary-purgatory" tone="warning" />
        </Inline>
      </Inline>
    </Box>
  );
}
