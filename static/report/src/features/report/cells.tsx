import Lozenge from '@atlaskit/lozenge';
import Tooltip from '@atlaskit/tooltip';
import { Inline, Stack } from '@atlaskit/primitives';
import { token } from '@atlaskit/tokens';
import type { ReportRow } from '@src/domain/report-types';
import { IssueLink } from '@ui/components/IssueLink';
import { ReadinessLozenge } from '@ui/components/ReadinessLozenge';
import { StatusLozenge } from '@ui/components/StatusLozenge';
import { FLAG_APPEARANCE } from './flags';
import { relativeDate } from './relative-date';
import { FLAG_LABELS, formatDateTime } from '@ui/words';
import type { AtLevel } from '@src/domain/readiness-trend';

/** Long words (names, keys) break rather than push the cell wider: nothing is cut off. */
const wrap = { overflowWrap: 'anywhere' } as const;
const subtle = { font: token('font.body.small'), color: token('color.text.subtlest') };

/**
 * The epic: key and summary (wrapping, never cut off), its flags right under it, and the columns the
 * table folded into the row when it is narrow, as "label value" pairs.
 */
export function EpicCell({ row, folded }: { row: ReportRow; folded: ReadonlyArray<{ id: string; label: string; inline?: (row: ReportRow) => string }> }) {
  return (
    <Stack space="space.050">
      <span style={{ overflowWrap: 'anywhere' }}>
        <IssueLink issueKey={row.key} style={{ fontWeight: token('font.weight.medium'), marginInlineEnd: token('space.100') }} testId="epic-link">
          {row.key}
        </IssueLink>
        <span style={{ color: token('color.text') }} data-testid="epic-summary">
          {row.summary}
        </span>
      </span>
      <FlagsCell row={row} />
      {folded.length > 0 && (
        <span style={{ ...subtle, color: token('color.text.subtle') }} data-testid="folded-columns">
          {folded.map((c, i) => (
            <span key={c.id} data-column={c.id}>
              {i > 0 && ' · '}
              <span style={{ fontWeight: token('font.weight.semibold') }}>{c.label}</span> {c.inline?.(row)}
            </span>
          ))}
        </span>
      )}
    </Stack>
  );
}

/** "12 days", "12+ weeks", "unknown" (with why in a tooltip) for days at the current level. */
export function atLevelText(value: AtLevel | 'loading' | undefined): string {
  if (value === undefined || value === 'loading') return '…';
  if (value.state === 'days') return value.days === 1 ? '1 day' : `${value.days} days`;
  if (value.state === 'over') return `${value.days / 7}+ weeks`;
  return 'unknown';
}

export function AtLevelCell({ value }: { value: AtLevel | 'loading' | undefined }) {
  const text = atLevelText(value);
  if (value === undefined || value === 'loading') return <span style={subtle} aria-label="Loading">{text}</span>;
  if (value.state !== 'unknown') return <span data-testid="at-level" data-days={value.days}>{text}</span>;
  return (
    <Tooltip content={`Unknown: ${value.reason}.`}>
      {(props) => (
        <span {...props} tabIndex={0} style={{ ...subtle, cursor: 'help', textDecoration: 'underline dotted' }} data-testid="at-level" aria-label={`Days at this level unknown: ${value.reason}`}>
          {text}
        </span>
      )}
    </Tooltip>
  );
}

export function StatusCell({ row }: { row: ReportRow }) {
  return <StatusLozenge name={row.statusName} category={row.statusCategory} />;
}

export function OwnerCell({ row }: { row: ReportRow }) {
  if (!row.owner) return <span style={subtle}>No delivery owner</span>;
  return (
    <Stack space="space.0">
      <span style={wrap}>{row.owner.displayName}</span>
      <span style={{ ...subtle, color: row.owner.accepted ? token('color.text.success') : token('color.text.warning') }}>
        {row.owner.accepted ? 'Accepted' : 'Not accepted yet'}
      </span>
    </Stack>
  );
}

export function ConditionsCell({ row }: { row: ReportRow }) {
  const { decided, total, permanent, withdrawn } = row.conditions;
  if (total === 0) return <span style={subtle}>None recorded</span>;
  return (
    <Stack space="space.0">
      <span aria-label={`${decided} of ${total} decided`}>{`${decided}/${total} decided`}</span>
      <span style={{ ...subtle, ...wrap }}>{`${permanent} permanent · ${withdrawn} withdrawn`}</span>
    </Stack>
  );
}

/** "3/5" workstream issues done and, under it, "12 of 19 sub-tasks done". */
export function WorkstreamsCell({ row }: { row: ReportRow }) {
  const { done, total, subtasksDone, subtasksTotal } = row.workstreams;
  if (total === 0) return <span style={subtle}>–</span>;
  return (
    <Stack space="space.0">
      <span aria-label={`${done} of ${total} workstreams done`}>{`${done}/${total}`}</span>
      {subtasksTotal > 0 && <span style={subtle} data-testid="row-subtasks">{`${subtasksDone} of ${subtasksTotal} sub-tasks done`}</span>}
    </Stack>
  );
}

export function Ratio({ done, total, label }: { done: number; total: number; label: string }) {
  if (total === 0) return <span style={subtle}>–</span>;
  return <span aria-label={`${done} of ${total} ${label}`}>{`${done}/${total}`}</span>;
}

export function ReadinessCell({ row }: { row: ReportRow }) {
  return <ReadinessLozenge level={row.level} testId="row-level" />;
}

export function MissingCell({ row }: { row: ReportRow }) {
  if (row.missingCount === 0) return <span style={subtle}>0</span>;
  const list = (
    <ul style={{ margin: 0, paddingInlineStart: token('space.200') }}>
      {row.missing.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
  return (
    <Tooltip content={list} position="left">
      {(props) => (
        <span {...props} tabIndex={0} aria-label={`${row.missingCount} missing answers: ${row.missing.join(' ')}`} style={{ cursor: 'help', textDecoration: 'underline dotted' }} data-testid="missing-count">
          {row.missingCount}
        </span>
      )}
    </Tooltip>
  );
}

export function PurgatoryCell({ row }: { row: ReportRow }) {
  if (row.purgatoryDays === null) return <span style={subtle}>–</span>;
  const danger = row.purgatoryDays > 0;
  return <span style={{ color: danger ? token('color.text.danger') : token('color.text') }}>{`${row.purgatoryDays} d`}</span>;
}

export function LastChangeCell({ row }: { row: ReportRow }) {
  if (!row.lastChange) return <span style={subtle}>Never</span>;
  return (
    <Tooltip content={formatDateTime(row.lastChange)}>
      {(props) => <span {...props}>{relativeDate(row.lastChange)}</span>}
    </Tooltip>
  );
}

export function FlagsCell({ row }: { row: ReportRow }) {
  if (row.flags.length === 0) return null;
  return (
    <Inline space="space.050" shouldWrap testId="row-flags">
      {row.flags.map((flag) => (
        <span key={flag} data-flag={flag}>
          <Lozenge appearance={FLAG_APPEARANCE[flag]}>{FLAG_LABELS[flag]}</Lozenge>
        </span>
      ))}
    </Inline>
  );
}

