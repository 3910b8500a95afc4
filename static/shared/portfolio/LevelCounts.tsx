/** Initiatives per readiness level as a row of bars with their counts (the report's chart, for rows of many projects). */
import { READINESS_LEVELS, type ReadinessLevel } from '@src/domain/readiness-types';
import type { PortfolioRow } from '@src/shared/contract';
import { LEVEL_LABELS } from '@ui/words';

const COLOURS: Record<ReadinessLevel, string> = {
  'not-started': 'var(--ds-background-neutral-bold, #44546f)',
  deciding: 'var(--ds-background-warning-bold, #e2b203)',
  ready: 'var(--ds-background-information-bold, #0c66e4)',
  shipped: 'var(--ds-background-success-bold, #1f845a)',
};

export function levelCounts(rows: readonly PortfolioRow[]): Record<ReadinessLevel, number> {
  const counts = Object.fromEntries(READINESS_LEVELS.map((l) => [l, 0])) as Record<ReadinessLevel, number>;
  for (const r of rows) counts[r.level]++;
  return counts;
}

export function LevelCounts({ rows }: { rows: readonly PortfolioRow[] }) {
  const counts = levelCounts(rows);
  const total = Math.max(1, rows.length);
  return (
    <ul aria-label="Initiatives per readiness level" data-testid="level-counts" style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', gap: 12, flexWrap: 'wrap' }}>
      {READINESS_LEVELS.map((level) => (
        <li key={level} data-testid={`level-${level}`} style={{ minWidth: 90 }}>
          <div style={{ height: 6, width: `${Math.max(4, (counts[level] / total) * 100)}%`, background: COLOURS[level] }} />
          <span style={{ fontSize: 20, fontWeight: 600 }}>{counts[level]}</span> {LEVEL_LABELS[level]}
        </li>
      ))}
    </ul>
  );
}
