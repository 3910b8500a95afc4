import Heading from '@atlaskit/heading';
import { Box, Inline, Stack, Text, xcss } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import { READINESS_LEVELS, type ReadinessLevel } from '@src/domain/readiness-types';
import type { ReportFilter, ReportTotals } from '@src/domain/report';
import type { ReportFlag } from '@src/domain/report-types';
import type { TrendWeek } from '@src/domain/readiness-trend';
import { formatDate, LEVEL_LABELS } from '@ui/words';

/** Same hues as the readiness lozenges: grey, blue, green, purple. */
export const LEVEL_COLOURS: Record<ReadinessLevel, string> = {
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

const visuallyHidden = { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap', border: 0 } as const;
const barTrack = { flex: 1, height: 12, borderRadius: 3, background: token('color.background.neutral') };
const plainButton = { all: 'unset', cursor: 'pointer', borderRadius: 3 } as const;

export type TrendState = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; weeks: TrendWeek[] };

interface Props {
  totals: ReportTotals;
  filter: ReportFilter;
  /** A bar or counter was pressed: the filter it toggles. */
  onFilter: (filter: ReportFilter) => void;
  trend: TrendState;
}

/** Each level's bar filters the table to that level; pressed again, it shows every level. The label is the button (keyboard, screen readers); the whole row takes a click. */
function LevelBars({ totals, filter, onFilter }: Omit<Props, 'trend'>) {
  const max = Math.max(1, ...READINESS_LEVELS.map((l) => totals.byLevel[l]));
  const toggle = (level: ReadinessLevel) => onFilter({ ...filter, level: filter.level === level ? undefined : level });
  return (
    <table aria-label="Initiatives per readiness level" style={{ width: '100%', borderCollapse: 'collapse' }}>
      <tbody style={{ borderBottom: 'none' }}>
        {READINESS_LEVELS.map((level) => {
          const pressed = filter.level === level;
          const dimmed = filter.level !== undefined && !pressed;
          return (
            <tr key={level} data-level={level} data-count={totals.byLevel[level]} onClick={() => toggle(level)} style={{ cursor: 'pointer', opacity: dimmed ? 0.55 : 1 }}>
              <th scope="row" style={{ width: 96, textAlign: 'start', padding: `${token('space.050')} 0`, font: token('font.body.small'), color: token('color.text.subtle') }}>
                <button
                  type="button"
                  aria-pressed={pressed}
                  data-testid={`level-bar-${level}`}
                  title={pressed ? 'Show every level' : `Show only ${LEVEL_LABELS[level]}`}
                  style={{ ...plainButton, font: token('font.body.small'), color: pressed ? token('color.text') : token('color.text.subtle'), fontWeight: pressed ? token('font.weight.bold') : undefined }}
                >
                  {LEVEL_LABELS[level]}
                </button>
              </th>
              <td style={{ padding: `${token('space.050')} ${token('space.100')}` }}>
                <div style={barTrack} aria-hidden data-testid={`level-bar-track-${level}`}>
                  <div style={{ width: `${(totals.byLevel[level] / max) * 100}%`, height: '100%', borderRadius: 3, background: LEVEL_COLOURS[level], outline: pressed ? `2px solid ${token('color.border.focused')}` : undefined }} />
                </div>
              </td>
              <td style={{ width: 48, textAlign: 'end', font: token('font.body'), fontWeight: token('font.weight.semibold') }}>{totals.byLevel[level]}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface CounterProps {
  label: string;
  value: number;
  testId: string;
  tone?: 'danger' | 'warning';
  pressed: boolean;
  onPress: () => void;
}

/** A counter is a button: pressed, the table shows just the initiatives it counts. */
function Counter({ label, value, testId, tone, pressed, onPress }: CounterProps) {
  const colour = value > 0 && tone ? token(tone === 'danger' ? 'color.text.danger' : 'color.text.warning') : token('color.text');
  return (
    <button
      type="button"
      aria-pressed={pressed}
      data-testid={testId}
      onClick={onPress}
      style={{ ...plainButton, padding: token('space.050'), margin: `calc(-1 * ${token('space.050')})`, background: pressed ? token('color.background.selected') : undefined, outline: pressed ? `1px solid ${token('color.border.selected')}` : undefined }}
    >
      <Stack space="space.050">
        <span style={{ font: token('font.metric.medium'), color: colour }} data-value={value}>
          {value.toLocaleString()}
        </span>
        <Text size="small" color="color.text.subtle">
          {label}
        </Text>
      </Stack>
    </button>
  );
}

/** Today's initiatives at each level at the end of each of the last 12 weeks, as 100% columns; unknown hatched. */
function Trend({ trend }: { trend: TrendState }) {
  if (trend.state === 'loading') return <Text size="small" color="color.text.subtle">Reading the last 12 weeks of the audit trail…</Text>;
  if (trend.state === 'failed') return <Text size="small" color="color.text.danger">{`The 12-week trend could not be read: ${trend.message}`}</Text>;
  const { weeks } = trend;
  const total = (w: TrendWeek) => READINESS_LEVELS.reduce((n, l) => n + w.byLevel[l], w.unknown);
  const anyUnknown = weeks.some((w) => w.unknown > 0);
  const hatch = `repeating-linear-gradient(45deg, ${token('color.background.neutral')} 0 3px, ${token('color.border')} 3px 5px)`;
  return (
    <Stack space="space.050">
      <div aria-hidden style={{ display: 'flex', alignItems: 'flex-end', gap: 3, height: 72 }}>
        {weeks.map((w) => (
          <div key={w.end} data-testid="trend-week" data-week-end={w.end} data-unknown={w.unknown} {...Object.fromEntries(READINESS_LEVELS.map((l) => [`data-${l}`, w.byLevel[l]]))}
            style={{ width: 14, height: '100%', display: 'flex', flexDirection: 'column-reverse', borderRadius: 2, overflow: 'hidden', background: token('color.background.neutral') }}>
            {total(w) > 0 && READINESS_LEVELS.map((l) => <div key={l} style={{ height: `${(w.byLevel[l] / total(w)) * 100}%`, background: LEVEL_COLOURS[l] }} />)}
            {w.unknown > 0 && <div style={{ height: `${(w.unknown / total(w)) * 100}%`, background: hatch }} />}
          </div>
        ))}
      </div>
      <Text size="small" color="color.text.subtle">
        {`${formatDate(weeks[0].end)} – today${anyUnknown ? ' · hatched: unknown (the audit trail does not tell)' : ''}`}
      </Text>
      {/* Hidden from view, read by screen readers; a table box ignores its own width, so a div clips it. */}
      <div style={visuallyHidden}>
      <table>
        <caption>Initiatives per readiness level at the end of each of the last 12 weeks</caption>
        <thead>
          <tr>
            <th scope="col">Week ending</th>
            {READINESS_LEVELS.map((l) => <th key={l} scope="col">{LEVEL_LABELS[l]}</th>)}
            <th scope="col">Unknown</th>
          </tr>
        </thead>
        <tbody>
          {weeks.map((w) => (
            <tr key={w.end}>
              <th scope="row">{formatDate(w.end)}</th>
              {READINESS_LEVELS.map((l) => <td key={l}>{w.byLevel[l]}</td>)}
              <td>{w.unknown}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </Stack>
  );
}

export function SummaryChart({ totals, filter, onFilter, trend }: Props) {
  const flagToggle = (flag: ReportFlag) => () => onFilter({ ...filter, flag: filter.flag === flag ? undefined : flag });
  return (
    <Box xcss={cardStyles} testId="summary-chart">
      <Inline space="space.400" alignBlock="start" shouldWrap>
        <Box xcss={xcss({ flexGrow: 1, minWidth: '260px', maxWidth: '480px' })}>
          <Stack space="space.100">
            <Heading size="xsmall" as="h2">
              {`${totals.total.toLocaleString()} initiatives by readiness`}
            </Heading>
            <LevelBars totals={totals} filter={filter} onFilter={onFilter} />
          </Stack>
        </Box>
        <Box testId="trend-chart">
          <Stack space="space.100">
            <Heading size="xxsmall" as="h3">
              Last 12 weeks
            </Heading>
            <Trend trend={trend} />
          </Stack>
        </Box>
        <Inline space="space.300" alignBlock="start" shouldWrap>
          <Counter label="Stalled" value={totals.stalled} testId="summary-stalled" tone="danger" pressed={filter.flag === 'stalled'} onPress={flagToggle('stalled')} />
          <Counter label="Weak commitment" value={totals.shipSignal} testId="summary-ship-signal" tone="danger" pressed={filter.flag === 'ship-signal'} onPress={flagToggle('ship-signal')} />
          <Counter label="No delivery owner" value={totals.noOwner} testId="summary-no-owner" tone="warning" pressed={filter.flag === 'no-owner'} onPress={flagToggle('no-owner')} />
          <Counter label="In pilot purgatory" value={totals.inPurgatory} testId="summary-purgatory" tone="warning" pressed={filter.inPurgatory === true} onPress={() => onFilter({ ...filter, inPurgatory: filter.inPurgatory ? undefined : true })} />
        </Inline>
      </Inline>
    </Box>
  );
}
